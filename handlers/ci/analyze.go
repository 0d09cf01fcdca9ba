package ci

import (
	"fmt"
	"io"
	"time"
)

// Excerpt is a run of raw log lines that explain the failure. Line numbers
// are 1-based and inclusive, counting lines of the raw input split on
// "\r\n", "\r" or "\n".
type Excerpt struct {
	StartLine int `json:"start_line"`
	EndLine   int `json:"end_line"`
	// Text holds the cleaned lines (ANSI and Actions timestamps removed,
	// each cut to 400 bytes) joined by "\n".
	Text string `json:"text"`
	// Focus is the line to show first when the excerpt is too long to
	// show whole (the first error, or the line the scorer rates highest);
	// 0 when there is none.
	Focus int `json:"-"`
}

// Finding is one line that matched a cause, kept so that evidence from other
// runs can be weighed against it (see Evidence.KnownBefore).
type Finding struct {
	Line    int    `json:"line"`
	CauseID string `json:"cause_id"`
	Role    string `json:"role"`
	Text    string `json:"text"`
}

// Analysis is what one log says about a failure.
type Analysis struct {
	// Category is compile, test, lint, dependency, timeout, out-of-memory,
	// network, infrastructure, configuration or unknown.
	Category string `json:"category"`
	// Title is short and plain, e.g. "Go test TestParse failed".
	Title string `json:"title"`
	// TitleKey names Title's message for a translation (see the Title
	// constants); TitleArgs are its values: the quoted line, the linter,
	// or the cause title's placeholder values by name.
	TitleKey  string            `json:"-"`
	TitleArgs map[string]string `json:"-"`
	// CauseArgs are the values the cause's patterns caught by name, for the
	// {placeholders} of its explanation and next steps (see Explained).
	CauseArgs map[string]string `json:"-"`
	// Step is the failing step's name when the log shows it.
	Step      string `json:"step,omitempty"`
	Ecosystem string `json:"ecosystem,omitempty"`
	// Cause is the knowledge-base entry that matched, nil when none did.
	Cause *Cause `json:"cause,omitempty"`
	// Reproduce is a local command that reproduces the failure, or "".
	Reproduce string    `json:"reproduce,omitempty"`
	Excerpts  []Excerpt `json:"excerpts"`
	// Lines is the number of lines read.
	Lines int `json:"lines"`
	// Why says what matched and why, one entry per decision.
	Why []string `json:"why,omitempty"`
	// Findings are the matched error lines (roots, overrides, fallbacks).
	Findings []Finding `json:"findings,omitempty"`
	// Note tells the reader what the analysis had to leave out, e.g. the
	// repository's own patterns when they ran out of time; "" when nothing.
	Note string `json:"note,omitempty"`
}

// Analyze reads a CI log in one streaming pass with memory bounded
// independently of its size and explains why it failed. A nil kb means
// Builtin(). On a read error it returns what it found so far and the error.
func Analyze(r io.Reader, kb *KnowledgeBase) (Analysis, error) {
	if kb == nil {
		kb = Builtin()
	}
	return AnalyzeWith(r, kb, nil)
}

// AnalyzeWith is Analyze with a line scorer of one's own (nil means the
// embedded one); cmd/trainlines measures its models with it.
func AnalyzeWith(r io.Reader, kb *KnowledgeBase, m *LineModel) (Analysis, error) {
	if kb == nil {
		kb = Builtin()
	}
	s := newScanner(kb)
	if m != nil {
		s.model = m
	}
	err := s.scan(r)
	a := s.result()
	a.Excerpts = tidy(s.withLater(a.Excerpts))
	a.Lines = s.n
	if note := s.later.note(); note != "" {
		a.Note = note
		a.Why = append(a.Why, note)
	}
	if s.repoOffAt > 0 {
		a.Note = joinNotes(a.Note, budgetNote(s.kb.repoBudget, s.repoOffAt))
		a.Why = append(a.Why, fmt.Sprintf("repository patterns: stopped at line %d after %s (budget %s)",
			s.repoOffAt, s.scratch.repo.spent.Round(time.Millisecond), s.kb.repoBudget))
	}
	return a, err
}

// scan reads every line of r.
func (s *scanner) scan(r io.Reader) error {
	lr := newLineReader(r, readBufSize)
	lr.beforeReuse = s.ring.keep
	for {
		line, _, ok := lr.next()
		if !ok {
			break
		}
		s.line(line)
	}
	s.closeOpen()
	if lr.err != nil {
		return fmt.Errorf("read log: %w", lr.err)
	}
	return nil
}
