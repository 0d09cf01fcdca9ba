package markdown

import "strings"

// Line is one line of a text. For a line inside a block quote, Text is its
// content after the quote markers and Start where that content begins.
type Line struct {
	// N is the 0-based number of the line in the text given to Parse.
	N int
	// Start and End are the byte offsets of Text in that text; Next is the
	// offset just past the line ending (End when there is none).
	Start, End, Next int
	// Text is the line without its ending (and, in a quote, its markers).
	Text string
}

// Lines splits s on "\r\n", "\r" or "\n". A line ending ends a line, so s
// ending in one has an empty last line, and an empty s has one empty line.
func Lines(s string) []Line {
	lines := make([]Line, 0, strings.Count(s, "\n")+1)
	for at, n := 0, 0; ; n++ {
		i := strings.IndexAny(s[at:], "\r\n")
		if i < 0 {
			return append(lines, Line{N: n, Start: at, End: len(s), Next: len(s), Text: s[at:]})
		}
		end := at + i
		next := end + 1
		if s[end] == '\r' && next < len(s) && s[next] == '\n' {
			next++
		}
		lines = append(lines, Line{N: n, Start: at, End: end, Next: next, Text: s[at:end]})
		at = next
	}
}

// Indentation returns the width of line's leading spaces and tabs in columns
// (a tab advances to the next multiple of 4) and the text after them.
func Indentation(line string) (int, string) {
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

// runLen counts the leading bytes of s equal to c.
func runLen(s string, c byte) int {
	n := 0
	for n < len(s) && s[n] == c {
		n++
	}
	return n
}

// HasPrefixFold reports whether s starts with the lower-case ASCII prefix p,
// ignoring ASCII case only, so no Unicode look-alike folds into a keyword.
func HasPrefixFold(s, p string) bool {
	if len(s) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != p[i] {
			return false
		}
	}
	return true
}

// containsFrom reports whether s[from:] contains sub; false when from is
// past the end of s.
func containsFrom(s string, from int, sub string) bool {
	return from <= len(s) && strings.Contains(s[from:], sub)
}
