package markdown

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// shown renders src's inline spans as "Kind:text" strings, in order.
func shown(src string, spans []Span) []string {
	out := []string{}
	for _, sp := range spans {
		out = append(out, sp.Kind.String()+":"+src[sp.Start:sp.End])
	}
	return out
}

type spansCase struct {
	name, src string
	want      []string
}

// spansCases follow the CommonMark rules for code spans (spec 6.1),
// backslash escapes (spec 2.4) and raw HTML comments (spec 6.6). They are
// shared with the fuzz test as seeds.
func spansCases() []spansCase {
	return []spansCase{
		{"code span", "`foo`", []string{"CodeSpan:`foo`"}},
		{"double backticks hold a backtick", "`` foo ` bar ``", []string{"CodeSpan:`` foo ` bar ``"}},
		{"only backticks", "` `` `", []string{"CodeSpan:` `` `"}},
		{"code span across lines", "``\nfoo\nbar  \nbaz\n``", []string{"CodeSpan:``\nfoo\nbar  \nbaz\n``"}},
		{"backslash inside a code span is literal", "`foo\\`bar`", []string{"CodeSpan:`foo\\`"}},
		{"runs of other lengths do not close", "```foo``", []string{}},
		{"unmatched run is text", "`foo", []string{}},
		{"second run of the right length closes", "`foo``bar``", []string{"CodeSpan:``bar``"}},
		{"code span ends no later than its paragraph", "`foo\n\nbar`", []string{}},
		{"heading ends the paragraph", "`foo\n# bar`", []string{}},
		{"escaped backtick opens nothing", "\\`not code`", []string{}},
		{"escaped backslash leaves the backtick", "\\\\`code`", []string{"CodeSpan:`code`"}},
		{"code span before a link", "`<a href=\"`\">`", []string{"CodeSpan:`<a href=\"`"}},
		{"comment", "foo <!-- this is a\ncomment - with hyphens -->", []string{"Comment:<!-- this is a\ncomment - with hyphens -->"}},
		{"short comments", "foo <!--> bar <!---> baz", []string{"Comment:<!-->", "Comment:<!--->"}},
		{"comment hides backticks", "a <!-- ` -->`x`", []string{"Comment:<!-- ` -->", "CodeSpan:`x`"}},
		{"comment block line is raw to its end", "<!-- ` -->`x`", []string{}},
		{"code span hides a comment opening", "`<!--` -->", []string{"CodeSpan:`<!--`"}},
		{"unclosed comment is text", "a <!-- b\n\nc --> `d`", []string{"CodeSpan:`d`"}},
		{"comment ends no later than its paragraph", "a <!-- b\n\nc -->", []string{}},
		{"spans in a quote", "> `a\n> b` <!-- c -->", []string{"CodeSpan:`a\n> b`", "Comment:<!-- c -->"}},
		{"no spans in code blocks", "```\n`a`\n```\n\n    `b`\n<!--\n`c`\n-->", []string{}},
		{"spans in a list item", "- `a`\n\n  `b`", []string{"CodeSpan:`a`", "CodeSpan:`b`"}},
	}
}

func TestSpans(t *testing.T) {
	for _, tc := range spansCases() {
		t.Run(tc.name, func(t *testing.T) {
			spans := Spans(tc.src)
			if diff := cmp.Diff(tc.want, shown(tc.src, spans)); diff != "" {
				t.Errorf("Spans(%q) (-want +got):\n%s", tc.src, diff)
			}
			checkSpans(t, tc.src, spans)
		})
	}
}

// checkSpans asserts what holds for the spans of any text: in order, apart,
// within the text, and delimited as their kind says.
func checkSpans(t *testing.T, src string, spans []Span) {
	t.Helper()
	at := 0
	for _, sp := range spans {
		if sp.Start < at || sp.End <= sp.Start || sp.End > len(src) {
			t.Fatalf("spans of %q: %+v is out of order or out of range", src, sp)
		}
		at = sp.End
		text := src[sp.Start:sp.End]
		switch sp.Kind {
		case CodeSpan:
			n := runLen(text, '`')
			if n == 0 || n == len(text) || !strings.HasSuffix(text, strings.Repeat("`", n)) {
				t.Errorf("spans of %q: code span %q is not delimited by equal runs", src, text)
			}
		case Comment:
			if !strings.HasPrefix(text, "<!--") || !strings.HasSuffix(text, "-->") {
				t.Errorf("spans of %q: comment %q is not delimited by <!-- and -->", src, text)
			}
		default:
			t.Errorf("spans of %q: %v is not an inline kind", src, sp.Kind)
		}
	}
}

func TestTextSpans(t *testing.T) {
	tests := []spansCase{
		// A line cut from a paragraph is text, however indented.
		{"indented line", "    `a` b", []string{"CodeSpan:`a`"}},
		{"blank line ends a paragraph", "`a\n\nb`", []string{}},
		{"list item ends a paragraph", "`a\n- b`", []string{}},
		{"across lines", "x `a\nb` y", []string{"CodeSpan:`a\nb`"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spans := TextSpans(tc.src)
			if diff := cmp.Diff(tc.want, shown(tc.src, spans)); diff != "" {
				t.Errorf("TextSpans(%q) (-want +got):\n%s", tc.src, diff)
			}
			checkSpans(t, tc.src, spans)
		})
	}
}

func TestKindString(t *testing.T) {
	got := []string{}
	for k := Paragraph; k <= Comment+1; k++ {
		got = append(got, k.String())
	}
	want := []string{"Paragraph", "Blank", "Quote", "Fenced", "Indented", "HTML", "CodeSpan", "Comment", "Kind(?)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Kind names (-want +got):\n%s", diff)
	}
}

// scan runs an inlineScanner over src read as one paragraph.
func scan(src string) *inlineScanner {
	s := &inlineScanner{lines: Lines(src)}
	for l, col := 0, 0; l < len(s.lines); {
		l, col = s.scanLine(l, col)
	}
	return s
}

func TestCloserSearchesNearAndIndexesFar(t *testing.T) {
	var growing strings.Builder
	for n := 1; growing.Len() < 8*indexFrom; n++ {
		growing.WriteString("x " + strings.Repeat("`", n) + "\n")
	}
	for _, tc := range []struct {
		name, src string
		indexed   bool
	}{
		{"near closers are searched for", strings.Repeat("a `b` c\n", 4*indexFrom), false},
		{"runs of growing length are indexed", growing.String(), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := scan(tc.src).runs != nil; got != tc.indexed {
				t.Errorf("indexed = %v, want %v", got, tc.indexed)
			}
		})
	}
}
