package safety

import (
	"slices"
	"strconv"
	"strings"

	"github.com/prcoach/prcoach/handlers/markdown"
)

// segment is a run of Markdown lines: a fenced code block or the text
// between them.
type segment struct {
	text string
	code bool
}

// fence is an open code fence: its character and length.
type fence struct {
	char byte
	n    int
}

// openFence reports the fence that line opens, if any, as package markdown
// reads a line on its own: up to three columns of indentation, then three
// or more backticks or tildes (a backtick fence's info string holds no
// backtick).
func openFence(line string) (fence, bool) {
	run, ok := markdown.OpenFence(line)
	if !ok {
		return fence{}, false
	}
	return fence{run[0], len(run)}, true
}

// closes reports whether line closes f.
func (f fence) closes(line string) bool { return markdown.ClosesFence(line, f.String()) }

// String returns the fence's text.
func (f fence) String() string { return strings.Repeat(string(f.char), f.n) }

// splitFences cuts md into text and fenced code segments. A line is code
// only where package markdown reads it inside a fenced code block and a
// line-by-line reading of fences (the one truncate uses, which knows no
// list items) agrees: where the two differ, as around a fence that ends
// with its list item, the text is sanitised, which errs towards safety.
// A fence left open at the end is closed, as GitHub would render it.
func splitFences(md string) []segment {
	if !strings.ContainsAny(md, "`~") {
		return []segment{{md, false}} // no fence can open
	}
	lines := markdown.Lines(md)
	code, open := fencedLines(lines)
	var segs []segment
	from := 0
	for i := 1; i <= len(lines); i++ {
		if i < len(lines) && code[i] == code[from] {
			continue
		}
		text := md[lines[from].Start:lines[i-1].Next]
		if text != "" {
			segs = append(segs, segment{text, code[from]})
		}
		from = i
	}
	if n := len(segs); open != "" && n > 0 && segs[n-1].code {
		if !strings.HasSuffix(segs[n-1].text, "\n") {
			segs[n-1].text += "\n"
		}
		segs[n-1].text += open + "\n"
	}
	return segs
}

// fencedLines marks the lines that both readings put in a fenced code
// block, and returns the fence left open at the end, if any.
func fencedLines(lines []markdown.Line) ([]bool, string) {
	code := make([]bool, len(lines))
	open := ""
	for _, b := range markdown.ParseLines(lines) {
		if b.Kind != markdown.Fenced {
			continue
		}
		for _, ln := range b.Lines {
			code[ln.N] = true
		}
		if b.Unclosed {
			open = b.Fence
		}
	}
	var f *fence
	for i, ln := range lines {
		inside := f != nil
		switch {
		case f != nil && f.closes(ln.Text):
			f = nil
		case f == nil:
			if o, ok := openFence(ln.Text); ok {
				f, inside = &o, true
			}
		}
		code[i] = code[i] && inside
	}
	if f == nil || !code[len(lines)-1] {
		open = ""
	}
	return code, open
}

// stash keeps finished pieces of output (code spans, allowed links and
// tags) out of the way of later rewriting steps. A stashed piece is
// represented in the text by NUL, its number and NUL; input has no NUL.
type stash struct{ pieces []string }

// put stores piece and returns its token.
func (s *stash) put(piece string) string {
	s.pieces = append(s.pieces, piece)
	return "\x00" + strconv.Itoa(len(s.pieces)-1) + "\x00"
}

// expand replaces the tokens in text by their pieces. A piece that starts
// with a backtick is never put right after a backslash, which would escape
// it, or after another backtick, which would merge the two runs: a space
// goes between.
func (s *stash) expand(text string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(text, 0)
		if i < 0 {
			b.WriteString(text)
			return b.String()
		}
		j := strings.IndexByte(text[i+1:], 0)
		if j < 0 { // cannot happen: tokens are whole
			b.WriteString(text)
			return b.String()
		}
		b.WriteString(text[:i])
		n, _ := strconv.Atoi(text[i+1 : i+1+j])
		piece := s.expand(s.pieces[n])
		if prev := b.String(); strings.HasPrefix(piece, "`") && (strings.HasSuffix(prev, `\`) || strings.HasSuffix(prev, "`")) {
			b.WriteByte(' ')
		}
		b.WriteString(piece)
		text = text[i+j+2:]
	}
}

// codeSpan returns s as an inline code span, with a backtick fence longer
// than any run of backticks in s. Line breaks become spaces, since a code
// span never crosses a blank line.
func codeSpan(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	f := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return f + " " + s + " " + f
	}
	return f + s + f
}

// stashCodeSpans stashes the inline code spans of text, as package
// markdown reads them: a run of n backticks up to the next run of exactly n
// within one paragraph (quoted ones too). Unpaired backticks are escaped,
// so they cannot pair with a code span added later. A backtick after a
// backslash is left as it is and opens nothing here, even after an escaped
// backslash, which errs towards sanitising.
func stashCodeSpans(text string, st *stash) string {
	var b strings.Builder
	at := 0
	for _, sp := range codeSpansOf(text) {
		if sp.Start > 0 && text[sp.Start-1] == '\\' {
			continue
		}
		escapeBackticks(&b, text[at:sp.Start])
		b.WriteString(st.put(text[sp.Start:sp.End]))
		at = sp.End
	}
	escapeBackticks(&b, text[at:])
	return b.String()
}

// codeSpansOf returns the code spans of text's blocks, quoted ones too. The
// lines of indented code and raw HTML blocks, which Sanitize rewrites as
// text, are read as paragraphs. Inline comments are left to sanitizeText.
func codeSpansOf(text string) []markdown.Span {
	if !strings.Contains(text, "`") {
		return nil
	}
	var out []markdown.Span
	var walk func([]markdown.Block)
	walk = func(blocks []markdown.Block) {
		for _, b := range blocks {
			switch b.Kind {
			case markdown.Blank:
			case markdown.Quote:
				walk(b.Inner())
			default:
				out = markdown.AppendInline(out, b.Lines)
			}
		}
	}
	walk(markdown.Parse(text))
	return slices.DeleteFunc(out, func(sp markdown.Span) bool { return sp.Kind != markdown.CodeSpan })
}

// escapeBackticks writes s with every backtick escaped, except one already
// escaped by a backslash.
func escapeBackticks(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		if j := strings.IndexAny(s[i:], "\\`"); j < 0 {
			b.WriteString(s[i:])
			return
		} else if j > 0 {
			b.WriteString(s[i : i+j])
			i += j
		}
		switch {
		case s[i] == '\\' && i+1 < len(s) && s[i+1] != '\n' && s[i+1] != '\r':
			b.WriteByte(s[i])
			i++
			b.WriteByte(s[i])
		case s[i] == '`':
			b.WriteString("\\`")
		default:
			b.WriteByte(s[i])
		}
	}
}
