package markdown

import (
	"iter"
	"strings"
)

// Block is a run of whole lines of one kind.
type Block struct {
	Kind Kind
	// Lines are the block's lines. In a Quote they are the whole lines,
	// markers included; Inner reads their content.
	Lines []Line
	// Fence is a Fenced block's opening run of backticks or tildes.
	Fence string
	// Unclosed says a Fenced or HTML block ran to the end of the text
	// without its closing fence, end tag or "-->".
	Unclosed bool
	// item is the content column of the list item a Quote is in.
	item int
}

// Start returns the offset of the block's first byte.
func (b Block) Start() int { return b.Lines[0].Start }

// End returns the offset just past the block's last line ending.
func (b Block) End() int { return b.Lines[len(b.Lines)-1].Next }

// Parse reads the block structure of src. The blocks cover every line of
// src, in order; runs of blank lines and of indented code lines make one
// block each.
func Parse(src string) []Block {
	return parseLines(Lines(src))
}

// Blocks yields the blocks Parse returns, one by one, reading src only as
// far as the consumer goes.
func Blocks(src string) iter.Seq[Block] {
	return func(yield func(Block) bool) {
		w := walker{lines: Lines(src), yield: yield}
		w.blocks()
	}
}

// ParseLines is Parse for a text already split by Lines.
func ParseLines(lines []Line) []Block { return parseLines(lines) }

// parseLines reads the blocks of lines.
func parseLines(lines []Line) []Block {
	var out []Block
	w := walker{lines: lines, yield: func(b Block) bool {
		out = append(out, b)
		return true
	}}
	w.blocks()
	return out
}

// walker follows the block structure of a text line by line.
type walker struct {
	lines []Line
	yield func(Block) bool
	// items are the content columns of the open list items, innermost last.
	items []int
	// pending is the last block read, not yet yielded: a blank or indented
	// code line after it may still join it.
	pending Block
	// from and to are the indexes in lines of pending's lines.
	from, to int
	stopped  bool
}

// item returns the content column of the innermost open list item, 0
// outside lists.
func (w *walker) item() int {
	if len(w.items) == 0 {
		return 0
	}
	return w.items[len(w.items)-1]
}

// blocks walks the text's blocks.
func (w *walker) blocks() {
	for i := 0; i < len(w.lines) && !w.stopped; {
		ind, rest := Indentation(w.lines[i].Text)
		if rest != "" {
			if content, ok := w.enterItem(ind, rest); ok {
				if next, ok := w.itemLine(i, content); ok {
					i = next
					continue
				}
			}
		}
		ind -= w.item() // from here on, indentation within the list item
		switch {
		case rest == "":
			i = w.add(Block{Kind: Blank}, i, i+1)
		case ind < 4 && rest[0] == '>':
			i = w.quote(i)
		case ind < 4 && isFence(rest):
			i = w.fence(i, rest)
		case ind < 4 && isRaw(rest):
			i = w.raw(i, len(w.lines[i].Text)-len(rest))
		case ind >= 4:
			i = w.add(Block{Kind: Indented}, i, i+1)
		default:
			i = w.add(Block{Kind: Paragraph}, i, w.paragraphEnd(i))
		}
	}
	w.flush()
}

// add adds b holding lines [from, to) and returns to. Blank and indented
// code lines join a block of their kind just before them.
func (w *walker) add(b Block, from, to int) int {
	if w.pending.Kind == b.Kind && (b.Kind == Blank || b.Kind == Indented) {
		w.to = to
		return to
	}
	w.flush()
	w.pending, w.from, w.to = b, from, to
	return to
}

// flush yields the pending block, if any.
func (w *walker) flush() {
	if w.pending.Kind == 0 || w.stopped {
		return
	}
	b := w.pending
	b.Lines = w.lines[w.from:w.to:w.to]
	w.pending = Block{}
	w.stopped = !w.yield(b)
}

