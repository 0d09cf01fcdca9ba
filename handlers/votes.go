package handlers

import (
	"context"
	"fmt"
	"time"

	"github.com/prcoach/prcoach/handlers/feedback"
)

// refOf names the app's comment r on thread t for the feedback stores.
func refOf(t *thread, r *reply) feedback.CommentRef {
	return feedback.CommentRef{Repo: t.owner + "/" + t.repo, PR: t.number, ID: r.id, Review: r.inThread}
}

// labelComment keeps what the app's comment marked m says (labels, never
// its body) once post created or changed it (out "posted" or "updated").
// Without a VoteStore it does nothing; a store error is logged, as votes
// are worth less than the comment that was posted.
func (rs *replies) labelComment(ctx context.Context, t *thread, m marker, out string, l feedback.Labels) {
	if rs.votes == nil || (out != "posted" && out != "updated") {
		return
	}
	r, _, err := t.find(ctx, m)
	if err != nil || r == nil {
		return
	}
	if err := rs.votes.Label(ctx, refOf(t, r), l, time.Now()); err != nil {
		Logger(ctx).Warn("could not keep a comment's labels", LogError, err)
	}
}

// readVotes reads the 👍 and 👎 people gave the app's comment r and keeps
// the tally in place of the last one, so reading again never counts
// twice. Bots and the app are not counted. Best effort: a rate limit or
// an error is logged and the comment is read another time.
func (rs *replies) readVotes(ctx context.Context, t *thread, r *reply) {
	if rs.votes == nil || r == nil {
		return
	}
	login, err := rs.clients.AppLogin(ctx)
	if err != nil {
		Logger(ctx).Warn("votes not read: no app login", LogError, err)
		return
	}
	res, err := feedback.ReactionReader{GH: t.gh, AppLogin: login}.Read(ctx, []feedback.CommentRef{refOf(t, r)})
	if err != nil {
		Logger(ctx).Info("votes not read", LogError, err, "rate_limited", feedback.IsRateLimited(err))
	}
	for _, rd := range res.Read {
		if rd.Gone {
			continue
		}
		if err := rs.votes.SaveTally(ctx, rd.Comment, rd.Tally, time.Now()); err != nil {
			Logger(ctx).Warn("could not keep a comment's votes", LogError, err)
		}
	}
}

// ReadVotes reads the 👍 and 👎 people gave the comments refs, all on
// repositories of installation installationID, and keeps each tally in
// place of the last (feedback.ReactionReader: bots and the app are not
// counted; it stops at a rate limit or a low budget, and the error says
// so). It is what the pull_request closed handler and a periodic sweep
// (feedback.DueForSweep) call. A comment that is gone keeps its last
// tally.
func (rs *replies) ReadVotes(ctx context.Context, installationID int64, refs []feedback.CommentRef) (feedback.ReadResult, error) {
	if rs.votes == nil || len(refs) == 0 {
		return feedback.ReadResult{}, nil
	}
	if rs.clients == nil {
		return feedback.ReadResult{}, Permanent(fmt.Errorf("no GitHub App credentials configured"))
	}
	gh, err := rs.clients.Installation(installationID)
	if err != nil {
		return feedback.ReadResult{}, err
	}
	login, err := rs.clients.AppLogin(ctx)
	if err != nil {
		return feedback.ReadResult{}, fmt.Errorf("learning the app's own login: %w", err)
	}
	res, readErr := feedback.ReactionReader{GH: gh, AppLogin: login}.Read(ctx, refs)
	now := time.Now()
	for _, rd := range res.Read {
		if rd.Gone {
			continue
		}
		if err := rs.votes.SaveTally(ctx, rd.Comment, rd.Tally, now); err != nil {
			return res, fmt.Errorf("keeping the votes of comment %d: %w", rd.Comment.ID, err)
		}
	}
	return res, readErr
}
