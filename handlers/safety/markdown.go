package safety

import (
	"strconv"
	"strings"
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

// openFence reports the fence that line opens, if any: up to three spaces,
// then three or more backticks or tildes (a backtick fence's info string
// holds no backtick).
func openFence(line string) (fence, bool) {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return fence{}, false
	}
	n := len(t) - len(strings.TrimLeft(t, t[:1]))
	if n < 3 || (t[0] == '`' && strings.Contains(t[n:], "`")) {
		return fence{}, false
	}
	return fence{t[0], n}, true
}

// closes reports whether line closes f.
func (f fence) closes(line string) bool {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 {
		return false
	}
	n := len(t) - len(strings.TrimLeft(t, string(f.char)))
	return n >= f.n && strings.TrimSpace(t[n:]) == ""
}

// String returns the fence's text.
func (f fence) String() string { return strings.Repeat(string(f.char), f.n) }

// splitFences cuts md into text and fenced code segments. A fence left open
// at the end is closed, as GitHub would render it.
func splitFences(md string) []segment {
	var segs []segment
	var cur strings.Builder
	var open *fence
	flush := func(code bool) {
		if cur.Len() > 0 {
			segs = append(segs, segment{cur.String(), code})
			cur.Reset()
		}
	}
	for _, line := range strings.SplitAfter(md, "\n") {
		bare := strings.TrimRight(line, "\r\n")
		switch {
		case open == nil:
			if f, ok := openFence(bare); ok {
				flush(false)
				open = &f
			}
			cur.WriteString(line)
		case open.closes(bare):
			cur.WriteString(line)
			flush(true)
			open = nil
		default:
			cur.WriteString(line)
		}
	}
	if open != nil {
		if !strings.HasSuffix(cur.String(), "\n") {
			cur.WriteString("\n")
		}
		cur.WriteString(open.String() + "\n")
	}
	flush(open != nil)
	return segs
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

// stashCodeSpans stashes the inline code spans of text: a run of n
// backticks up to the next run of exactly n, within one paragraph. A
// backslash-escaped backtick opens nothing; unpaired backticks are escaped.
func stashCodeSpans(text string, st *stash) string {
	var b strings.Builder
	for i := 0; i < len(text); {
		if text[i] != '`' || (i > 0 && text[i-1] == '\\') {
			b.WriteByte(text[i])
			i++
			continue
		}
		n := runAt(text, i)
		end := closingRun(text, i+n, n)
		if end < 0 {
			// A backtick that closes nothing is shown as itself; escaped,
			// so it cannot pair with a code span added later.
			b.WriteString(strings.Repeat("\\`", n))
			i += n
			continue
		}
		b.WriteString(st.put(text[i : end+n]))
		i = end + n
	}
	return b.String()
}

// runAt returns the length of the backtick run at i.
func runAt(s string, i int) int {
	n := 0
	for i+n < len(s) && s[i+n] == '`' {
		n++
	}
	return n
}

// closingRun finds the next run of exactly n backticks from i, stopping at a
// blank line; -1 if there is none.
func closingRun(s string, i, n int) int {
	for i < len(s) {
		switch {
		case s[i] == '`':
			m := runAt(s, i)
			if m == n {
				return i
			}
			i += m
		case s[i] == '\n' && blankLineAt(s, i+1):
			return -1
		default:
			i++
		}
	}
	return -1
}

// blankLineAt reports whether the line starting at i is blank.
func blankLineAt(s string, i int) bool {
	rest := s[i:]
	if k := strings.IndexByte(rest, '\n'); k >= 0 {
		rest = rest[:k]
	}
	return strings.TrimSpace(rest) == ""
}