// enterItem updates the open list items for a line that starts a block:
// the line leaves every item whose content column it is left of, and each
// list item marker opens one ("- 1. x" opens two). When the line opens an
// item, it returns the item's content on this line ("" when that is
// indented code) and true.
func (w *walker) enterItem(ind int, rest string) (string, bool) {
	for len(w.items) > 0 && ind < w.item() {
		w.items = w.items[:len(w.items)-1]
	}
	opened := false
	for {
		width, ok := listMarker(rest)
		if !ok || ind-w.item() >= 4 {
			return rest, opened
		}
		w.items = append(w.items, ind+width)
		opened = true
		m := markerLen(rest)
		spaces, content := Indentation(rest[m:])
		if spaces > 4 || content == "" {
			return rest[m:], true
		}
		ind, rest = ind+m+spaces, content
	}
}

// itemLine adds the block that starts on line i right after a list item's
// marker, content being the rest of the line, and returns the line after
// it; false when the line is read as any other. An empty item, a heading or
// a thematic break is a line of text of its own; content indented 5 or more
// columns is indented code.
func (w *walker) itemLine(i int, content string) (int, bool) {
	ind, rest := Indentation(content)
	switch {
	case rest == "" || isHeading(rest) || isBreak(rest):
		return w.add(Block{Kind: Paragraph}, i, i+1), true // one line of text
	case ind >= 4:
		return w.add(Block{Kind: Indented}, i, i+1), true
	case isFence(rest):
		return w.fence(i, rest), true
	case isRaw(rest):
		return w.raw(i, len(w.lines[i].Text)-len(rest)), true
	}
	return 0, false
}

// paragraphEnd returns the index of the first line after the paragraph (or
// heading) that starts at line i.
func (w *walker) paragraphEnd(i int) int {
	if _, rest := Indentation(w.lines[i].Text); isHeading(rest) || isBreak(rest) {
		return i + 1
	}
	return paragraphEnd(w.lines, i, w.item())
}

// paragraphEnd returns the index of the first line after the paragraph
// whose first line is i, in a list item with content column item: a blank
// line, or one that starts a quote or interrupts the paragraph.
func paragraphEnd(lines []Line, i, item int) int {
	for i++; i < len(lines); i++ {
		ind, rest := Indentation(lines[i].Text)
		if rest == "" || ind-item < 4 && (rest[0] == '>' || interrupts(rest)) {
			return i
		}
	}
	return len(lines)
}

// fence adds the fenced code block whose opening fence, open, is line i and
// returns the line after it: after its closing fence, the first line
// outside the list item it was opened in, or the end of the text.
func (w *walker) fence(i int, open string) int {
	char, n := open[0], runLen(open, open[0])
	b := Block{Kind: Fenced, Fence: open[:n]}
	item := w.item()
	for j := i + 1; j < len(w.lines); j++ {
		ind, rest := Indentation(w.lines[j].Text)
		if rest != "" && ind < item {
			return w.add(b, i, j)
		}
		if ind-item < 4 && closesFence(rest, char, n) {
			return w.add(b, i, j+1)
		}
	}
	b.Unclosed = true
	return w.add(b, i, len(w.lines))
}

// closesFence reports whether rest (a line after its indentation) closes a
// fence of n chars: a run of at least n, then only spaces and tabs.
func closesFence(rest string, char byte, n int) bool {
	m := runLen(rest, char)
	return m >= n && strings.TrimLeft(rest[m:], " \t") == ""
}

// raw adds the raw HTML block whose opening starts at byte at of line i and
// returns the line after it: after the line holding its end ("-->" for a
// comment, any of the elements' end tags otherwise), or the end of the text.
func (w *walker) raw(i, at int) int {
	if j, ok := rawEnd(w.lines, i, at); ok {
		return w.add(Block{Kind: HTML}, i, j)
	}
	return w.add(Block{Kind: HTML, Unclosed: true}, i, len(w.lines))
}

// rawEnd returns the line after the end of the raw HTML block opened at byte
// at of line i, and false when it never ends.
func rawEnd(lines []Line, i, at int) (int, bool) {
	comment := strings.HasPrefix(lines[i].Text[at:], "<!--")
	from := at + 2 // from at+2, so <!--> and <!---> close too
	for ; i < len(lines); i, from = i+1, 0 {
		text := lines[i].Text
		if comment && strings.Contains(text[from:], "-->") || !comment && hasEndTag(text) {
			return i + 1, true
		}
	}
	return len(lines), false
}
