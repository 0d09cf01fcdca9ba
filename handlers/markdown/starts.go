package markdown

import "strings"

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
		if !HasPrefixFold(rest[1:], tag) {
			continue
		}
		if after := rest[1+len(tag):]; after == "" || strings.IndexByte(" \t>", after[0]) >= 0 {
			return true
		}
	}
	return false
}

// rawElements returns the elements that open raw HTML blocks; any of their
// end tags closes one.
func rawElements() [4]string {
	return [...]string{"pre", "script", "style", "textarea"}
}

// hasEndTag reports whether line holds the end tag of a raw element.
func hasEndTag(line string) bool {
	for i := strings.Index(line, "</"); i >= 0; {
		for _, tag := range rawElements() {
			if HasPrefixFold(line[i+2:], tag+">") {
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
	spaces, after := Indentation(rest[n:])
	switch {
	case spaces == 0:
		return 0, false
	case spaces > 4 || after == "":
		return n + 1, true
	}
	return n + spaces, true
}

// markerLen returns the length in bytes of the list item marker that
// listMarker found at the start of rest, without the spaces after it.
func markerLen(rest string) int {
	n := 0
	for n < len(rest) && '0' <= rest[n] && rest[n] <= '9' {
		n++
	}
	return n + 1 // the bullet, or the digits' '.' or ')'
}
