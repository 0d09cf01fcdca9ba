package markdown

import "strings"

// Span is a half-open byte range [Start, End) of a text and what it is.
type Span struct {
	Kind       Kind
	Start, End int
}

// Inline returns the code spans and inline HTML comments of one paragraph,
// given as its lines, in order. Whichever starts first wins: a backtick in
// a comment opens no code span, and "<!--" in a code span is code. A code
// span or comment that does not end within the paragraph is plain text; a
// backslash before a backtick makes it plain text too.
func Inline(lines []Line) []Span { return AppendInline(nil, lines) }

// AppendInline appends the spans Inline returns to dst and returns the
// extended slice, so a caller reading many paragraphs can reuse one buffer.
func AppendInline(dst []Span, lines []Line) []Span {
	s := inlineScanner{lines: lines, out: dst}
	for l, col := 0, 0; l < len(lines); {
		l, col = s.scanLine(l, col)
	}
	return s.out
}

// inlineScanner finds the inline spans of a paragraph.
type inlineScanner struct {
	lines []Line
	out   []Span
	// runs are a long paragraph's backtick runs by length, in order, read
	// on the first code span opening.
	runs map[int]*runList
	// noCloser holds the run lengths known not to close in the rest of
	// the paragraph, while closers are searched for.
	noCloser map[int]bool
	// searched counts the bytes closer searches have read; past a few
	// times the paragraph's size, it indexes the runs instead.
	searched int
	// noCommentEnd says no HTML comment closes in the rest of the paragraph.
	noCommentEnd bool
}

// runList holds the starts of the backtick runs of one length, and the
// index of the first one not yet passed: searches only move forward.
type runList struct {
	at   [][2]int // line and column
	next int
}

// scanLine reads line l from col and returns the next position to read
// from: the start of the next line, or the position just past a code span
// or comment that ends on a later line.
func (s *inlineScanner) scanLine(l, col int) (int, int) {
	line := s.lines[l].Text
	for col < len(line) {
		switch {
		case line[col] == '\\' && col+1 < len(line) && isASCIIPunct(line[col+1]):
			col += 2
		case line[col] == '`':
			n := runLen(line[col:], '`')
			cl, cc, ok := s.closer(l, col+n, n)
			if !ok {
				col += n
				continue
			}
			s.add(CodeSpan, l, col, cl, cc+n)
			if cl > l {
				return cl, cc + n
			}
			col = cc + n
		case strings.HasPrefix(line[col:], "<!--"):
			// From col+2, so that the short forms <!--> and <!---> close too.
			cl, cc, ok := s.commentEnd(l, col+2)
			if !ok {
				col += 4
				continue
			}
			s.add(Comment, l, col, cl, cc+3)
			if cl > l {
				return cl, cc + 3
			}
			col = cc + 3
		default:
			// Jump to the next byte that may start an escape, a code span
			// or a comment.
			next := strings.IndexAny(line[col+1:], "\\`<")
			if next < 0 {
				return l + 1, 0
			}
			col += 1 + next
		}
	}
	return l + 1, 0
}

// add records a span from column col of line l to column ecol of line el.
func (s *inlineScanner) add(k Kind, l, col, el, ecol int) {
	s.out = append(s.out, Span{Kind: k, Start: s.lines[l].Start + col, End: s.lines[el].Start + ecol})
}

// closer finds the backtick run of exactly n that closes a code span opened
// before (l, col).
func (s *inlineScanner) closer(l, col, n int) (int, int, bool) {
	if s.runs == nil && s.searched < 4*s.size()+indexFrom {
		return s.scanCloser(l, col, n)
	}
	if s.runs == nil {
		s.indexRuns()
	}
	rl := s.runs[n]
	if rl == nil {
		return 0, 0, false
	}
	for rl.next < len(rl.at) && (rl.at[rl.next][0] < l || rl.at[rl.next][0] == l && rl.at[rl.next][1] < col) {
		rl.next++
	}
	if rl.next == len(rl.at) {
		return 0, 0, false
	}
	at := rl.at[rl.next]
	return at[0], at[1], true
}

