package tone

import (
	"strings"

	"github.com/prcoach/prcoach/handlers/markdown"
)

// blockKind says how a run of lines is treated: prose is scored and
// reworded, quotes and code are kept verbatim and never scored.
type blockKind int

const (
	prose blockKind = iota
	quote
	code
)

// block is a run of whole lines of one kind; text keeps the original line
// endings so the blocks concatenate back to the input.
type block struct {
	kind blockKind
	text string
}

// splitBlocks cuts Markdown into prose, quoted lines (">") and code
// (fenced or indented code blocks, and raw HTML blocks such as comments,
// which GitHub hides), as package markdown reads it. A lazy line after a
// quote, which GitHub shows inside the quote, is prose here: it is the
// reviewer's own reply typed without a blank line.
func splitBlocks(text string) []block {
	type run struct {
		kind       blockKind
		start, end int
	}
	var runs []run
	add := func(k blockKind, start, end int) {
		if start == end {
			return // the empty line after a final line ending
		}
		if n := len(runs); n > 0 && runs[n-1].kind == k {
			runs[n-1].end = end
			return
		}
		runs = append(runs, run{k, start, end})
	}
	for _, b := range markdown.Parse(text) {
		switch {
		case b.Kind == markdown.Quote:
			for i, ln := range b.Lines {
				k := quote
				if b.IsLazy(i) {
					k = prose
				}
				add(k, ln.Start, ln.Next)
			}
		case b.Kind.IsCode():
			add(code, b.Start(), b.End())
		default:
			add(prose, b.Start(), b.End())
		}
	}
	out := make([]block, len(runs))
	for i, r := range runs {
		out[i] = block{kind: r.kind, text: text[r.start:r.end]}
	}
	return out
}

// openFence returns the run of fence characters that opens a fenced block.
func openFence(trimmed string) string {
	c := trimmed[0]
	n := 0
	for n < len(trimmed) && trimmed[n] == c {
		n++
	}
	return trimmed[:n]
}

// span is a half-open byte range of a string.
type span struct{ start, end int }

// codeSpans finds inline code spans in prose, as package markdown reads
// them: a run of n backticks up to the next run of exactly n in the same
// paragraph, not backslash-escaped and not inside an HTML comment. An
// unmatched run is literal text.
func codeSpans(s string) []span {
	var out []span
	for _, sp := range markdown.TextSpans(s) {
		if sp.Kind == markdown.CodeSpan {
			out = append(out, span{sp.Start, sp.End})
		}
	}
	return out
}

// runLen counts the backticks at s[i:].
func runLen(s string, i int) int {
	n := 0
	for i+n < len(s) && s[i+n] == '`' {
		n++
	}
	return n
}

// proseText returns the prose of a comment with quotes and code blocks
// removed, code spans replaced by the word "Code" and links by "Link"
// (capitalised so a sentence after a period still starts), and HTML
// comments, which GitHub hides, removed, so rules see the sentence shape but
// none of the technical content.
func proseText(text string) string {
	var b strings.Builder
	for _, bl := range splitBlocks(text) {
		if bl.kind != prose {
			b.WriteString("\n")
			continue
		}
		b.WriteString(maskProse(bl.text))
	}
	return b.String()
}

// maskProse replaces code spans and URLs in a prose block, and removes its
// inline HTML comments.
func maskProse(s string) string {
	var b strings.Builder
	last := 0
	for _, sp := range markdown.TextSpans(s) {
		b.WriteString(maskURLs(s[last:sp.Start]))
		if sp.Kind == markdown.CodeSpan {
			b.WriteString("Code")
		}
		last = sp.End
	}
	b.WriteString(maskURLs(s[last:]))
	return b.String()
}

// maskURLs replaces each URL in s by "Link".
func maskURLs(s string) string {
	return urlRE().ReplaceAllString(s, "Link")
}
