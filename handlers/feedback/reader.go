package feedback

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
)

// ErrLowBudget stops a read before it spends the last of the
// installation's REST budget, which posting comments needs more.
var ErrLowBudget = errors.New("rate limit budget low")

// Defaults of ReactionReader.
const (
	DefaultPerPage      = 100
	DefaultMaxPages     = 10
	DefaultMinRemaining = 100
)

// ReactionReader reads people's votes on PR Coach's comments from GitHub,
// which sends no webhook for reactions.
type ReactionReader struct {
	GH *github.Client
	// AppLogin is the app's bot login; its own reactions (👀) are no votes.
	AppLogin string
	// PerPage is how many reactions to ask for a page (DefaultPerPage).
	PerPage int
	// MaxPages caps the pages read per comment (DefaultMaxPages); a
	// comment with more reactions is tallied from the first pages.
	MaxPages int
	// MinRemaining is the REST budget left at which reading stops
	// (DefaultMinRemaining).
	MinRemaining int
}

// Read is one comment's tally, as read.
type Read struct {
	Comment CommentRef
	Tally   Tally
	// Gone is set when the comment no longer exists (GitHub said 404);
	// Tally is then zero.
	Gone bool
}

// ReadResult is what ReactionReader.Read got before it finished or
// stopped.
type ReadResult struct {
	// Read are the comments read in full, in the order given.
	Read []Read
	// Unread are the comments not read because reading stopped; a comment
	// whose pages were read in part is unread, never half counted.
	Unread []CommentRef
	// Calls counts the API requests made.
	Calls int
	// RetryAfter, when reading stopped at a rate limit or a low budget, is
	// when GitHub says to try again (zero when it did not say).
	RetryAfter time.Time
}

// Read reads the reactions of each comment, a page at a time, and tallies
// the people's votes (TallyReactions). It makes no request for no
// comments. It stops at the first rate-limit error, when the budget falls
// below MinRemaining, at any other error but a deleted comment, or when ctx
// ends; the error says why and the result holds what was read.
func (r ReactionReader) Read(ctx context.Context, comments []CommentRef) (ReadResult, error) {
	var res ReadResult
	for i, c := range comments {
		if err := ctx.Err(); err != nil {
			res.Unread = append(res.Unread, comments[i:]...)
			return res, fmt.Errorf("reading reactions: %w", err)
		}
		tally, gone, rate, err := r.readOne(ctx, c, &res.Calls)
		if err != nil {
			res.Unread = append(res.Unread, comments[i:]...)
			res.RetryAfter = retryAfter(err, rate)
			return res, fmt.Errorf("reading reactions of comment %d in %s: %w", c.ID, c.Repo, err)
		}
		res.Read = append(res.Read, Read{Comment: c, Tally: tally, Gone: gone})
		if i+1 < len(comments) && r.lowBudget(rate) {
			res.Unread = append(res.Unread, comments[i+1:]...)
			res.RetryAfter = rate.Reset.Time
			return res, fmt.Errorf("reading reactions: %d requests left of %d: %w", rate.Remaining, rate.Limit, ErrLowBudget)
		}
	}
	return res, nil
}

// readOne reads all pages of one comment's reactions. gone reports a
// deleted comment; rate is the budget after the last page.
func (r ReactionReader) readOne(ctx context.Context, c CommentRef, calls *int) (t Tally, gone bool, rate github.Rate, err error) {
	owner, name, ok := strings.Cut(c.Repo, "/")
	if !ok {
		return Tally{}, false, rate, fmt.Errorf("repository %q is not owner/name", c.Repo)
	}
	opts := &github.ListOptions{PerPage: or(r.PerPage, DefaultPerPage)}
	var all []*github.Reaction
	for page := 0; page < or(r.MaxPages, DefaultMaxPages); page++ {
		var rs []*github.Reaction
		var resp *github.Response
		*calls++
		if c.Review {
			rs, resp, err = r.GH.Reactions.ListPullRequestCommentReactions(ctx, owner, name, c.ID, opts)
		} else {
			rs, resp, err = r.GH.Reactions.ListIssueCommentReactions(ctx, owner, name, c.ID, opts)
		}
		if resp != nil {
			rate = resp.Rate
		}
		switch {
		case err != nil && resp != nil && resp.StatusCode == http.StatusNotFound:
			return Tally{}, true, rate, nil
		case err != nil:
			return Tally{}, false, rate, err
		}
		all = append(all, rs...)
		if resp.NextPage == 0 {
			break
		}
		if r.lowBudget(rate) {
			return Tally{}, false, rate, fmt.Errorf("%d requests left of %d: %w", rate.Remaining, rate.Limit, ErrLowBudget)
		}
		opts.Page = resp.NextPage
	}
	return TallyReactions(all, r.AppLogin), false, rate, nil
}

// lowBudget reports whether rate, when GitHub sent one, is below the floor.
func (r ReactionReader) lowBudget(rate github.Rate) bool {
	return rate.Limit > 0 && rate.Remaining < or(r.MinRemaining, DefaultMinRemaining)
}

// retryAfter is when GitHub says to try again after err, if it said; for
// a low budget, when the budget resets.
func retryAfter(err error, rate github.Rate) time.Time {
	var rl *github.RateLimitError
	var abuse *github.AbuseRateLimitError
	switch {
	case errors.As(err, &rl):
		return rl.Rate.Reset.Time
	case errors.As(err, &abuse) && abuse.RetryAfter != nil:
		return time.Now().Add(*abuse.RetryAfter)
	case errors.Is(err, ErrLowBudget):
		return rate.Reset.Time
	}
	return time.Time{}
}

// IsRateLimited reports whether err stopped a read at a rate limit or a
// low budget, so the caller should try again later rather than alert.
func IsRateLimited(err error) bool {
	var rl *github.RateLimitError
	var abuse *github.AbuseRateLimitError
	return errors.Is(err, ErrLowBudget) || errors.As(err, &rl) || errors.As(err, &abuse)
}

// or returns v, or def when v is not positive.
func or(v, def int) int {
	if v > 0 {
		return v
	}
	return def
}
