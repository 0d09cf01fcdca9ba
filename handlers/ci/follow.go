package ci

import (
	"bytes"
	"regexp"
)

// followStep updates the step being followed with the current line, which
// mark describes, and keeps the line in it. Once a step has failed, the
// steps after it are followed until one of them fails too (Travis runs
// every command of its script phase); after that the log is not followed.
func (s *scanner) followStep(kind markKind, name string, text []byte) {
	b := s.following()
	if b == nil {
		return
	}
	switch kind {
	case markStart:
		// A runner that stops at the first failure started another step:
		// the one before it went well.
		s.stepOK(b)
		b.label(s.n, name, false)
	case markName:
		// These runners report a failure only at the end of the job: once
		// an error was matched in the part followed, a later stage or
		// section does not rename it.
		if !afterPhase.MatchString(name) && !(b == &s.stepLog && s.errorSeen()) {
			b.label(s.n, name, false)
		}
	case markFailed:
		// The first build step that failed is the failing step; the
		// post-build actions Jenkins runs after it, and their own
		// failures, do not explain it.
		b.push(s.n, text)
		if b == &s.stepLog {
			b.freeze(s.n, -1)
		}
		return
	case markSection:
		// A Buildkite header names the section; the "$ cmd" lines under
		// it say what runs. Inside a Travis log such a line is a
		// program's own output.
		if !s.travis {
			b.label(s.n, name, false)
		}
	case markCommand:
		if s.travis && !s.travisCmd && !isTrace(text) {
			// A program's own "$ cmd" or "--- section" line, inside a
			// Travis command: Travis names its commands itself.
			break
		}
		if b.command != "" && cannotFail(b.command) || s.travisCmd {
			s.stepOK(b)
		}
		b.label(s.n, name, true)
	}
	b.push(s.n, text)
}

// errorSeen reports whether an error line (a root, an override or a
// fallback, not a consequence) was matched in the step followed.
func (s *scanner) errorSeen() bool {
	if len(s.roots) > 0 {
		return true
	}
	for _, h := range s.others {
		if h.role == roleOverride || h.role == roleGeneric {
			return true
		}
	}
	return false
}

// isTravisCommand reports whether a raw line of a Travis log (its fold and
// timer marks skipped) is a command Travis runs: "$ cmd" at the start of
// the line, or after the erase sequence Travis puts there. A program's own
// "$ cmd" lines (yarn's, colored) do not count. Travis says when a command
// fails ("The command … exited with 1."), and that line ends the step, so
// a command that starts without it means the one before it went well.
func isTravisCommand(content []byte) bool {
	content = bytes.TrimPrefix(content, eraseLine)
	return len(content) > 2 && content[0] == '$' && content[1] == ' '
}

// afterPhase names the parts that run after the job's script whatever
// happened (GitLab's after_script and cleanup, Jenkins post actions): they
// do not name the step that failed.
var afterPhase = regexp.MustCompile(`(?i)after_script|cleanup|upload_artifacts|archive_cache|post actions`)

// following is the step buffer the current line goes to: the one that
// looks for the failing step, then the one that looks for a later
// failing step, then none.
func (s *scanner) following() *stepBuf {
	switch {
	case s.stepLog.failed == nil:
		return &s.stepLog
	case s.laterLog.failed == nil:
		return &s.laterLog
	}
	return nil
}

// endStep ends the current step on an exit code: a failure freezes it as
// the failed step unless its command cannot fail; success drops it.
func (s *scanner) endStep(code int) {
	failed := code != 0 && !cannotFail(s.steps.command)
	if s.stepLog.failed != nil && failed {
		s.later.add(s.n, code, s.steps.command)
	}
	b := s.following()
	if b == nil {
		return
	}
	if code != 0 && !cannotFail(b.command) {
		b.freeze(s.n, code)
		return
	}
	s.stepOK(b)
}

// stepOK drops step b, and the errors matched in it when it is the step
// that looks for the failing one.
func (s *scanner) stepOK(b *stepBuf) {
	if b.count == 0 {
		return
	}
	if b == &s.stepLog {
		s.dropHitsFrom(b.start)
	}
	b.reset()
}

// dropHitsFrom forgets the hits at or after line from.
func (s *scanner) dropHitsFrom(from int) {
	keep := func(hs []*hit) []*hit {
		out := hs[:0]
		for _, h := range hs {
			if h.line < from {
				out = append(out, h)
			}
		}
		return out
	}
	s.roots = keep(s.roots)
	s.others = keep(s.others)
	s.cascades = keep(s.cascades)
	if s.firstCascade != nil && s.firstCascade.line >= from {
		s.firstCascade = nil
	}
	if s.open != nil && s.open.start >= from {
		s.open = nil
	}
}

// dropHitsAfter forgets the hits after line end.
func (s *scanner) dropHitsAfter(end int) {
	keep := func(hs []*hit) []*hit {
		out := hs[:0]
		for _, h := range hs {
			if h.line <= end {
				out = append(out, h)
			}
		}
		return out
	}
	s.roots = keep(s.roots)
	s.others = keep(s.others)
	s.cascades = keep(s.cascades)
	if s.firstCascade != nil && s.firstCascade.line > end {
		s.firstCascade = nil
	}
}

// failingStep returns the step that failed, or the lines followed since
// the last step that went well when no step reported a failure.
func (s *scanner) failingStep() *failedStep {
	b := &s.stepLog
	if b.failed == nil && b.count > 0 {
		b.freeze(b.start+b.count-1, -1)
	}
	return b.failed
}
