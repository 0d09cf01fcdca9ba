package markdown

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// specExample is one example of the CommonMark spec in its JSON form.
type specExample struct {
	Markdown, HTML, Section string
	Example                 int
}

// specSections are the spec's sections about what hides or freezes text,
// and the share of their examples the reader must agree with.
var specSections = map[string]float64{
	"Fenced code blocks":   0.95,
	"Indented code blocks": 0.9,
	"Block quotes":         0.9,
	"Code spans":           0.9, // an inline HTML tag or autolink is not read: its backticks may open a span
	"Backslash escapes":    0.9,
	"HTML blocks":          0.9, // only comments and <pre>-like elements are read
	"Raw HTML":             0.9,
}

// TestCommonMarkSpec compares the reader with the CommonMark spec's examples
// in specSections: the contents of code blocks and code spans, the number
// of block quotes and of HTML comments must be what the spec renders. Set
// MARKDOWN_SPEC_JSON to the spec's examples as JSON (the spec's
// spec_tests.py --dump-tests writes them; goldmark's module ships a copy as
// _test/spec.json); without it the test is skipped. With
// MARKDOWN_SPEC_ALL set too, it reports every section without a floor.
func TestCommonMarkSpec(t *testing.T) {
	path := os.Getenv("MARKDOWN_SPEC_JSON")
	if path == "" {
		t.Skip("MARKDOWN_SPEC_JSON is not set")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var examples []specExample
	if err := json.Unmarshal(data, &examples); err != nil {
		t.Fatal(err)
	}
	agree, total := map[string]int{}, map[string]int{}
	floors := maps.Clone(specSections)
	for _, ex := range examples {
		if _, ok := floors[ex.Section]; !ok && os.Getenv("MARKDOWN_SPEC_ALL") != "" {
			floors[ex.Section] = 0
		}
		if _, ok := floors[ex.Section]; !ok {
			continue
		}
		total[ex.Section]++
		want, got := specView(ex.HTML), readerView(ex.Markdown)
		if slices.Equal(want, got) {
			agree[ex.Section]++
			continue
		}
		t.Logf("example %d (%s) %q:\n  spec   %q\n  reader %q", ex.Example, ex.Section, ex.Markdown, want, got)
	}
	for _, sec := range slices.Sorted(maps.Keys(floors)) {
		rate := float64(agree[sec]) / float64(max(total[sec], 1))
		t.Logf("%-22s %3d/%3d agree (%.0f %%)", sec, agree[sec], total[sec], 100*rate)
		if rate < floors[sec] {
			t.Errorf("%s: %d/%d examples agree, want at least %.0f %%", sec, agree[sec], total[sec], 100*floors[sec])
		}
	}
}

var (
	specPre  = regexp.MustCompile(`(?s)<pre><code[^>]*>(.*?)</code></pre>`)
	specCode = regexp.MustCompile(`(?s)<code>(.*?)</code>`)
)

// specView lists what the spec's HTML shows as code or hides: each code
// block's and code span's content, the number of block quotes and of
// comments.
func specView(out string) []string {
	var v []string
	for _, m := range specPre.FindAllStringSubmatch(out, -1) {
		v = append(v, "block:"+m[1])
	}
	rest := specPre.ReplaceAllString(out, "")
	for _, m := range specCode.FindAllStringSubmatch(rest, -1) {
		v = append(v, "span:"+m[1])
	}
	v = append(v, fmt.Sprintf("quotes:%d", strings.Count(out, "<blockquote>")))
	v = append(v, fmt.Sprintf("comments:%d", strings.Count(rest, "<!--")))
	slices.Sort(v)
	return v
}

// readerView lists the same as specView, from the reader's blocks and spans.
func readerView(md string) []string {
	var v []string
	quotes, comments := 0, 0
	var walk func([]Block)
	walk = func(blocks []Block) {
		for i := 0; i < len(blocks); i++ {
			b := blocks[i]
			switch b.Kind {
			case Quote:
				quotes++
				walk(b.Inner())
			case Fenced:
				v = append(v, "block:"+escape(fencedContent(b)))
			case Indented:
				j := i
				for j+2 < len(blocks) && blocks[j+1].Kind == Blank && blocks[j+2].Kind == Indented {
					j += 2
				}
				v = append(v, "block:"+escape(indentedContent(blocks[i:j+1])))
				i = j
			case HTML:
				if _, rest := Indentation(b.Lines[0].Text); strings.HasPrefix(rest, "<!--") {
					comments++
				}
			case Paragraph:
				for _, sp := range Inline(b.Lines) {
					if sp.Kind == Comment {
						comments++
						continue
					}
					v = append(v, "span:"+escape(spanContent(b.Lines, sp)))
				}
			}
		}
	}
	walk(Parse(md))
	v = append(v, fmt.Sprintf("quotes:%d", quotes), fmt.Sprintf("comments:%d", comments))
	slices.Sort(v)
	return v
}

// escape writes s as the spec's HTML does.
func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// fencedContent returns a fenced block's content lines, each stripped of up
// to as many columns as the opening fence is indented.
func fencedContent(b Block) string {
	lines := b.Lines[1:]
	if n := len(lines); n > 0 && (!b.Unclosed && ClosesFence(strings.TrimLeft(lines[n-1].Text, " "), b.Fence) ||
		b.Unclosed && lines[n-1].Start == lines[n-1].Next) {
		lines = lines[:n-1] // the closing fence, or the empty line after the text's last line ending
	}
	open := b.Lines[0].Text
	indent := strings.Index(open, b.Fence)
	var s strings.Builder
	for _, ln := range lines {
		s.WriteString(stripColumns(ln.Text, indent) + "\n")
	}
	return s.String()
}

// indentedContent returns the content of indented code blocks separated by
// blank lines, which the spec reads as one.
func indentedContent(blocks []Block) string {
	var s strings.Builder
	for _, b := range blocks {
		for _, ln := range b.Lines {
			s.WriteString(stripColumns(ln.Text, 4) + "\n")
		}
	}
	return s.String()
}

// stripColumns removes up to n columns of leading spaces and tabs.
func stripColumns(line string, n int) string {
	col := 0
	for i := 0; i < len(line); i++ {
		next := col + 1
		switch line[i] {
		case ' ':
		case '\t':
			next = col + 4 - col%4
		default:
			return line[i:]
		}
		if next > n {
			return strings.Repeat(" ", next-n) + line[i+1:]
		}
		col = next
	}
	return ""
}

// spanContent returns a code span's content as the spec defines it: the
// text between its backtick runs, line endings as spaces, and one space
// stripped from each end when both ends have one.
func spanContent(lines []Line, sp Span) string {
	var parts []string
	for _, ln := range lines {
		from, to := max(sp.Start, ln.Start), min(sp.End, ln.End)
		if from <= to && sp.Start <= ln.End && sp.End >= ln.Start {
			parts = append(parts, ln.Text[from-ln.Start:to-ln.Start])
		}
	}
	s := strings.Join(parts, " ")
	n := runLen(s, '`')
	s = s[n : len(s)-n]
	if len(s) >= 2 && s[0] == ' ' && s[len(s)-1] == ' ' && strings.Trim(s, " ") != "" {
		s = s[1 : len(s)-1]
	}
	return s
}
