package handlers

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/feedback"
)

// PullClosed reads the votes on PR Coach's comments on a pull request when
// it is closed or merged: the last look before people stop coming back.
type PullClosed struct{ *replies }

// Events implements Handler.
func (h *PullClosed) Events() map[string][]string {
	return map[string][]string{"pull_request": {"closed"}}
}

// Permissions implements Handler.
func (h *PullClosed) Permissions() map[string]string {
	return map[string]string{"pull_requests": "read"} // reactions on its comments
}

// Handle implements Handler. A PR without comments of PR Coach's in the
// VoteStore costs no API call; reading again (a redelivery) replaces the
// tallies, so nobody counts twice.
func (h *PullClosed) Handle(ctx context.Context, ev Event) (string, error) {
	var e github.PullRequestEvent
	if err := json.Unmarshal(ev.Payload, &e); err != nil {
		return "", Permanent(fmt.Errorf("decoding pull_request: %w", err))
	}
	if h.votes == nil {
		return "skipped: votes are not kept", nil
	}
	repo, number := e.GetRepo().GetFullName(), e.GetPullRequest().GetNumber()
	if repo == "" {
		repo = e.GetRepo().GetOwner().GetLogin() + "/" + e.GetRepo().GetName()
	}
	records, err := h.votes.Records(ctx, repo)
	if err != nil {
		return "", fmt.Errorf("reading the comments to read votes of: %w", err)
	}
	var refs []feedback.CommentRef
	for _, r := range records {
		if r.Comment.PR == number {
			refs = append(refs, r.Comment)
		}
	}
	if len(refs) == 0 {
		return "skipped: no comments of ours on this pull request", nil
	}
	res, err := h.ReadVotes(WithPR(ctx, number), ev.InstallationID, refs)
	if err != nil && !feedback.IsRateLimited(err) {
		return "", err
	}
	// A rate limit leaves the rest to the periodic sweep.
	return fmt.Sprintf("votes read on %d of %d comments", len(res.Read), len(refs)), nil
}
