package feedback

import (
	"context"
	"slices"
	"strconv"
	"time"
)

// EventKind says what happened to a failure signature.
type EventKind string

// Event kinds.
const (
	// Failed: a check failed with the signature on a commit.
	Failed EventKind = "failed"
	// PassedOnRerun: a check that had failed with the signature passed on a
	// re-run of the same commit.
	PassedOnRerun EventKind = "passed_on_rerun"
	// FailedOnBase: the signature failed on the base branch (a push to it,
	// not a PR).
	FailedOnBase EventKind = "failed_on_base"
	// MarkedFlaky: a maintainer said `/explain flaky` about it.
	MarkedFlaky EventKind = "marked_flaky"
)

// Event is one thing that happened to a failure signature in a repository.
type Event struct {
	Kind EventKind
	// Repo is "owner/name".
	Repo      string
	Signature Signature
	// PR is the pull request's number; 0 for the base branch.
	PR int
	// HeadSHA and Check name the commit and the check run's name.
	HeadSHA, Check string
	// RunID is the check run's ID; each attempt has its own.
	RunID int64
	// Actor is who marked it flaky, for MarkedFlaky.
	Actor string
	At    time.Time
}

// key identifies the event, so a redelivered webhook or a second read
// counts once: an attempt fails once, a commit's check passes on re-run
// once, a maintainer marks a PR's failure flaky once.
func (e Event) key() string {
	switch e.Kind {
	case Failed:
		if e.RunID != 0 {
			return "f:" + strconv.FormatInt(e.RunID, 10)
		}
		return "f:" + e.HeadSHA + ":" + e.Check
	case PassedOnRerun:
		return "r:" + e.HeadSHA + ":" + e.Check
	case FailedOnBase:
		return "b:" + e.HeadSHA + ":" + e.Check
	case MarkedFlaky:
		return "m:" + strconv.Itoa(e.PR) + ":" + e.Actor
	}
	return ""
}

// Bounds on what a History keeps, so it stays small however busy the
// repository is.
const (
	// MaxPRs is how many of the most recent PRs a History remembers.
	MaxPRs = 100
	// maxRecent is how many event keys are kept to recognise repeats.
	maxRecent = 512
)

// PRSeen is a pull request the failure happened on, and when last.
type PRSeen struct {
	PR int       `json:"pr"`
	At time.Time `json:"at"`
}

// History is what a repository has seen of one failure signature: counts
// and times, never log text. The zero History is one never seen.
type History struct {
	Repo      string    `json:"repo"`
	Signature Signature `json:"signature"`
	// Seen counts failed attempts.
	Seen int `json:"seen"`
	// PRs are the most recent PRs it failed on, at most MaxPRs, oldest
	// first; PRCount counts every PR it failed on.
	PRs     []PRSeen `json:"prs,omitempty"`
	PRCount int      `json:"pr_count"`
	// PassedOnRerun counts commits on which the failing check then passed
	// on a re-run.
	PassedOnRerun     int       `json:"passed_on_rerun"`
	LastPassedOnRerun time.Time `json:"last_passed_on_rerun,omitzero"`
	// FailedOnBase counts base-branch commits it failed on.
	FailedOnBase     int       `json:"failed_on_base"`
	LastFailedOnBase time.Time `json:"last_failed_on_base,omitzero"`
	// MarkedFlaky counts maintainers' `/explain flaky`, once per person and
	// PR.
	MarkedFlaky int       `json:"marked_flaky"`
	FirstSeen   time.Time `json:"first_seen,omitzero"`
	LastSeen    time.Time `json:"last_seen,omitzero"`
	// Recent are the keys of the latest events, to recognise repeats.
	Recent []string `json:"recent,omitempty"`
}

// Apply adds e to the history and reports whether it counted: an event
// already applied (the same attempt, commit and check, or person and PR)
// changes nothing, nor does one of another repository or signature, nor
// one whose signature is not Specific (a summary such as "3 failing"
// would lump unrelated failures into one history).
func (h *History) Apply(e Event) bool {
	k := e.key()
	if k == "" || !e.Signature.Specific() || (h.Signature.ID != "" && (h.Signature.ID != e.Signature.ID || h.Repo != e.Repo)) {
		return false
	}
	if slices.Contains(h.Recent, k) {
		return false
	}
	h.Repo, h.Signature = e.Repo, e.Signature
	h.Recent = append(h.Recent, k)
	if len(h.Recent) > maxRecent {
		h.Recent = slices.Delete(h.Recent, 0, len(h.Recent)-maxRecent)
	}
	switch e.Kind {
	case Failed:
		h.Seen++
		if e.PR != 0 {
			h.notePR(e.PR, e.At)
		}
		if h.FirstSeen.IsZero() || e.At.Before(h.FirstSeen) {
			h.FirstSeen = e.At
		}
		h.LastSeen = later(h.LastSeen, e.At)
	case PassedOnRerun:
		h.PassedOnRerun++
		h.LastPassedOnRerun = later(h.LastPassedOnRerun, e.At)
	case FailedOnBase:
		h.FailedOnBase++
		h.LastFailedOnBase = later(h.LastFailedOnBase, e.At)
	case MarkedFlaky:
		h.MarkedFlaky++
	}
	return true
}

// notePR records a failure on pr at t, keeping the newest MaxPRs.
func (h *History) notePR(pr int, t time.Time) {
	if i := slices.IndexFunc(h.PRs, func(p PRSeen) bool { return p.PR == pr }); i >= 0 {
		h.PRs[i].At = later(h.PRs[i].At, t)
	} else {
		h.PRs = append(h.PRs, PRSeen{PR: pr, At: t})
		h.PRCount++
	}
	slices.SortStableFunc(h.PRs, func(a, b PRSeen) int { return a.At.Compare(b.At) })
	if len(h.PRs) > MaxPRs {
		h.PRs = slices.Delete(h.PRs, 0, len(h.PRs)-MaxPRs)
	}
}

// later returns the later of two times.
func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// HistoryStore keeps histories per repository and signature. A database
// implements it; Record must read, Apply and save in one transaction, so
// two deliveries at once do not lose a count.
type HistoryStore interface {
	// Record applies e to the history of e.Repo and e.Signature.ID and
	// returns the history after it.
	Record(ctx context.Context, e Event) (History, error)
	// Lookup returns the history of a signature in a repository (by
	// Signature.ID); ok is false when it was never recorded.
	Lookup(ctx context.Context, repo, signatureID string) (h History, ok bool, err error)
}
