package feedback

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/prcoach/prcoach/handlers/ci"
)

// errorish picks a chunk's key error line.
var errorish = regexp.MustCompile(`(?i)error|fail|exception|panic|undefined|cannot|not defined|not found`)

// keyLine is the first line of chunk that reads like an error, else its
// first non-blank line.
func keyLine(chunk string) string {
	first := ""
	for _, l := range strings.FieldsFunc(chunk, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if first == "" {
			first = l
		}
		if errorish.MatchString(l) {
			return l
		}
	}
	return first
}

// TestSignaturesOnLogChunks measures, on the LogChunks failed builds (the
// folder in LOGCHUNKS_DIR; skipped without it), how many builds share
// their key error line with another build of the same repository, as raw
// text and as signatures, and logs the groups signatures merge so they can
// be read by hand (go test -v -run LogChunks ./handlers/feedback/).
func TestSignaturesOnLogChunks(t *testing.T) {
	dir := os.Getenv("LOGCHUNKS_DIR")
	if dir == "" {
		t.Skip("LOGCHUNKS_DIR not set")
	}
	f, err := os.Open(filepath.Join(dir, "chunks.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type build struct{ repo, line string }
	var builds []build
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var c struct{ Repo, Chunk string }
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		builds = append(builds, build{c.Repo, keyLine(c.Chunk)})
	}
	raw, sig := map[string][]string{}, map[string][]string{}
	for _, b := range builds {
		s := SignatureOf(b.line)
		if b.line != "" && s.IsZero() {
			t.Errorf("no signature for %q", b.line)
		}
		if SignatureOf(b.line) != s {
			t.Errorf("signature of %q is not stable", b.line)
		}
		raw[b.repo+"\x00"+b.line] = append(raw[b.repo+"\x00"+b.line], b.line)
		sig[b.repo+"\x00"+s.ID] = append(sig[b.repo+"\x00"+s.ID], b.line)
	}
	recurring := func(groups map[string][]string) int {
		n := 0
		for _, g := range groups {
			if len(g) > 1 {
				n += len(g)
			}
		}
		return n
	}
	rawN, sigN := recurring(raw), recurring(sig)
	if sigN < rawN {
		t.Errorf("signatures find %d recurring builds, fewer than raw lines' %d", sigN, rawN)
	}
	t.Logf("%d builds; sharing their key line with another build of the repository: %d as raw text, %d as signatures; %d raw groups, %d signature groups",
		len(builds), rawN, sigN, len(raw), len(sig))
	var keys []string
	for k, g := range sig {
		if len(g) > 1 && len(uniq(g)) > 1 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		repo, _, _ := strings.Cut(k, "\x00")
		t.Logf("merged in %s → %q:\n  %s", repo, SignatureOf(sig[k][0]).Text, strings.Join(uniq(sig[k]), "\n  "))
	}
}

// uniq returns the distinct strings of ss, sorted.
func uniq(ss []string) []string {
	m := map[string]bool{}
	for _, s := range ss {
		m[s] = true
	}
	out := make([]string, 0, len(m))
	for s := range m {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// TestKeyLineSignaturesOnLogChunks is the same measure with the key line
// the product picks: ci.Analyze on the whole log, then KeyLine.
func TestKeyLineSignaturesOnLogChunks(t *testing.T) {
	dir := os.Getenv("LOGCHUNKS_DIR")
	if dir == "" {
		t.Skip("LOGCHUNKS_DIR not set")
	}
	f, err := os.Open(filepath.Join(dir, "chunks.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	raw, sig := map[string][]string{}, map[string][]string{}
	builds, none := 0, 0
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var c struct{ Repo, Log string }
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		lf, err := os.Open(filepath.Join(dir, c.Log))
		if err != nil {
			t.Fatal(err)
		}
		a, _ := ci.Analyze(lf, nil)
		lf.Close()
		builds++
		line := KeyLine(a)
		if line == "" {
			none++
			continue
		}
		raw[c.Repo+"\x00"+line] = append(raw[c.Repo+"\x00"+line], line)
		id := SignatureOf(line).ID
		sig[c.Repo+"\x00"+id] = append(sig[c.Repo+"\x00"+id], line)
	}
	recurring := func(groups map[string][]string) int {
		n := 0
		for _, g := range groups {
			if len(g) > 1 {
				n += len(g)
			}
		}
		return n
	}
	rawN, sigN := recurring(raw), recurring(sig)
	if sigN < rawN {
		t.Errorf("signatures find %d recurring builds, fewer than raw lines' %d", sigN, rawN)
	}
	t.Logf("%d builds, %d without a key line; sharing their key line with another build of the repository: %d as raw text, %d as signatures",
		builds, none, rawN, sigN)
	var keys []string
	for k, g := range sig {
		if len(uniq(g)) > 1 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		repo, _, _ := strings.Cut(k, "\x00")
		t.Logf("merged in %s → %q:\n  %s", repo, SignatureOf(sig[k][0]).Text, strings.Join(uniq(sig[k]), "\n  "))
	}
}
