package safety

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// repeatCases hold a secret introduced once with the context that marks it
// ("AWS_SECRET_ACCESS_KEY=", "token=", a gitleaks rule's keyword), and its
// value again later on its own.
func repeatCases() []secretCase {
	f := newFaker(11)
	aws := f.s("", b64Chars, 40)
	tok := f.s("", alnum, 24)
	sumo := f.s("", "abcdefghijklmnopqrstuvwxyz0123456789", 64)
	pw := "Tr0ub4dor&3x"
	return []secretCase{
		{"AWS secret key, echoed bare", "export AWS_SECRET_ACCESS_KEY=" + aws + "\n+ aws configure set key " + aws + "\n", []string{aws}},
		{"token=, repeated in a URL path", "token=" + tok + "\nGET /api/v1/" + tok + "/status 200\n", []string{tok}},
		{"gitleaks rule, repeated in JSON", "sumo_login = " + sumo + "\n{\"id\":\"" + sumo + "\"}\n", []string{sumo}},
		{"quoted password, repeated twice", `password: "` + pw + "\"\nusing " + pw + " for db\nretry with " + pw + "\n", []string{pw}},
	}
}

func TestRedactRepeatsBare(t *testing.T) {
	r := NewRedactor()
	for _, c := range repeatCases() {
		t.Run(c.name, func(t *testing.T) {
			got := r.Redact(c.text)
			assertRedacted(t, c.text, got, c.secrets)
			if got != r.Redact(got) {
				t.Errorf("not idempotent: %q", got)
			}
		})
	}
}

// TestReaderRepeatsAcrossReads puts the bare repeat batches after the
// secret's first appearance, read a byte at a time, and on an overlong line
// where it crosses the cut of a window.
func TestReaderRepeatsAcrossReads(t *testing.T) {
	r := NewRedactor()
	for _, c := range repeatCases() {
		first, rest, _ := strings.Cut(c.text, "\n")
		secret := c.secrets[0]
		filler := strings.Repeat("2024-05-01T12:00:00Z ok, nothing to see here\n", 3*batchSize/45)
		long := strings.Repeat("x", batchSize-overlap-len(secret)/2) + " " + secret + " " + strings.Repeat("y ", overlap)
		for name, log := range map[string]string{
			"later batch":   first + "\n" + filler + rest,
			"overlong line": first + "\n" + long + "\nend\n",
		} {
			t.Run(fmt.Sprintf("%s, %s", c.name, name), func(t *testing.T) {
				got := readAll(t, r.Reader(iotest.OneByteReader(strings.NewReader(log))))
				assertRedacted(t, log, got, c.secrets)
				if got != r.Redact(log) {
					t.Errorf("Reader differs from Redact")
				}
			})
		}
	}
}

// TestRedactForgetsBetweenTexts checks a value learned in one text is not
// carried into another: each Redact call and Reader starts afresh.
func TestRedactForgetsBetweenTexts(t *testing.T) {
	r := NewRedactor()
	r.Redact("token=abcdefgh12345678\n")
	if got := r.Redact("id abcdefgh12345678\n"); got != "id abcdefgh12345678\n" {
		t.Errorf("value from another text redacted: %q", got)
	}
}

// TestKnownSpansAsByValue checks the one-pass search of remembered values
// against looking for each value in turn, leftmost appearances first and
// none overlapping the one before, on texts over a small alphabet where
// values overlap themselves and each other.
func TestKnownSpansAsByValue(t *testing.T) {
	byValue := func(k *knownSecrets, text string) []span {
		var spans []span
		for n, v := range k.values {
			for at := 0; ; {
				i := strings.Index(text[at:], v)
				if i < 0 {
					break
				}
				at += i
				spans = append(spans, span{at, at, at + len(v), k.kinds[n]})
				at += len(v)
			}
		}
		return spans
	}
	order := func(a, b span) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end), strings.Compare(a.kind, b.kind))
	}
	rnd := rand.New(rand.NewPCG(5, 8))
	word := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = "ab"[rnd.IntN(2)]
		}
		return string(b)
	}
	var k knownSecrets
	found := 0
	for round := range 300 {
		if len(k.values) < maxKnown && round%5 == 0 {
			k.values = append(k.values, word(minOwnLen+rnd.IntN(4)))
			k.kinds = append(k.kinds, fmt.Sprint("kind", round))
		}
		text := word(rnd.IntN(200))
		got, want := k.spans(text, nil), byValue(&k, text)
		slices.SortFunc(got, order)
		slices.SortFunc(want, order)
		if !slices.Equal(got, want) {
			t.Fatalf("values %q in %q:\n got %v\nwant %v", k.values, text, got, want)
		}
		found += len(want)
	}
	if found < 100 {
		t.Errorf("only %d appearances: the texts do not exercise the search", found)
	}
}
