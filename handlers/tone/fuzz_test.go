package tone

import "testing"

// FuzzReword holds the rewording's promises on any input: it never panics,
// keeps every technical token, and reads calm, or it returns nothing;
// Assess stays in [0, 1].
func FuzzReword(f *testing.F) {
	for _, e := range loadCorpus(f, "tune") {
		f.Add(e.Text)
	}
	f.Add("> quoted `x`\n```\nunclosed fence\n    indented\n`` a ` b `` --fuck 101")
	f.Fuzz(func(t *testing.T, text string) {
		r := Assess(text, DefaultThreshold)
		if r.Score < 0 || r.Score > 1 || r.Signals == nil {
			t.Fatalf("Assess(%q) = %+v", text, r)
		}
		got := Reword(text)
		if got == "" {
			return // no safe rewording: the reply names the phrases instead
		}
		if err := Keeps(text, got); err != nil {
			t.Fatalf("Reword(%q) = %q: %v", text, got, err)
		}
		if a := Assess(got, DefaultThreshold); a.Tense {
			t.Fatalf("Reword(%q) = %q is tense: %v", text, got, a.Signals)
		}
	})
}