// indexFrom is how many bytes closer searches may read, beyond four times
// the paragraph's size, before it indexes the backtick runs instead: a
// search is cheaper when closers are near, an index when they are far or
// missing (runs of growing length), which bounds the work by the size.
const indexFrom = 2048

// size returns the paragraph's size in bytes.
func (s *inlineScanner) size() int {
	return s.lines[len(s.lines)-1].End - s.lines[0].Start
}

// scanCloser is closer by a search of the rest of the paragraph.
func (s *inlineScanner) scanCloser(l, col, n int) (int, int, bool) {
	if s.noCloser[n] {
		return 0, 0, false
	}
	for ; l < len(s.lines); l, col = l+1, 0 {
		line := s.lines[l].Text
		from := col
		for {
			i := strings.IndexByte(line[col:], '`')
			if i < 0 {
				break
			}
			i += col
			m := runLen(line[i:], '`')
			if m == n {
				s.searched += i - from
				return l, i, true
			}
			col = i + m
		}
		s.searched += len(line) - from
	}
	// Searches only move forward, so no later run of n can close either.
	if s.noCloser == nil {
		s.noCloser = make(map[int]bool)
	}
	s.noCloser[n] = true
	return 0, 0, false
}

// indexRuns reads the paragraph's backtick runs, so that finding each
// closer costs no more than passing the runs before it, once.
func (s *inlineScanner) indexRuns() {
	s.runs = make(map[int]*runList)
	for l, ln := range s.lines {
		line := ln.Text
		for col := 0; ; {
			i := strings.IndexByte(line[col:], '`')
			if i < 0 {
				break
			}
			col += i
			m := runLen(line[col:], '`')
			rl := s.runs[m]
			if rl == nil {
				rl = &runList{}
				s.runs[m] = rl
			}
			rl.at = append(rl.at, [2]int{l, col})
			col += m
		}
	}
}

// commentEnd returns the position of the first "-->" at or after (l, col).
func (s *inlineScanner) commentEnd(l, col int) (int, int, bool) {
	if s.noCommentEnd {
		return 0, 0, false
	}
	for ; l < len(s.lines); l, col = l+1, 0 {
		line := s.lines[l].Text
		if col > len(line) {
			continue
		}
		if i := strings.Index(line[col:], "-->"); i >= 0 {
			return l, col + i, true
		}
	}
	s.noCommentEnd = true // as for closer: no later search can succeed
	return 0, 0, false
}

// isASCIIPunct reports whether Markdown lets a backslash escape c.
func isASCIIPunct(c byte) bool {
	return strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

// Spans returns the inline spans of every paragraph of src, in quotes too,
// in order. Code blocks and raw HTML blocks have none.
func Spans(src string) []Span {
	return appendSpans(nil, Parse(src))
}

// appendSpans appends the inline spans of blocks' paragraphs to out.
func appendSpans(out []Span, blocks []Block) []Span {
	for _, b := range blocks {
		switch b.Kind {
		case Paragraph:
			out = AppendInline(out, b.Lines)
		case Quote:
			out = appendSpans(out, b.Inner())
		}
	}
	return out
}

// TextSpans returns the inline spans of text known to be rendered text
// (a paragraph, or lines cut from one), not a whole body: only blank lines
// and lines that would start a quote, heading, list item, fence, raw HTML
// block or thematic break end a paragraph, never indentation.
func TextSpans(text string) []Span {
	lines := Lines(text)
	var out []Span
	for i := 0; i < len(lines); {
		if _, rest := Indentation(lines[i].Text); rest == "" {
			i++
			continue
		}
		end := paragraphEnd(lines, i, 0)
		out = AppendInline(out, lines[i:end])
		i = end
	}
	return out
}
