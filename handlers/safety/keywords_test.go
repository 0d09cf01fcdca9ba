package safety

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestMatcherFindsWhatIndexFinds compares the automaton with a search for
// each pattern by strings.Index, on random texts over a small alphabet (so
// patterns overlap, nest and repeat), ASCII case folded.
func TestMatcherFindsWhatIndexFinds(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	word := func(alphabet string, n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[rnd.IntN(len(alphabet))]
		}
		return string(b)
	}
	for round := range 300 {
		var patterns []string
		seen := map[string]bool{}
		for range 1 + rnd.IntN(12) {
			p := word("abc-_", 1+rnd.IntN(5))
			if !seen[p] {
				seen[p] = true
				patterns = append(patterns, p)
			}
		}
		m := newMatcher(patterns)
		text := word("abcABC-_\nxé", rnd.IntN(200))
		type find struct{ p, end int }
		var got, want []find
		m.each(text, func(p, end int) { got = append(got, find{p, end}) })
		folded := foldASCII(text)
		for p, pat := range patterns {
			for at := 0; ; at++ {
				i := strings.Index(folded[at:], pat)
				if i < 0 {
					break
				}
				at += i
				want = append(want, find{p, at + len(pat)})
			}
		}
		order := func(a, b find) int {
			if a.end != b.end {
				return a.end - b.end
			}
			return a.p - b.p
		}
		slices.SortFunc(got, order)
		slices.SortFunc(want, order)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: patterns %q in %q:\n got %v\nwant %v", round, patterns, text, got, want)
		}
	}
}

// TestOwnCredentialsMatchCaseExactly: the automaton folds case to find
// keywords, but an own credential is redacted only where it appears as it
// is; a keyword is found in any case.
func TestOwnCredentialsMatchCaseExactly(t *testing.T) {
	r := NewRedactor("Sup3rSecretWebhookValue")
	got := r.Redact("a Sup3rSecretWebhookValue b sup3rsecretwebhookvalue c\n")
	want := "a " + Placeholder(ownKind) + " b sup3rsecretwebhookvalue c\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := r.Redact("export GITHUB_TOKEN=GHS_not_a_token PASSWORD=hunter2hunter2\n"); !strings.Contains(got, Placeholder("secret")) {
		t.Errorf("an upper-case keyword was not found: %q", got)
	}
}

// TestSortHits checks the counting sort of keyword hits against a sort by
// comparisons, on hits in the order an automaton reports them: by the end
// of keywords of different lengths.
func TestSortHits(t *testing.T) {
	rnd := rand.New(rand.NewPCG(4, 4))
	for range 500 {
		var hs []hit
		line := 0
		for end := 0; end < 300; end++ {
			if rnd.IntN(40) == 0 {
				line++
			}
			for range rnd.IntN(3) {
				hs = append(hs, hit{rule: rnd.IntN(5), line: line, pos: end - 1 - rnd.IntN(6)})
			}
		}
		want := slices.Clone(hs)
		slices.SortFunc(want, func(a, b hit) int {
			return cmp.Or(cmp.Compare(a.rule, b.rule), cmp.Compare(a.line, b.line), cmp.Compare(a.pos, b.pos))
		})
		if got := sortHits(hs, 5); !slices.Equal(got, want) {
			t.Fatalf("sortHits(%v) = %v, want %v", hs, got, want)
		}
	}
}
