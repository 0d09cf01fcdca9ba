package markdown

// quote adds the block quote that starts at line i and returns the line
// after it. The quote takes every following line that starts with `>`, and
// every lazy continuation: a line that is not blank and starts no block of
// its own, right after quoted paragraph text.
func (w *walker) quote(i int) int {
	var st quoteState
	lazy := false // the last line was quoted paragraph text
	j := i
	for ; j < len(w.lines); j++ {
		ln := w.lines[j]
		ind, rest := Indentation(ln.Text)
		ind -= w.item()
		switch {
		case rest == "":
		case ind < 4 && rest[0] == '>':
			lazy = st.next(stripMarker(ln).Text)
			continue
		case lazy && !(ind < 4 && interrupts(rest)):
			continue
		}
		break
	}
	return w.add(Block{Kind: Quote, item: w.item()}, i, j)
}

// Inner reads the content of a Quote: its lines without their first `>`
// marker (lazy lines as they are), as Markdown of their own. It returns
// nil for other blocks.
func (b Block) Inner() []Block {
	if b.Kind != Quote {
		return nil
	}
	inner := make([]Line, len(b.Lines))
	for i, ln := range b.Lines {
		inner[i] = ln
		if !b.IsLazy(i) {
			inner[i] = stripMarker(ln)
		}
	}
	return parseLines(inner)
}

// IsLazy reports whether line i of a Quote is a lazy continuation line: one
// without a `>` marker that Markdown renders inside the quote only because
// it continues quoted paragraph text. Such a line is usually the writer's
// own reply typed without a blank line, so a reader may prefer to treat it
// as the writer's words. It returns false for other blocks.
func (b Block) IsLazy(i int) bool {
	if b.Kind != Quote {
		return false
	}
	ind, rest := Indentation(b.Lines[i].Text)
	return ind-b.item >= 4 || rest == "" || rest[0] != '>'
}

// stripMarker returns the content of a quoted line: after its indentation,
// its first `>` and one space or tab after it.
func stripMarker(ln Line) Line {
	_, rest := Indentation(ln.Text)
	at := len(ln.Text) - len(rest) + 1
	if at < len(ln.Text) && (ln.Text[at] == ' ' || ln.Text[at] == '\t') {
		at++
	}
	ln.Start += at
	ln.Text = ln.Text[at:]
	return ln
}

// quoteState follows what the innermost content of a quote is in, so that
// only a line of quoted paragraph text lets the next line continue lazily:
// never one inside a fenced code block or a raw HTML block.
type quoteState struct {
	fenceChar byte // the open fence's character, 0 outside a fence
	fenceLen  int
	raw       bool // inside a raw HTML block
	comment   bool // which is a comment
	para      bool // the last line was paragraph text
}

// next reads the content of one quoted line and reports whether it is
// paragraph text that a lazy line may continue. Markers of nested quotes
// are stripped.
func (s *quoteState) next(content string) bool {
	s.para = s.read(content)
	return s.para
}

// read reads the content of one quoted line for next.
func (s *quoteState) read(content string) bool {
	ind, inner := Indentation(content)
	for ind < 4 && inner != "" && inner[0] == '>' {
		ind, inner = Indentation(inner[1:])
	}
	switch {
	case s.fenceChar != 0:
		if ind < 4 && closesFence(inner, s.fenceChar, s.fenceLen) {
			s.fenceChar = 0
		}
		return false
	case s.raw:
		s.raw = !s.rawEnds(inner, 0)
		return false
	case inner == "":
		return false
	case ind >= 4:
		return s.para // continues a paragraph, or is indented code
	case isFence(inner):
		s.fenceChar, s.fenceLen = inner[0], runLen(inner, inner[0])
		return false
	case isRaw(inner):
		s.comment = inner[1] == '!'
		s.raw = !s.rawEnds(inner, 2)
		return false
	}
	return !opensLeaf(inner)
}

// rawEnds reports whether line, from byte from, ends the raw block open.
func (s *quoteState) rawEnds(line string, from int) bool {
	if s.comment {
		return containsFrom(line, from, "-->")
	}
	return hasEndTag(line)
}
