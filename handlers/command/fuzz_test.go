package command

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/prcoach/prcoach/handlers/markdown"
)

// FuzzParse checks what must hold for any body: no panic, a Line within the
// body, an Arg that is one clean line, and no command from a body that is
// quoted, fenced or commented out as a whole. The seeds, every Parse table
// case, run in the normal test run.
func FuzzParse(f *testing.F) {
	for _, tc := range parseCases() {
		f.Add(tc.body)
	}
	f.Fuzz(func(t *testing.T, body string) {
		r := Parse(body)
		checkResult(t, body, r)
		if r.Kind == Explain {
			if !utf8.ValidString(r.Arg) || strings.ContainsFunc(r.Arg, hidden) || utf8.RuneCountInString(r.Arg) > MaxNameLen {
				t.Errorf("Parse(%q).Arg = %q is not a clean name", body, r.Arg)
			}
		}
		if r.Kind != Ignore && !markdown.HasPrefixFold(strings.TrimLeft(r.Raw, " \t"), word) {
			t.Errorf("Parse(%q).Raw = %q does not start with the command", body, r.Raw)
		}
		if Changed(body, body) {
			t.Errorf("Changed(%q, same body) = true", body)
		}
		for _, wrap := range hiddenWrappings(body) {
			if r := Parse(wrap.body); r.Kind != Ignore {
				t.Errorf("Parse(%s %q) = %+v, want Ignore", wrap.how, body, r)
			}
		}
	})
}

// hiddenWrappings returns body made invisible as a whole in each way that
// applies to it.
func hiddenWrappings(body string) []struct{ how, body string } {
	var quoted strings.Builder
	for _, line := range markdown.Lines(body) {
		quoted.WriteString("> " + line.Text + "\n")
	}
	out := []struct{ how, body string }{{"every line quoted", quoted.String()}}
	if !strings.Contains(body, "~~~~~~~~~~") {
		out = append(out, struct{ how, body string }{"fenced", "~~~~~~~~~~\n" + body + "\n~~~~~~~~~~"})
	}
	if !strings.Contains(body, "-->") {
		out = append(out, struct{ how, body string }{"in an HTML comment", "<!--\n" + body + "\n-->"})
	}
	return out
}
