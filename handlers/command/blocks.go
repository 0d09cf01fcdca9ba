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
