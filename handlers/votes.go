package handlers

import (
	"context"
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
func (b *Base) labelComment(ctx context.Context, t *thread, m marker, out string, l feedback.Labels) {
	if b.votes == nil || (out != "posted" && out != "updated") {
		return
	}
	r, _, err := t.find(ctx, m)
	if err != nil || r == nil {
		return
	}
	if err := b.votes.Label(ctx, refOf(t, r), l, time.Now()); err != nil {
		Logger(ctx).Warn("could not keep a comment's labels", LogError, err)
	}
}

// readVotes reads the 👍 and 👎 people gave the app's comment r and keeps
// the tally in place of the last one, so reading again never counts
// twice. Bots and the app are not counted. Best effort: a rate limit or
// an error is logged and the comment is read another time.
func (b *Base) readVotes(ctx context.Context, t *thread, r *reply) {
	if b.votes == nil || r == nil {
		return
	}
	login, err := b.clients.AppLogin(ctx)
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
		if err := b.votes.SaveTally(ctx, rd.Comment, rd.Tally, time.Now()); err != nil {
			Logger(ctx).Warn("could not keep a comment's votes", LogError, err)
		}
	}
}
