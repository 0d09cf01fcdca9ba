package feedback

import (
	"fmt"
	"strings"
	"time"
)

// Hint is what a history suggests about a new failure with its signature.
type Hint string

// Hints. A wrong "flaky" on someone's PR costs more than saying nothing,
// so the thresholds below are strict and HintNone is the usual answer.
const (
	HintNone Hint = ""
	// HintFlaky: the failure is likely intermittent.
	HintFlaky Hint = "flaky"
	// HintFailsOnBase: the base branch failed the same way lately, so this
	// change is likely not the cause.
	HintFailsOnBase Hint = "fails_on_base"
)

// Thresholds of History.Evidence.
const (
	// Window is how far back other PRs count ("in the past week").
	Window = 7 * 24 * time.Hour
	// BaseWindow is how recent a base-branch failure must be to suggest
	// the base is still broken.
	BaseWindow = 48 * time.Hour
	// MinRerunPasses is how many commits must have passed on a re-run
	// before history alone calls a failure flaky.
	MinRerunPasses = 2
	// MinOtherPRs is how many other PRs in the Window must share the
	// failure before history alone calls it flaky.
	MinOtherPRs = 2
	// MaxAttemptsPerPass caps failed attempts per re-run pass: a failure
	// seen 30 times that passed on re-run twice is mostly a real failure.
	MaxAttemptsPerPass = 3
)

// Evidence is what a history says about a new failure on a PR.
type Evidence struct {
	// OtherPRs counts PRs other than this one it failed on in the Window.
	OtherPRs int
	// Seen counts the failed attempts recorded (History.Seen).
	Seen int
	// PassedOnRerun counts commits that passed on a re-run after it.
	PassedOnRerun int
	// MarkedFlaky counts maintainers' `/explain flaky`.
	MarkedFlaky int
	// FailedOnBaseAgo is how long ago the base branch last failed this way,
	// when within BaseWindow; 0 otherwise.
	FailedOnBaseAgo time.Duration
	Hint            Hint
	// Text says it in one sentence for the comment, "" when the history
	// holds nothing worth saying.
	Text string
}

// Evidence weighs the history for a failure on pr at now. Maintainers who
// marked the failure flaky decide; otherwise a recent base-branch failure
// comes first; otherwise history calls it flaky only when at least
// MinRerunPasses commits passed on re-run, at least MinOtherPRs other PRs
// failed this way in the Window, and there are no more than
// MaxAttemptsPerPass failed attempts per re-run pass.
func (h History) Evidence(pr int, now time.Time) Evidence {
	ev := Evidence{Seen: h.Seen, PassedOnRerun: h.PassedOnRerun, MarkedFlaky: h.MarkedFlaky}
	for _, p := range h.PRs {
		if p.PR != pr && now.Sub(p.At) <= Window {
			ev.OtherPRs++
		}
	}
	if h.FailedOnBase > 0 && now.Sub(h.LastFailedOnBase) <= BaseWindow {
		ev.FailedOnBaseAgo = max(now.Sub(h.LastFailedOnBase), time.Minute)
	}
	switch {
	case h.MarkedFlaky > 0:
		ev.Hint = HintFlaky
	case ev.FailedOnBaseAgo > 0:
		ev.Hint = HintFailsOnBase
	case h.PassedOnRerun >= MinRerunPasses && ev.OtherPRs >= MinOtherPRs && h.Seen <= MaxAttemptsPerPass*h.PassedOnRerun:
		ev.Hint = HintFlaky
	}
	ev.Text = ev.sentence()
	return ev
}

// sentence says the evidence in plain words, facts first, with the hint
// as its conclusion.
func (ev Evidence) sentence() string {
	var facts []string
	if ev.OtherPRs > 0 {
		facts = append(facts, "failed on "+count(ev.OtherPRs, "other PR", "other PRs")+" in the past week")
	}
	if ev.PassedOnRerun > 0 {
		facts = append(facts, "passed on a re-run of the same commit "+count(ev.PassedOnRerun, "time", "times"))
	}
	if ev.FailedOnBaseAgo > 0 {
		facts = append(facts, "also failed on the base branch "+ago(ev.FailedOnBaseAgo))
	}
	var b strings.Builder
	if len(facts) > 0 {
		b.WriteString("This exact error " + joinAnd(facts))
	}
	if ev.MarkedFlaky > 0 {
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		if b.Len() == 0 {
			b.WriteString("This exact error was")
		} else {
			b.WriteString("it was")
		}
		b.WriteString(" marked flaky here before (" + count(ev.MarkedFlaky, "time", "times") + ")")
	}
	if b.Len() == 0 {
		return ""
	}
	switch ev.Hint {
	case HintFlaky:
		b.WriteString(": likely flaky")
	case HintFailsOnBase:
		b.WriteString(": likely not caused by this change")
	}
	return b.String() + "."
}

// count writes n with the singular or plural noun.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// ago says how long ago d was, in minutes, hours or days.
func ago(d time.Duration) string {
	switch {
	case d < time.Hour:
		return count(int(d/time.Minute), "minute", "minutes") + " ago"
	case d < 48*time.Hour:
		return count(int(d/time.Hour), "hour", "hours") + " ago"
	}
	return count(int(d/(24*time.Hour)), "day", "days") + " ago"
}

// joinAnd joins "a", "b" and "c" as "a, b and c".
func joinAnd(parts []string) string {
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
