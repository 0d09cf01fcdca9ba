package feedback

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
)

// Kind tells PR Coach's comments apart in the feedback figures.
type Kind string

// Comment kinds.
const (
	KindChecks  Kind = "checks"  // the checks comment on a PR
	KindTone    Kind = "tone"    // a reply to a tense review comment
	KindExplain Kind = "explain" // an answer to /explain
)

// The reactions that are votes, as GitHub names their content.
const (
	ThumbsUp   = "+1"
	ThumbsDown = "-1"
)

// Labels say what a comment said, never its text.
type Labels struct {
	Kind Kind `json:"kind"`
	// Category is the failure's category (test, compile, …) for checks
	// and explain answers.
	Category string `json:"category,omitempty"`
	// Verdict is the likely cause given: change, flaky, infrastructure or
	// unknown.
	Verdict string `json:"verdict,omitempty"`
	// KnownFailure is the ID of the known failure that matched, if any.
	KnownFailure string `json:"known_failure,omitempty"`
	// ToneSignals are the tone signals a tone reply answered.
	ToneSignals []string `json:"tone_signals,omitempty"`
	// Wording is "model" or "offline".
	Wording string `json:"wording,omitempty"`
}

// CommentRef names one of PR Coach's comments.
type CommentRef struct {
	// Repo is "owner/name".
	Repo string `json:"repo"`
	PR   int    `json:"pr"`
	ID   int64  `json:"id"`
	// Review is true for a review comment (a reply in a review thread),
	// false for a conversation comment.
	Review bool `json:"review,omitempty"`
}

// Tally is how many people currently give a comment 👍 and 👎.
type Tally struct {
	Up   int `json:"up"`
	Down int `json:"down"`
}

// TallyReactions counts the people behind a comment's 👍 and 👎: each
// person once per vote, however often the list repeats them, and never a
// bot (an account of type Bot, or a login ending in "[bot]") or the app
// itself (appLogin, with or without "[bot]"). A person may give both. The
// result is the current state, to store in place of the last one: reading
// the same comment again never counts twice.
func TallyReactions(rs []*github.Reaction, appLogin string) Tally {
	up, down := map[string]bool{}, map[string]bool{}
	for _, r := range rs {
		who, ok := person(r.GetUser(), appLogin)
		if !ok {
			continue
		}
		switch r.GetContent() {
		case ThumbsUp:
			up[who] = true
		case ThumbsDown:
			down[who] = true
		}
	}
	return Tally{Up: len(up), Down: len(down)}
}

// person returns a stable key for u, and false when u is missing, a bot
// or the app.
func person(u *github.User, appLogin string) (string, bool) {
	login := strings.ToLower(u.GetLogin())
	app := strings.TrimSuffix(strings.ToLower(appLogin), "[bot]")
	switch {
	case u == nil || (login == "" && u.GetID() == 0):
		return "", false
	case strings.EqualFold(u.GetType(), "Bot") || strings.HasSuffix(login, "[bot]"):
		return "", false
	case app != "" && (login == app || login == app+"[bot]"):
		return "", false
	case u.GetID() != 0:
		return "id:" + strconv.FormatInt(u.GetID(), 10), true
	}
	return "login:" + login, true
}

// Record is what is kept of one comment's feedback: where it is, what it
// said, and the current tally.
type Record struct {
	Comment CommentRef `json:"comment"`
	Labels  Labels     `json:"labels"`
	Tally   Tally      `json:"tally"`
	// Corrected is set when a maintainer said `/explain wrong` about it.
	Corrected bool `json:"corrected,omitempty"`
	// PostedAt is when PR Coach last posted or updated the comment.
	PostedAt time.Time `json:"posted_at,omitzero"`
	// ReadAt is when its reactions were last read; zero when never.
	ReadAt time.Time `json:"read_at,omitzero"`
}

// VoteStore keeps one Record per comment. A database implements it.
type VoteStore interface {
	// Label stores what a comment said when PR Coach posts or updates it
	// (at postedAt), keeping its tally.
	Label(ctx context.Context, c CommentRef, l Labels, postedAt time.Time) error
	// SaveTally replaces the comment's tally with t, read at the given
	// time; it never adds to the old one.
	SaveTally(ctx context.Context, c CommentRef, t Tally, readAt time.Time) error
	// MarkCorrected notes that a maintainer said `/explain wrong` about
	// the comment.
	MarkCorrected(ctx context.Context, c CommentRef) error
	// Records returns the records of comments on PRs of repo ("" for every
	// repository).
	Records(ctx context.Context, repo string) ([]Record, error)
}
