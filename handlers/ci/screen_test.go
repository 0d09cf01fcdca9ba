package ci

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// bruteClassify is the reference for the screen: every pattern of every
// cause in order on the cleaned line, patterns without a literal of four
// bytes or more (gated) only on lines that extend an excerpt or pass the
// prefilter.
func bruteClassify(kb *KnowledgeBase, gated [][]bool, raw []byte, open bool) int {
	body := matchBody([]byte(cleanLine(raw)))
	looksLikeError := kb.pf.hit(stripTimestamp(raw))
	for i, r := range kb.rules {
		for k, re := range r.pats {
			if (!gated[i][k] || open || looksLikeError) && re.Match(body) {
				return i
			}
		}
	}
	return -1
}

// gatedPatterns tells, per cause and pattern, whether it lacks a literal
// of four bytes or more.
func gatedPatterns(kb *KnowledgeBase) [][]bool {
	gated := make([][]bool, len(kb.causes))
	for i, c := range kb.causes {
		for _, p := range c.Patterns {
			lits := requiredLiterals(p)
			gated[i] = append(gated[i], lits == nil || shortest(lits) < 4)
		}
	}
	return gated
}

// screenedClassify classifies raw the way the scanner does.
func screenedClassify(kb *KnowledgeBase, s *scanner, raw []byte, open bool) (int, string) {
	content := stripTimestamp(raw)
	text, body, lits := s.prepare(raw, content)
	gate := func() bool { return kb.pf.hit(content) }
	i, _ := kb.classifyBody(body, lits, open, gate, s.scratch)
	return i, string(text)
}

// screenLines returns every line of the corpus, the causes' examples, the
// benchmark's noise and a few lines made to trip the screen.
func screenLines(t *testing.T, kb *KnowledgeBase) [][]byte {
	t.Helper()
	var lines [][]byte
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "logs", "*.log"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus logs: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range splitRef(string(data)) {
			lines = append(lines, []byte(l))
		}
	}
	for _, c := range kb.causes {
		for _, ex := range c.Examples {
			lines = append(lines, []byte(ex), []byte("2024-05-01T10:00:00.1234567Z "+ex),
				[]byte("\x1b[31m"+ex+"\x1b[0m"), []byte("#7 1.234 "+ex), []byte("  "+ex))
		}
	}
	for _, n := range noiseLines {
		lines = append(lines, fmt.Appendf(nil, n, 42))
	}
	for _, l := range []string{
		"\x1b[31merr\x1b[0mor: split by colour", "e\x00rror: split by a control byte",
		"no \u017fpace left on device", "NO SPACE LEFT ON DEVICE", "npm error code ERESOLVE",
		"\t--- FAIL: TestTab (0.00s)", "FAIL\tgithub.com/acme/x\t0.1s", "error: x\xffy",
		string(bytes.Repeat([]byte("x"), 390)) + " Could not resolve host github.com",
		"[2024-05-01T10:00:00] error: jenkins prefix", "│ Error: terraform", "e: file:///a.kt:1:2 x",
	} {
		lines = append(lines, []byte(l))
	}
	return lines
}

// TestScreenAgreesWithBruteForce checks that the screen never hides a
// match: on every line, with and without an open excerpt, classification
// through it names the same cause as trying every pattern, and the line's
// display form is cleanLine's.
func TestScreenAgreesWithBruteForce(t *testing.T) {
	kb := Builtin()
	gated := gatedPatterns(kb)
	s := newScanner(kb)
	matched := 0
	for _, raw := range screenLines(t, kb) {
		for _, open := range []bool{false, true} {
			want := bruteClassify(kb, gated, raw, open)
			got, text := screenedClassify(kb, s, raw, open)
			if got != want {
				t.Errorf("line %q (open excerpt %v): screened cause %d, every pattern %d", raw, open, got, want)
			}
			if want >= 0 {
				matched++
			}
			if text != cleanLine(raw) {
				t.Errorf("display(%q) = %q, want %q", raw, text, cleanLine(raw))
			}
		}
	}
	if matched < 200 {
		t.Errorf("only %d line classifications matched a cause; the comparison says little", matched)
	}
}

// FuzzScreen compares the screen with trying every pattern on any line.
func FuzzScreen(f *testing.F) {
	for _, s := range []string{"--- FAIL: TestX (0.00s)", "\x1b[1merror\x1b[0m: x", "  12:3  error  no  rule",
		"1) A\\B::testC", "npm ERR! code E404", "#5 0.1 ERROR: failed to solve"} {
		f.Add(s)
	}
	kb := Builtin()
	gated := gatedPatterns(kb)
	f.Fuzz(func(t *testing.T, line string) {
		if bytes.ContainsAny([]byte(line), "\r\n") {
			return
		}
		s := newScanner(kb)
		for _, open := range []bool{false, true} {
			want := bruteClassify(kb, gated, []byte(line), open)
			if got, _ := screenedClassify(kb, s, []byte(line), open); got != want {
				t.Fatalf("line %q (open %v): screened %d, every pattern %d", line, open, got, want)
			}
		}
	})
}

// TestContainsFold checks the guided search against trying every offset,
// on random lines over a small alphabet so that near misses are common.
func TestContainsFold(t *testing.T) {
	naive := func(b []byte, subs []string, follow *[256]bool) bool {
		for _, s := range subs {
			for i := 0; i+len(s) <= len(b); i++ {
				if equalFold(b[i:i+len(s)], s) && (follow == nil || i+len(s) < len(b) && follow[b[i+len(s)]]) {
					return true
				}
			}
		}
		return false
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	const alphabet = "aAbB *(1\xc3\xa9"
	word := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[rnd.IntN(len(alphabet))]
		}
		return string(b)
	}
	follow := &[256]bool{'*': true, 'b': true}
	found := 0
	for range 20000 {
		line := []byte(word(rnd.IntN(30)))
		subs := []string{strings.ToLower(word(1 + rnd.IntN(4)))}
		if rnd.IntN(3) == 0 {
			subs = append(subs, "")
		}
		f := follow
		if rnd.IntN(2) == 0 {
			f = nil
		}
		want := naive(line, subs, f)
		if got := containsFold(line, subs, f); got != want {
			t.Fatalf("containsFold(%q, %q, follow=%v) = %v, want %v", line, subs, f != nil, got, want)
		}
		if want {
			found++
		}
	}
	if found < 2000 {
		t.Errorf("only %d lines hold a sub: the test does not exercise matches", found)
	}
}
