package command

import (
	"iter"
	"strings"
)

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
	lines []string
	yield func(int) bool
	// item is the content column of the list item being read, 0 outside
	// lists; only the innermost item is remembered.
	item int
	// What is known not to close in the current paragraph: backtick runs,
	// by length, and HTML comments.
	noCloser     map[int]bool
	noCommentEnd bool
}

// blocks walks the body's blocks, handing each paragraph to paragraph.
func (w *walker) blocks() {
	lazy := false // the previous line was quoted text, so this one may continue the quote
	for i := 0; i < len(w.lines); {
		ind, rest := indentation(w.lines[i])
		rel := ind - w.item
		if rest != "" && (!lazy || rel < 4 && (rest[0] == '>' || interrupts(rest))) {
			w.enterItem(ind, rest) // a new block, not a lazy continuation line
		}
		ind -= w.item // from here on, indentation within the list item
		switch {
		case rest == "":
			lazy = false
			i++
		case ind < 4 && rest[0] == '>':
			ind, inner := indentation(quoteText(rest))
			lazy = inner != "" && (ind >= 4 || !opensLeaf(inner)) // quoted paragraph text
			i++
		case ind < 4 && isFence(rest):
			lazy = false
			i = w.skipFence(i)
		case ind < 4 && isRaw(rest):
			// Raw HTML blocks interrupt a paragraph, so a quote too.
			lazy = false
			i = w.skipRaw(i, len(w.lines[i])-len(rest))
		case lazy && (ind >= 4 || !interrupts(rest)), ind >= 4:
			// Lazy continuation of a quote, or indented code.
			i++
		default:
			lazy = false
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

// enterItem updates the list item for a line that starts a block: a list
// item marker opens one, a line indented less than the item's content
// column leaves it.
func (w *walker) enterItem(ind int, rest string) {
	if ind < w.item {
		w.item = 0
	}
	if width, ok := listMarker(rest); ok && ind-w.item < 4 {
		w.item = ind + width
	}
}

// listMarker returns the width of the list item marker that starts rest,
// with the spaces after it: "- ", "* ", "+ ", "1. ", "12) ".
func listMarker(rest string) (int, bool) {
	if isBreak(rest) {
		return 0, false
	}
	n := 0
	switch {
	case strings.IndexByte("-+*", rest[0]) >= 0:
		n = 1
	default:
		for n < len(rest) && n < 9 && '0' <= rest[n] && rest[n] <= '9' {
			n++
		}
		if n == 0 || n == len(rest) || rest[n] != '.' && rest[n] != ')' {
			return 0, false
		}
		n++
	}
	if n == len(rest) {
		return n + 1, true
	}
	spaces, after := indentation(rest[n:])
	switch {
	case spaces == 0:
		return 0, false
	case spaces > 4 || after == "":
		return n + 1, true
	}
	return n + spaces, true
}

// paragraphEnd returns the index of the first line after the paragraph (or
// heading) that starts at line i.
func (w *walker) paragraphEnd(i int) int {
	if _, rest := indentation(w.lines[i]); isHeading(rest) || isBreak(rest) {
		return i + 1
	}
	for i++; i < len(w.lines); i++ {
		ind, rest := indentation(w.lines[i])
		if rest == "" || ind-w.item < 4 && (rest[0] == '>' || interrupts(rest)) {
			return i
		}
	}
	return len(w.lines)
}

// interrupts reports whether rest (a line indented less than 4 columns, after
// its indentation) ends a paragraph before it, and so a lazy quote: a fence,
// a raw HTML block, a heading, a thematic break, or a list item that is not
// empty (an ordered one only when numbered 1). Other HTML blocks are missed,
// which only hides more.
func interrupts(rest string) bool {
	if opensLeaf(rest) {
		return true
	}
	marker := 0
	switch {
	case strings.IndexByte("-+*", rest[0]) >= 0:
		marker = 1
	case strings.HasPrefix(rest, "1.") || strings.HasPrefix(rest, "1)"):
		marker = 2
	default:
		return false
	}
	after := rest[marker:]
	return after != "" && (after[0] == ' ' || after[0] == '\t') && strings.TrimLeft(after, " \t") != ""
}

// opensLeaf reports whether rest starts a block that is not a paragraph and
// holds no paragraph: a fence, a raw HTML block, a heading or a thematic break.
func opensLeaf(rest string) bool {
	return isFence(rest) || isRaw(rest) || isHeading(rest) || isBreak(rest)
}

// isHeading reports whether rest is an ATX heading: 1 to 6 '#' and then a
// space, a tab or nothing.
func isHeading(rest string) bool {
	n := runLen(rest, '#')
	return n >= 1 && n <= 6 && (n == len(rest) || rest[n] == ' ' || rest[n] == '\t')
}

// isBreak reports whether rest is a thematic break: three or more '*', '-'
// or '_' and nothing else but spaces and tabs.
func isBreak(rest string) bool {
	if rest == "" || strings.IndexByte("*-_", rest[0]) < 0 {
		return false
	}
	n := 0
	for i := 0; i < len(rest); i++ {
		switch rest[i] {
		case rest[0]:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
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
// after its closing fence, at the first line outside the list item it was
// opened in, or at the end of the body when it never closes.
func (w *walker) skipFence(i int) int {
	_, open := indentation(w.lines[i])
	char, n := open[0], runLen(open, open[0])
	for i++; i < len(w.lines); i++ {
		ind, rest := indentation(w.lines[i])
		if rest != "" && ind < w.item {
			return i
		}
		m := runLen(rest, char)
		if ind-w.item < 4 && m >= n && strings.TrimLeft(rest[m:], " \t") == "" {
			return i + 1
		}
	}
	return len(w.lines)
}

// rawElements returns the elements that open raw HTML blocks; any of their
// end tags closes one.
func rawElements() [4]string {
	return [...]string{"pre", "script", "style", "textarea"}
}

// isRaw reports whether rest (a line after its indentation) opens a raw HTML
// block, whose lines are not Markdown: an HTML comment, or a <pre>,
// <script>, <style> or <textarea> element.
func isRaw(rest string) bool {
	if strings.HasPrefix(rest, "<!--") {
		return true
	}
	if !strings.HasPrefix(rest, "<") {
		return false
	}
	for _, tag := range rawElements() {
		if !hasPrefixFold(rest[1:], tag) {
			continue
		}
		if after := rest[1+len(tag):]; after == "" || strings.IndexByte(" \t>", after[0]) >= 0 {
			return true
		}
	}
	return false
}

// skipRaw returns the line after the raw HTML block whose opening starts at
// byte at of line i: after the line holding its end ("-->" for a comment,
// any of the elements' end tags otherwise), or the end of the body.
func (w *walker) skipRaw(i, at int) int {
	comment := strings.HasPrefix(w.lines[i][at:], "<!--")
	from := at + 2 // from at+2, so <!--> and <!---> close too
	for ; i < len(w.lines); i, from = i+1, 0 {
		if comment && strings.Contains(w.lines[i][from:], "-->") || !comment && hasEndTag(w.lines[i]) {
			return i + 1
		}
	}
	return len(w.lines)
}

// hasEndTag reports whether line holds the end tag of a raw element.
func hasEndTag(line string) bool {
	for i := strings.Index(line, "</"); i >= 0; {
		for _, tag := range rawElements() {
			if hasPrefixFold(line[i+2:], tag+">") {
				return true
			}
		}
		j := strings.Index(line[i+2:], "</")
		if j < 0 {
			return false
		}
		i += 2 + j
	}
	return false
}
