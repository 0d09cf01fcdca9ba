package command

import (
	"iter"
	"strings"
)

// splitLines splits s on "\r\n", "\r" or "\n".
func splitLines(s string) []string {
	lines := make([]string, 0, strings.Count(s, "\n")+1)
	for {
		i := strings.IndexAny(s, "\r\n")
		if i < 0 {
			return append(lines, s)
		}
		lines = append(lines, s[:i])
		if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
			i++
		}
		s = s[i+1:]
	}
}

// indentation returns the width of line's leading spaces and tabs in columns
// (a tab advances to the next multiple of 4) and the text after them.
func indentation(line string) (int, string) {
	cols := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case ' ':
			cols++
		case '\t':
			cols += 4 - cols%4
		default:
			return cols, line[i:]
		}
	}
	return cols, ""
}

// visibleLines yields, in order, the index of each line that starts in
// visible text: outside quotes, code blocks, code spans and HTML comments.
func visibleLines(lines []string) iter.Seq[int] {
	return func(yield func(int) bool) {
		w := walker{lines: lines, yield: yield}
		w.blocks()
	}
}

// walker follows the block structure of a body line by line.
type walker struct {
	lines    []string
	yield    func(int) bool
	noCloser map[int]bool // backtick run lengths with no closer left in this paragraph
}

// blocks walks the body's blocks, handing each paragraph to paragraph.
func (w *walker) blocks() {
	lazy := false // the previous line was quoted text, so this one may continue the quote
	for i := 0; i < len(w.lines); {
		ind, rest := indentation(w.lines[i])
		switch {
		case rest == "":
			lazy = false
			i++
		case ind < 4 && rest[0] == '>':
			_, inner := indentation(quoteText(rest))
			lazy = inner != ""
			i++
		case ind < 4 && isFence(rest):
			lazy = false
			i = w.skipFence(i)
		case ind < 4 && rawEnd(rest) != "":
			// Raw HTML blocks interrupt a paragraph, so a quote too.
			lazy = false
			i = w.skipRaw(i, len(w.lines[i])-len(rest))
		case lazy, ind >= 4: // lazy continuation of a quote, or indented code
			i++
		default:
			var ok bool
			if i, ok = w.paragraph(i); !ok {
				return
			}
		}
	}
}

// quoteText strips every `>` marker from the start of a quoted line.
func quoteText(rest string) string {
	for {
		rest = rest[1:]
		ind, inner := indentation(rest)
		if ind >= 4 || !strings.HasPrefix(inner, ">") {
			return rest
		}
		rest = inner
	}
}

// paragraphEnd returns the index of the first line after the paragraph that
// starts at line i. Only blank lines, quotes, fences and raw HTML blocks end
// it here; missing the other interruptions (headings, lists) only hides more.
func (w *walker) paragraphEnd(i int) int {
	for i++; i < len(w.lines); i++ {
		ind, rest := indentation(w.lines[i])
		if rest == "" || ind < 4 && (rest[0] == '>' || isFence(rest) || rawEnd(rest) != "") {
			return i
		}
	}
	return len(w.lines)
}

// paragraph yields the lines of the paragraph starting at line l that begin
// outside a code span or HTML comment. It returns the line after the
// paragraph, and false when the consumer stopped or a comment never closes.
func (w *walker) paragraph(l int) (int, bool) {
	end := w.paragraphEnd(l)
	clear(w.noCloser)
	col := 0
	for l < end {
		if col == 0 && !w.yield(l) {
			return 0, false
		}
		var ok bool
		if l, col, ok = w.scanLine(l, col, end); !ok {
			return 0, false
		}
		if l >= end && col > 0 {
			// An HTML comment outlasted the paragraph; the text after it
			// starts another.
			end = w.paragraphEnd(l)
			clear(w.noCloser)
		}
	}
	return end, true
}

