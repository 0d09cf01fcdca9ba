package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// outline describes blocks as "Kind(lines)" words, with a Quote's content
// in brackets and a "!" after a block that ran to the end unclosed.
func outline(blocks []Block) string {
	var words []string
	for _, b := range blocks {
		w := fmt.Sprintf("%v(%d)", b.Kind, len(b.Lines))
		if b.Unclosed {
			w += "!"
		}
		if b.Kind == Quote {
			w += "[" + outline(b.Inner()) + "]"
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}

type parseCase struct {
	name, src, want string
}

// parseCases follow the CommonMark rules for what hides text: each group
// names the spec section whose rules (and the cases its examples make) it
// checks. They are shared with the fuzz test as seeds.
func parseCases() []parseCase {
	return []parseCase{
		{"empty", "", "Blank(1)"},
		{"one paragraph", "a\nb", "Paragraph(2)"},
		{"paragraphs split by a blank line", "a\n\nb", "Paragraph(1) Blank(1) Paragraph(1)"},
		{"line endings of every kind", "a\r\n\rb\n", "Paragraph(1) Blank(1) Paragraph(1) Blank(1)"},
		{"heading is a block of its own", "# h\ntext", "Paragraph(1) Paragraph(1)"},

		// Fenced code blocks (spec 4.5).
		{"backtick fence", "```\n<\n >\n```", "Fenced(4)"},
		{"tilde fence", "~~~\n<\n >\n~~~", "Fenced(4)"},
		{"two backticks are not a fence", "``\nfoo\n``", "Paragraph(3)"},
		{"closing fence uses the opening character", "```\naaa\n~~~\n```", "Fenced(4)"},
		{"tilde fence not closed by backticks", "~~~\naaa\n```\n~~~", "Fenced(4)"},
		{"closing fence at least as long", "````\naaa\n```\n``````", "Fenced(4)"},
		{"unclosed fence runs to the end", "```\n\n```aaa", "Fenced(3)!"},
		{"unclosed fence in a quote ends with the quote", "> ```\n> aaa\n\nbbb", "Quote(2)[Fenced(2)!] Blank(1) Paragraph(1)"},
		{"fence indented by 3 spaces", "   ```\n   aaa\n  ```", "Fenced(3)"},
		{"fence indented by 4 spaces is indented code", "    ```\n    aaa\n    ```", "Indented(3)"},
		{"closing fence indented by 4 spaces does not close", "```\naaa\n    ```", "Fenced(3)!"},
		{"closing fence may not have an info string", "```\naaa\n``` aaa", "Fenced(3)!"},
		{"fence interrupts a paragraph", "foo\n```\nbar\n```\nbaz", "Paragraph(1) Fenced(3) Paragraph(1)"},
		{"backtick fence info string may not hold a backtick", "``` aa ```\nfoo", "Paragraph(2)"},
		{"tilde fence info string may hold backticks", "~~~ aa ``` ~~~\nfoo\n~~~", "Fenced(3)"},
		{"closing fence with trailing spaces closes", "```\na\n```   \nb", "Fenced(3) Paragraph(1)"},
		{"fence in a list item", "- a\n  ```\n  b\n  ```\nc", "Paragraph(1) Fenced(3) Paragraph(1)"},
		{"fence ends with its list item", "- a\n  ```\n  b\nc", "Paragraph(1) Fenced(2) Paragraph(1)"},
		{"fence right after a list marker", "- ```\n  code\n  ```\nx", "Fenced(3) Paragraph(1)"},
		{"fence right after nested list markers", "1. - ~~~\n     code\n\n     ~~~", "Fenced(4)"},
		{"comment right after a list marker", "* <!--\n  x\n-->", "HTML(3)"},
		{"indented code right after a list marker", "1.     code\n\n   text", "Indented(1) Blank(1) Paragraph(1)"},
		{"heading right after a list marker is a line of its own", "- # `a\n  b`", "Paragraph(1) Paragraph(1)"},
		{"indented code in an empty list item", "-\n      code", "Paragraph(1) Indented(1)"},
		{"fence in an outer list item ends with it", "- a\n  - b\n\n  x\n  ```\n  code\ny", "Paragraph(1) Paragraph(1) Blank(1) Paragraph(1) Fenced(2) Paragraph(1)"},

		// Indented code blocks (spec 4.4).
		{"indented code", "    a simple\n      indented code block", "Indented(2)"},
		{"indented code cannot interrupt a paragraph", "Foo\n    bar", "Paragraph(2)"},
		{"indented code after a heading", "# Heading\n    foo", "Paragraph(1) Indented(1)"},
		{"indented code across a blank line", "    a\n\n    b", "Indented(1) Blank(1) Indented(1)"},
		{"tab indents code", "\tfoo", "Indented(1)"},
		{"list item content is not indented code", "- a\n\n    b", "Paragraph(1) Blank(1) Paragraph(1)"},
		{"indented code in a list item", "- a\n\n      b", "Paragraph(1) Blank(1) Indented(1)"},

		// Block quotes (spec 5.1).
		{"quote", "> # Foo\n> bar\n> baz", "Quote(3)[Paragraph(1) Paragraph(2)]"},
		{"quote without spaces", "># Foo\n>bar\n> baz", "Quote(3)[Paragraph(1) Paragraph(2)]"},
		{"quote indented by 3 spaces", "   > # Foo\n   > bar", "Quote(2)[Paragraph(1) Paragraph(1)]"},
		{"quote indented by 4 spaces is code", "    > # Foo", "Indented(1)"},
		{"lazy continuation", "> # Foo\n> bar\nbaz", "Quote(3)[Paragraph(1) Paragraph(2)]"},
		{"lazy continuation after a quoted fence line is not taken", "> ```\nfoo\n```", "Quote(1)[Fenced(1)!] Paragraph(1) Fenced(1)!"},
		{"lazy continuation inside a quoted fence is not taken", "> ```\n> foo\nbar", "Quote(2)[Fenced(2)!] Paragraph(1)"},
		{"list item ends a lazy continuation", "> foo\n- bar", "Quote(1)[Paragraph(1)] Paragraph(1)"},
		{"thematic break ends a quote", "> foo\n---", "Quote(1)[Paragraph(1)] Paragraph(1)"},
		{"blank line ends a quote", "> foo\n\n> bar", "Quote(1)[Paragraph(1)] Blank(1) Quote(1)[Paragraph(1)]"},
		{"blank quoted line splits paragraphs", "> foo\n>\n> bar", "Quote(3)[Paragraph(1) Blank(1) Paragraph(1)]"},
		{"nested quote", "> > foo\n> > bar", "Quote(2)[Quote(2)[Paragraph(2)]]"},
		{"nested quote with lazy lines", ">>> foo\n> bar\nbaz", "Quote(3)[Quote(3)[Quote(3)[Paragraph(3)]]]"},
		{"indented code in a quote", ">     code\n\n>    not code", "Quote(1)[Indented(1)] Blank(1) Quote(1)[Paragraph(1)]"},
		{"empty quote", ">", "Quote(1)[Blank(1)]"},

		// HTML blocks (spec 4.6) that hide or freeze their lines.
		{"comment over blank lines", "<!-- foo\n\nbar -->\nbaz", "HTML(3) Paragraph(1)"},
		{"short comments", "<!-->\n<!--->\nfoo", "HTML(1) HTML(1) Paragraph(1)"},
		{"unclosed comment runs to the end", "<!--\nfoo\n\nbar", "HTML(4)!"},
		{"comment interrupts a paragraph", "Foo\n<!-- bar -->\nbaz", "Paragraph(1) HTML(1) Paragraph(1)"},
		{"comment ends a lazy continuation", "> foo\n<!-- bar -->", "Quote(1)[Paragraph(1)] HTML(1)"},
		{"comment indented by 4 spaces is code", "    <!-- foo -->", "Indented(1)"},
		{"pre element", "<pre>\n\nfoo\n</pre>\nbar", "HTML(4) Paragraph(1)"},
		{"pre element in upper case", "<PRE class=x>\nfoo\n</PRE>", "HTML(3)"},
		{"script closed by another raw end tag", "<script>\n</style>\nfoo", "HTML(2) Paragraph(1)"},
		{"textarea", "<textarea>\n\n*foo*\n</textarea>", "HTML(4)"},
		{"pre-like tag is text", "<preview>\nfoo", "Paragraph(2)"},
	}
}

func TestParse(t *testing.T) {
	for _, tc := range parseCases() {
		t.Run(tc.name, func(t *testing.T) {
			blocks := Parse(tc.src)
			if diff := cmp.Diff(tc.want, outline(blocks)); diff != "" {
				t.Errorf("Parse(%q) (-want +got):\n%s", tc.src, diff)
			}
			checkBlocks(t, tc.src, blocks)
		})
	}
}

// checkBlocks asserts what holds for the blocks of any text: they cover its
// lines in order, a Quote's content covers the quote's lines, and a Fenced
// block starts with its fence.
func checkBlocks(t *testing.T, src string, blocks []Block) {
	t.Helper()
	lines := Lines(src)
	next := 0
	for _, b := range blocks {
		if len(b.Lines) == 0 {
			t.Fatalf("Parse(%q): empty %v block", src, b.Kind)
		}
		for _, ln := range b.Lines {
			if ln.N != next {
				t.Fatalf("Parse(%q): %v block holds line %d, want line %d", src, b.Kind, ln.N, next)
			}
			next++
		}
		if b.Start() != lines[b.Lines[0].N].Start || b.End() != lines[b.Lines[len(b.Lines)-1].N].Next {
			t.Errorf("Parse(%q): %v block's bytes [%d, %d) are not its lines'", src, b.Kind, b.Start(), b.End())
		}
		if b.Kind == Fenced && !strings.HasPrefix(strings.TrimLeft(b.Lines[0].Text, " \t-+*0123456789.)"), b.Fence) {
			t.Errorf("Parse(%q): Fenced block %q does not start with its fence %q", src, b.Lines[0].Text, b.Fence)
		}
		if b.Kind == Quote {
			checkInner(t, src, b)
		}
	}
	if next != len(lines) {
		t.Fatalf("Parse(%q): blocks hold %d lines, text has %d", src, next, len(lines))
	}
}

// checkInner asserts that a Quote's content blocks hold its lines, in
// order, each a tail of the quote's line.
func checkInner(t *testing.T, src string, q Block) {
	t.Helper()
	i := 0
	var walk func([]Block)
	walk = func(blocks []Block) {
		for _, b := range blocks {
			for _, ln := range b.Lines {
				outer := q.Lines[i]
				if ln.N != outer.N || ln.End != outer.End || ln.Start < outer.Start || src[ln.Start:ln.End] != ln.Text {
					t.Fatalf("Parse(%q): quote content line %+v is not a tail of %+v", src, ln, outer)
				}
				i++
			}
		}
	}
	walk(q.Inner())
	if i != len(q.Lines) {
		t.Fatalf("Parse(%q): quote content holds %d lines, quote has %d", src, i, len(q.Lines))
	}
}

func TestLines(t *testing.T) {
	got := Lines("a\r\nb\rc\n")
	want := []Line{
		{N: 0, Start: 0, End: 1, Next: 3, Text: "a"},
		{N: 1, Start: 3, End: 4, Next: 5, Text: "b"},
		{N: 2, Start: 5, End: 6, Next: 7, Text: "c"},
		{N: 3, Start: 7, End: 7, Next: 7, Text: ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Lines (-want +got):\n%s", diff)
	}
}

func TestIsLazy(t *testing.T) {
	q := Parse("> a\nb\n> c")[0]
	got := []bool{q.IsLazy(0), q.IsLazy(1), q.IsLazy(2)}
	if diff := cmp.Diff([]bool{false, true, false}, got); diff != "" {
		t.Errorf("IsLazy (-want +got):\n%s", diff)
	}
}

func TestBlocksStopsEarly(t *testing.T) {
	n := 0
	for b := range Blocks("a\n\nb\n\nc") {
		n++
		if b.Kind == Blank {
			break
		}
	}
	if n != 2 {
		t.Errorf("Blocks yielded %d blocks after the consumer stopped at the second", n)
	}
}
