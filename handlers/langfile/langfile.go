// Package langfile reads the translations that the handlers' pure packages
// embed: one YAML file per language in one folder, named by its tag as
// prompts.Languages writes it (de.yaml, pt-BR.yaml, zh-Hans.yaml).
package langfile

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Load decodes every dir/<tag>.yaml of fsys into a T and returns them by
// tag. A key T does not know is an error, so a misspelt key fails the
// tests instead of leaving its text in English unnoticed. what names the
// texts in errors ("cause translations").
func Load[T any](fsys fs.FS, dir, what string) (map[string]T, error) {
	files, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("listing %s: %w", what, err)
	}
	out := make(map[string]T, len(files))
	for _, f := range files {
		tag, ok := strings.CutSuffix(f.Name(), ".yaml")
		if !ok || f.IsDir() {
			continue
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, f.Name()))
		if err != nil {
			return nil, fmt.Errorf("reading %s %s: %w", what, f.Name(), err)
		}
		var v T
		dec := yaml.NewDecoder(strings.NewReader(string(b)))
		dec.KnownFields(true)
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("reading %s %s: %w", what, f.Name(), err)
		}
		out[tag] = v
	}
	return out, nil
}
