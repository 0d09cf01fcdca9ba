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
		// A lazy line continues the quote unless it starts a block of its own.
		continues := lazy && rest != "" && !(ind-w.item < 4 && (rest[0] == '>' || interrupts(rest)))
		if rest != "" && !continues {
			w.enterItem(ind, rest)
		}
		ind -= w.item // from here on, indentation within the list item
		switch {
		case rest == "":
			lazy = false
			i++
		case continues:
			i++
		case ind < 4 && rest[0] == '>':
			ind, inner := indentation(quoteText(rest))
			lazy = inner != "" && (ind >= 4 || !opensLeaf(inner)) // quoted paragraph text
			i++
		case ind < 4 && isFence(rest):
			lazy = false
			i = w.skipFence(i)
		case ind < 4 && isRaw(rest):
			lazy = false
			i = w.skipRaw(i, len(w.lines[i])-len(rest))
		case ind >= 4: // indented code
			lazy = false
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
