package handlers

import (
	"context"
	"strings"

	"github.com/prcoach/prcoach/handlers/command"
)

// Comments handles review comments, reviews and pull request conversation
// comments: it normalises each into a Comment, answers an /explain command
// in it, then coaches its tone.
type Comments struct {
	base    *Base
	replies *replies
	explain *explainer
	coach   *toneCoach
}

// newComments builds the comments handler of b.
func newComments(b *Base) *Comments {
	return &Comments{base: b, replies: b.replies, explain: b.explain, coach: b.coach}
}

// Events implements Handler.
func (h *Comments) Events() map[string][]string { return commentEvents }

// Permissions implements Handler.
func (h *Comments) Permissions() map[string]string {
	return map[string]string{"pull_requests": "write"} // read comments, reply in threads
}

// Handle implements Handler.
func (h *Comments) Handle(ctx context.Context, ev Event) (string, error) {
	c, err := NormalizeComment(ev)
	if err != nil {
		return "", err
	}
	switch {
	case !c.OnPR:
		return "skipped: not a pull request", nil
	case c.FromBot():
		return "skipped: written by a bot", nil
	}
	r, err := h.base.repo(ev, c.Owner, c.Repo)
	if err != nil {
		return "", err
	}
	ctx = WithPR(ctx, c.Number)
	// One delivery lists the PR's comments once, under the PR's lock, so two
	// deliveries never both decide to create the same reply.
	unlock, err := h.base.lockPR(ctx, c.Owner, c.Repo, c.Number)
	if err != nil {
		return "", err
	}
	defer unlock()
	d, t := h.base.delivery(r), h.replies.thread(r.GH, c.Owner, c.Repo, c.Number, true)
	var outcomes []string
	if cmd := commandOf(c); cmd.Kind != command.Ignore {
		out, err := h.explain.answerCommand(ctx, d, t, c, cmd)
		if err != nil {
			return out, err
		}
		outcomes = append(outcomes, out)
	}
	out, err := h.coach.coachTone(ctx, d, t, c)
	return strings.Join(append(outcomes, out), "; "), err
}

// Reply families: the tone suggestion and the /explain answer kept for
// one comment each.
const (
	toneFamily    = "tone"
	explainFamily = "explain"
)
