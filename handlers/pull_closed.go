package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/feedback"
)

// PullClosed reads the votes on PR Coach's comments on a pull request when
// it is closed or merged: the last look before people stop coming back.
type PullClosed struct{ *Base }

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

// ReadVotes reads the 👍 and 👎 people gave the comments refs, all on
// repositories of installation installationID, and keeps each tally in
// place of the last (feedback.ReactionReader: bots and the app are not
// counted; it stops at a rate limit or a low budget, and the error says
// so). It is what the pull_request closed handler and a periodic sweep
// (feedback.DueForSweep) call. A comment that is gone keeps its last
// tally.
func (b *Base) ReadVotes(ctx context.Context, installationID int64, refs []feedback.CommentRef) (feedback.ReadResult, error) {
	if b.votes == nil || len(refs) == 0 {
		return feedback.ReadResult{}, nil
	}
	if b.clients == nil {
		return feedback.ReadResult{}, Permanent(fmt.Errorf("no GitHub App credentials configured"))
	}
	gh, err := b.clients.Installation(installationID)
	if err != nil {
		return feedback.ReadResult{}, err
	}
	login, err := b.clients.AppLogin(ctx)
	if err != nil {
		return feedback.ReadResult{}, fmt.Errorf("learning the app's own login: %w", err)
	}
	res, readErr := feedback.ReactionReader{GH: gh, AppLogin: login}.Read(ctx, refs)
	now := time.Now()
	for _, rd := range res.Read {
		if rd.Gone {
			continue
		}
		if err := b.votes.SaveTally(ctx, rd.Comment, rd.Tally, now); err != nil {
			return res, fmt.Errorf("keeping the votes of comment %d: %w", rd.Comment.ID, err)
		}
	}
	return res, readErr
}
