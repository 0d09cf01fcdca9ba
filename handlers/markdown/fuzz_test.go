package markdown

import (
	"slices"
	"strings"
	"testing"
)

// FuzzParse checks what must hold for any text: blocks cover its lines in
// order, spans are in order and delimited, Blocks yields what Parse
// returns, no span lies in a code block, and a text quoted, fenced or
// commented out as a whole is one block of that kind. The seeds, every
// Parse and Spans table case, run in the normal test run.
func FuzzParse(f *testing.F) {
	for _, tc := range parseCases() {
		f.Add(tc.src)
	}
	for _, tc := range spansCases() {
		f.Add(tc.src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		blocks := Parse(src)
		checkBlocks(t, src, blocks)
		n := 0
		for b := range Blocks(src) {
			if n >= len(blocks) || b.Kind != blocks[n].Kind || b.Start() != blocks[n].Start() || b.End() != blocks[n].End() {
				t.Fatalf("Blocks(%q) block %d differs from Parse's", src, n)
			}
			n++
		}
		spans := Spans(src)
		checkSpans(t, src, spans)
		checkSpans(t, src, TextSpans(src))
		for _, b := range blocks {
			for _, sp := range spans {
				if b.Kind.IsCode() && sp.Start < b.End() && sp.End > b.Start() {
					t.Errorf("Spans(%q): %v %q lies in a %v block", src, sp.Kind, src[sp.Start:sp.End], b.Kind)
				}
			}
		}
		checkLongParagraph(t, src)
		for _, wrap := range wrappings(src) {
			if got := outline(Parse(wrap.src))[:len(wrap.want)]; got != wrap.want {
				t.Errorf("Parse(%s %q) = %s, want one %s block", wrap.how, src, outline(Parse(wrap.src)), wrap.want)
			}
		}
	})
}

// wrappings returns src hidden as a whole in each way that applies to it,
// with the outline of the one block it must then be.
func wrappings(src string) []struct{ how, src, want string } {
	lines := Lines(src)
	texts := make([]string, len(lines))
	for i, ln := range lines {
		texts[i] = ln.Text
	}
	n := len(lines)
	body := strings.Join(texts, "\n") // one line ending for each line
	out := []struct{ how, src, want string }{{"every line quoted", "> " + strings.Join(texts, "\n> "), "Quote(" + itoa(n) + ")"}}
	if !strings.Contains(src, "~~~~~~~~~~") {
		out = append(out, struct{ how, src, want string }{"fenced", "~~~~~~~~~~\n" + body + "\n~~~~~~~~~~", "Fenced(" + itoa(n+2) + ")"})
	}
	if !strings.Contains(src, "-->") {
		out = append(out, struct{ how, src, want string }{"in an HTML comment", "<!--\n" + body + "\n-->", "HTML(" + itoa(n+2) + ")"})
	}
	return out
}

// itoa formats a small count.
func itoa(n int) string {
	var b []byte
	for {
		b = append([]byte{byte('0' + n%10)}, b...)
		if n /= 10; n == 0 {
			return string(b)
		}
	}
}

// checkLongParagraph checks that Inline finds the same spans in src, read
// as one paragraph, when a long line of unclosed backtick runs comes
// first, which makes it index the runs instead of searching for each
// closer.
func checkLongParagraph(t *testing.T, src string) {
	t.Helper()
	longest := 0 // the pad's runs are longer, so none closes in src
	for _, run := range strings.FieldsFunc(src, func(r rune) bool { return r != '`' }) {
		longest = max(longest, len(run))
	}
	var b strings.Builder
	for n := 1; b.Len() < 4*indexFrom; n++ {
		b.WriteString("x" + strings.Repeat("`", longest+n))
	}
	pad := b.String() + "\n"
	short, long := Inline(Lines(src)), Inline(Lines(pad+src))
	for i := range long {
		long[i].Start -= len(pad)
		long[i].End -= len(pad)
	}
	if !slices.Equal(short, long) {
		t.Errorf("Inline(%q) = %v, but %v after a long line", src, short, long)
	}
}
