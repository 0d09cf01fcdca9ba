package app

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// readDotenv parses a .env file: KEY=VALUE lines, # comments, optional
// "export ", and single- or double-quoted values (double quotes may span
// lines, as a pasted PEM key does, and understand \n). A missing file is empty.
func readDotenv(path string) (map[string]string, error) {
	vars := map[string]string{}
	if path == "" {
		return vars, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return vars, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.TrimPrefix(line, "export ")
		key, value, ok := strings.Cut(line, "=")
		key = strings.TrimSpace(key)
		if !ok || key == "" || strings.ContainsAny(key, " \t") {
			return nil, fmt.Errorf("%s:%d: expected KEY=VALUE", path, i+1)
		}
		value = strings.TrimSpace(value)
		start := i
		switch {
		case strings.HasPrefix(value, `"`):
			// Gather lines until the closing quote.
			for !closedQuote(value[1:]) {
				if i+1 >= len(lines) {
					return nil, fmt.Errorf("%s:%d: %s has an unclosed double quote", path, start+1, key)
				}
				i++
				value += "\n" + lines[i]
			}
			value = strings.TrimSpace(value)
			unq, err := strconv.Unquote(strings.ReplaceAll(value, "\n", `\n`))
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %s: bad double-quoted value: %w", path, start+1, key, err)
			}
			value = unq
		case strings.HasPrefix(value, "'"):
			if len(value) < 2 || !strings.HasSuffix(value, "'") {
				return nil, fmt.Errorf("%s:%d: %s has an unclosed single quote", path, start+1, key)
			}
			value = value[1 : len(value)-1]
		default:
			if j := strings.Index(value, " #"); j >= 0 {
				value = strings.TrimSpace(value[:j])
			}
		}
		vars[key] = value
	}
	return vars, nil
}

// closedQuote reports whether s (after an opening quote) holds an unescaped closing quote.
func closedQuote(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return true
		}
	}
	return false
}

// writeDotenv merges vars into the .env file at path with mode 0600, keeping
// the lines it does not set, and writing through a temporary file so a crash
// never leaves half a file.
func writeDotenv(path string, vars map[string]string) error {
	existing, err := readDotenv(path)
	if err != nil {
		return err
	}
	for k, v := range vars {
		existing[k] = v
	}
	keys := make([]string, 0, len(existing))
	for k := range existing {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("# Written by PR Coach. Real environment variables take precedence.\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%s\n", k, strconv.Quote(existing[k]))
	}
	return replaceFile(path, b.String())
}

// replaceFile writes text to path through a new temporary file in the same
// folder, created with O_EXCL and mode 0600 under a random name, so that no
// file or link someone placed there beforehand is written through; then it
// renames the file over path.
func replaceFile(path, text string) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("creating a temporary file beside %s: %w", path, err)
	}
	tmp := f.Name()
	_, err = f.WriteString(text)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("replacing %s: %w", path, err)
	}
	return nil
}
