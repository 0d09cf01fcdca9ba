package ci

import (
	"fmt"
	"strings"
)

// minLaterLines is the least budget left over worth spending on a later
// failing step.
const minLaterLines = 8

// withLater adds to the excerpts, within what is left of the budget, the
// lines of the first step that failed after the one explained, placed by
// the line scorer and holding that step's last output. On Travis a short
// lint step that failed first often hides the test failure that follows
// it; a reader sees both.
func (s *scanner) withLater(ex []Excerpt) []Excerpt {
	f := s.laterLog.failed
	if f == nil {
		return ex
	}
	rest := excerptBudget
	for _, e := range ex {
		rest -= e.EndLine - e.StartLine + 1
	}
	if rest < minLaterLines {
		return ex
	}
	runs := f.features()
	w, ok := bestWindow(runs, s.model, rest, lastLine(runs), 0)
	if !ok {
		return ex
	}
	win := WindowExcerpt(runs[w.Run], w)
	if strings.TrimSpace(win.Text) == "" {
		return ex
	}
	return mergeExcerpts(append(ex, win))
}

// laterFailures counts the steps that failed after the one explained. On
// Travis every command of the script phase runs even after one fails, so
// a lint step that failed first may hide a test failure that matters as
// much; the reader is told it is there.
type laterFailures struct {
	count   int
	line    int
	code    int
	command string
}

// add records a step that failed at line n with code.
func (l *laterFailures) add(n, code int, command string) {
	if l.count == 0 {
		l.line, l.code, l.command = n, code, command
	}
	l.count++
}

// note says where the next failure is, "" when no later step failed.
func (l *laterFailures) note() string {
	if l.count == 0 {
		return ""
	}
	what := "a later step"
	if c := strings.TrimSpace(l.command); c != "" && !strings.Contains(c, "`") {
		if r := []rune(c); len(r) > 60 {
			c = string(r[:60]) + "…"
		}
		what = fmt.Sprintf("a later step (`%s`)", c)
	}
	more := ""
	if l.count > 1 {
		more = fmt.Sprintf(", and %d more after it", l.count-1)
	}
	return fmt.Sprintf("%s also failed, with exit code %d at line %d%s; this comment explains the first failure only.",
		capitalize(what), l.code, l.line, more)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// joinNotes joins two notes, either of which may be "".
func joinNotes(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + " " + b
}
