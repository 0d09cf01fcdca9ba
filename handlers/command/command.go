package command

import (
	"strings"

	"github.com/prcoach/prcoach/handlers/markdown"
)

// Kind says what a comment asks of PR Coach.
type Kind int

const (
	// Ignore: the comment holds no command.
	Ignore Kind = iota
	// Explain: explain the failing checks (Arg empty) or one check (Arg its
	// name); as a reply in a review thread with Arg empty, explain the
	// comment it answers.
	Explain
	// Help: reply with Usage.
	Help
	// Malformed: a command the app cannot follow; reply with Problem and
	// Usage.
	Malformed
	// Flaky: a maintainer says the failure the checks comment explains is
	// intermittent (`/explain flaky`).
	Flaky
	// Wrong: a maintainer says PR Coach's explanation is wrong, with an
	// optional short Reason (`/explain wrong <short reason>`).
	Wrong
)

// String returns the kind's name.
func (k Kind) String() string {
	switch k {
	case Ignore:
		return "Ignore"
	case Explain:
		return "Explain"
	case Help:
		return "Help"
	case Malformed:
		return "Malformed"
	case Flaky:
		return "Flaky"
	case Wrong:
		return "Wrong"
	}
	return "Kind(?)"
}

// Result is what Parse found, and where.
type Result struct {
	Kind Kind
	// Arg is the check name for Explain, "" for every failing check; always
	// "" for the other kinds. It is valid UTF-8, one line, at most
	// MaxNameLen characters, without control or invisible characters.
	Arg string
	// Line is the 1-based line of the command; 0 for Ignore.
	Line int
	// Raw is the command line as written, without its line ending.
	Raw string
	// Problem says, for Malformed, what is wrong in plain words.
	Problem string
	// Reason is, for Wrong, what the maintainer said was wrong: one line of
	// at most MaxReasonLen characters without control or invisible
	// characters, "" when none was given; always "" for the other kinds.
	Reason string
}

// Parse finds the first command line in a comment body.
func Parse(body string) Result {
	if !mentions(body) {
		return Result{}
	}
	for ln := range visibleLines(strings.TrimPrefix(body, "\ufeff")) {
		if r, ok := parseLine(ln.Text); ok {
			r.Line = ln.N + 1
			return r
		}
	}
	return Result{}
}

// Changed reports whether an edit from oldBody to newBody should trigger the
// command again: newBody holds a command, and its reply would differ from the
// one oldBody's command got (another kind, argument, problem or reason). Moving the
// command, re-spacing or re-quoting its argument, or editing other text does
// not count; neither does removing the command.
func Changed(oldBody, newBody string) bool {
	n := Parse(newBody)
	if n.Kind == Ignore {
		return false
	}
	o := Parse(oldBody)
	return o.Kind != n.Kind || o.Arg != n.Arg || o.Problem != n.Problem || o.Reason != n.Reason
}

// mentions reports whether body contains "/explain" in any case: a quick
// way out for the many comments without it.
func mentions(body string) bool {
	for i := 0; ; {
		j := strings.IndexByte(body[i:], '/')
		if j < 0 {
			return false
		}
		i += j + 1
		if markdown.HasPrefixFold(body[i-1:], word) {
			return true
		}
	}
}