// scanLine reads line l from col and returns the next position where a line
// start can be judged: the start of the next line, or the position just past
// a code span or HTML comment that ends on a later line. It returns false
// when an HTML comment never closes.
func (w *walker) scanLine(l, col, end int) (int, int, bool) {
	line := w.lines[l]
	for col < len(line) {
		switch {
		case line[col] == '\\' && col+1 < len(line) && isASCIIPunct(line[col+1]):
			col += 2
		case line[col] == '`':
			n := runLen(line[col:], '`')
			cl, cc, ok := w.closer(l, col+n, end, n)
			switch {
			case !ok:
				col += n
			case cl > l:
				return cl, cc + n, true
			default:
				col = cc + n
			}
		case strings.HasPrefix(line[col:], "<!--"):
			// From col+2, so that the short forms <!--> and <!---> close too.
			cl, cc, ok := w.find(l, col+2, "-->")
			switch {
			case !ok:
				return 0, 0, false
			case cl > l:
				return cl, cc + 3, true
			default:
				col = cc + 3
			}
		default:
			col++
		}
	}
	return l + 1, 0, true
}

// closer finds the backtick run of exactly n that closes a code span opened
// before (l, col), within the paragraph ending at line end.
func (w *walker) closer(l, col, end, n int) (int, int, bool) {
	if w.noCloser[n] {
		return 0, 0, false
	}
	for ; l < end; l, col = l+1, 0 {
		line := w.lines[l]
		for {
			i := strings.IndexByte(line[col:], '`')
			if i < 0 {
				break
			}
			i += col
			m := runLen(line[i:], '`')
			if m == n {
				return l, i, true
			}
			col = i + m
		}
	}
	// Searches only move forward, so no later run of n can close either.
	if w.noCloser == nil {
		w.noCloser = make(map[int]bool)
	}
	w.noCloser[n] = true
	return 0, 0, false
}

// find returns the position of the first s at or after (l, col).
func (w *walker) find(l, col int, s string) (int, int, bool) {
	for ; l < len(w.lines); l, col = l+1, 0 {
		if col > len(w.lines[l]) {
			continue
		}
		if i := strings.Index(w.lines[l][col:], s); i >= 0 {
			return l, col + i, true
		}
	}
	return 0, 0, false
}

// isFence reports whether rest (a line after its indentation) opens a fenced
// code block: three or more backticks or tildes, and for backticks an info
// string without backticks.
func isFence(rest string) bool {
	if rest == "" || rest[0] != '`' && rest[0] != '~' {
		return false
	}
	n := runLen(rest, rest[0])
	return n >= 3 && (rest[0] == '~' || !strings.Contains(rest[n:], "`"))
}

// skipFence returns the line after the fenced code block opened at line i:
// after its closing fence, or the end of the body when it never closes.
func (w *walker) skipFence(i int) int {
	_, open := indentation(w.lines[i])
	char, n := open[0], runLen(open, open[0])
	for i++; i < len(w.lines); i++ {
		ind, rest := indentation(w.lines[i])
		m := runLen(rest, char)
		if ind < 4 && m >= n && strings.TrimLeft(rest[m:], " \t") == "" {
			return i + 1
		}
	}
	return len(w.lines)
}

// runLen counts the leading bytes of s equal to c.
func runLen(s string, c byte) int {
	n := 0
	for n < len(s) && s[n] == c {
		n++
	}
	return n
}

// isASCIIPunct reports whether Markdown lets a backslash escape c.
func isASCIIPunct(c byte) bool {
	return strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

// rawEnd returns the text that closes the raw HTML block rest opens (rest is
// a line after its indentation): an HTML comment, or a <pre>, <script>,
// <style> or <textarea> element, whose lines are not Markdown. It returns ""
// when rest opens none.
func rawEnd(rest string) string {
	if strings.HasPrefix(rest, "<!--") {
		return "-->"
	}
	if !strings.HasPrefix(rest, "<") {
		return ""
	}
	for _, tag := range [...]string{"pre", "script", "style", "textarea"} {
		if !hasPrefixFold(rest[1:], tag) {
			continue
		}
		if after := rest[1+len(tag):]; after == "" || strings.IndexByte(" \t>", after[0]) >= 0 {
			return "</" + tag + ">"
		}
	}
	return ""
}

// skipRaw returns the line after the raw HTML block whose opening starts at
// byte at of line i: after the line holding its end, or the end of the body.
func (w *walker) skipRaw(i, at int) int {
	end, from := rawEnd(w.lines[i][at:]), at+2 // from at+2, so <!--> and <!---> close too
	for ; i < len(w.lines); i, from = i+1, 0 {
		if strings.Contains(strings.ToLower(w.lines[i][from:]), end) {
			return i + 1
		}
	}
	return len(w.lines)
}
