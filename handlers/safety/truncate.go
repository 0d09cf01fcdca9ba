package safety

import (
	"strings"
	"unicode/utf8"
)

// shortenedNote ends a comment that was cut to fit.
const shortenedNote = "\n\n_This comment was shortened to fit GitHub's size limit._\n"

// truncate returns md if it fits in max bytes, else its longest prefix that
// ends a line (or a space outside code on a very long line) followed by
// closing fences and folds as needed and shortenedNote, all within max.
func truncate(md string, max int) string {
	if len(md) <= max {
		return md
	}
	budget := max - len(shortenedNote)
	for room := budget; room > 0; {
		cut := cutPoint(md, room)
		closers := closersAt(md[:cut])
		if cut+len(closers) <= budget {
			if cut == 0 {
				return strings.TrimLeft(shortenedNote, "\n")
			}
			return md[:cut] + closers + shortenedNote
		}
		room = min(cut-1, budget-len(closers))
	}
	return strings.TrimSpace(shortenedNote)[:min(max, len(strings.TrimSpace(shortenedNote)))]
}

// cutPoint returns where to cut md to at most n bytes: after the last line
// break, or, when the first line alone is longer, at its last space (else
// character boundary) before which the backticks are balanced, so no code
// span is cut open.
func cutPoint(md string, n int) int {
	n = min(n, len(md))
	if i := strings.LastIndexByte(md[:n], '\n'); i >= 0 {
		return i + 1
	}
	// ticks is the number of backticks in md[:i], kept as i moves back.
	ticks := strings.Count(md[:n], "`")
	space, boundary := 0, 0
	for i := n; i > 0 && space == 0; i-- {
		if ticks%2 == 0 {
			if md[i-1] == ' ' {
				space = i
			} else if boundary == 0 && utf8.RuneStart(md[i]) && md[i-1] != '\\' {
				boundary = i
			}
		}
		if md[i-1] == '`' {
			ticks--
		}
	}
	if space > 0 {
		return space
	}
	// No space: cut between characters, still outside code.
	return boundary
}

// closersAt returns what closes the code fence and <details> folds open at
// the end of md, each on its own line.
func closersAt(md string) string {
	var open *fence
	folds := 0
	for _, line := range strings.Split(md, "\n") {
		bare := strings.TrimRight(line, "\r")
		switch {
		case open != nil:
			if open.closes(bare) {
				open = nil
			}
		default:
			if f, ok := openFence(bare); ok {
				open = &f
				continue
			}
			folds += strings.Count(line, "<details") - strings.Count(line, "</details>")
		}
	}
	var b strings.Builder
	if !strings.HasSuffix(md, "\n") && md != "" {
		b.WriteString("\n")
	}
	if open != nil {
		b.WriteString(open.String() + "\n")
	}
	for range max(folds, 0) {
		b.WriteString("</details>\n")
	}
	return b.String()
}
