package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/safety"
	"github.com/prcoach/prcoach/handlers/tone"
	"github.com/prcoach/prcoach/prompts"
)

// suggestion is one of the app's tone suggestions, wherever it lives.
type suggestion struct {
	id       int64
	body     string
	inThread bool // a review-thread reply rather than a conversation comment
}

// coachTone keeps at most one gentle suggestion per tense comment: created
// when a comment reads as tense, updated when it is edited and still tense,
// deleted when it is edited into a calm one or deleted.
func (b *Base) coachTone(ctx context.Context, gh *github.Client, c Comment) (string, error) {
	conf, _, err := b.repoSettings(ctx, gh, c.Owner, c.Repo)
	if err != nil {
		return "", err
	}
	switch {
	case !conf.ToneEnabled():
		return "skipped: tone replies are off for this repository", nil
	case conf.IgnoresUser(c.Author):
		return "skipped: the repository ignores this user", nil
	}
	result := tone.Assess(c.Body, conf.Threshold())
	if c.Action == "created" && !result.Tense {
		// A new comment has no suggestion yet: nothing to look up.
		return fmt.Sprintf("skipped: tone is fine (score %.2f)", result.Score), nil
	}
	defer b.prLocks.Lock(fmt.Sprintf("%s/%s#%d", c.Owner, c.Repo, c.Number))()
	marker := toneMarker(c)
	existing, all, err := b.toneSuggestions(ctx, gh, c, marker)
	if err != nil {
		return "", err
	}
	if c.Action == "deleted" || !result.Tense {
		if existing == nil {
			if c.Action == "deleted" {
				return "skipped: deleted comment had no suggestion", nil
			}
			return fmt.Sprintf("skipped: tone is fine (score %.2f)", result.Score), nil
		}
		if err := deleteSuggestion(ctx, gh, c, existing); err != nil {
			return "", err
		}
		if c.Action == "edited" {
			b.record(ctx, Activity{Kind: ActivityToneEdited, Owner: c.Owner, Repo: c.Repo, PR: c.Number})
		}
		b.record(ctx, Activity{Kind: ActivityToneRemoved, Owner: c.Owner, Repo: c.Repo, PR: c.Number})
		return "tone suggestion removed", nil
	}
	if existing == nil && all >= conf.ToneRepliesPerPR() {
		return "skipped: tone suggestions per pull request reached their cap", nil
	}
	body, wording, err := b.toneReplyBody(ctx, c, marker, result, conf.Threshold())
	if err != nil {
		return "", err
	}
	if body == "" {
		// The model judged the offline candidate calm: no reply, and an
		// earlier one for this comment goes.
		if existing != nil {
			if err := deleteSuggestion(ctx, gh, c, existing); err != nil {
				return "", err
			}
			b.record(ctx, Activity{Kind: ActivityToneRemoved, Owner: c.Owner, Repo: c.Repo, PR: c.Number})
			return "tone suggestion removed: the model judged the tone fine", nil
		}
		return "skipped: the model judged the tone fine", nil
	}
	out, err := writeReply(ctx, gh, c, existing, body)
	if err != nil {
		return "", err
	}
	switch {
	case out == "posted":
		b.record(ctx, Activity{Kind: ActivityToneSuggested, Owner: c.Owner, Repo: c.Repo, PR: c.Number, Wording: wording})
	case c.Action == "edited":
		b.record(ctx, Activity{Kind: ActivityToneEdited, Owner: c.Owner, Repo: c.Repo, PR: c.Number})
	}
	return fmt.Sprintf("tone suggestion %s (score %.2f)", out, result.Score), nil
}

// toneReplyBody composes the suggestion. With a model configured, the
// model confirms or rejects the offline candidate and writes the
// rewording; code then checks that every protected token survived and that
// the rewording reads calm. A rejection means no reply (body ""); a model
// failure, an unreadable answer or a rewording that drops or changes a
// token falls back to the offline rewording, or to naming the phrases when
// there is no safe one. The body is then redacted and sanitised.
func (b *Base) toneReplyBody(ctx context.Context, c Comment, marker string, r tone.Result, threshold float64) (body, wording string, err error) {
	reworded, wording := tone.Reword(c.Body), "offline"
	text, ok := b.complete(ctx, installationOf(ctx), func() (prompts.Prompt, error) {
		return prompts.RewordPrompt(prompts.RewordData{Comment: c.Body, Signals: r.Signals, Keep: tone.Protected(c.Body)})
	})
	if ok {
		v, err := tone.ReadVerdict(text)
		switch {
		case err != nil:
			Logger(ctx).Warn("model verdict unreadable; offline wording used", "llm_mode", "fallback", "reason", err.Error())
		case !v.Harsh:
			return "", "model", nil
		default:
			if err := tone.Validate(c.Body, v.Rewording, threshold); err != nil {
				Logger(ctx).Warn("model rewording rejected; offline wording used", "llm_mode", "fallback", "reason", err.Error())
			} else {
				reworded, wording = v.Rewording, "model"
			}
		}
	}
	reply := prompts.ToneReply{Marker: marker, Author: c.Author, Signals: r.Signals, Suggestion: reworded, Wording: wording}
	if reworded == "" {
		reply.Phrases = tone.Phrases(c.Body)
	}
	body, err = prompts.ToneSuggestion(reply)
	if err != nil {
		return "", "", Permanent(err)
	}
	return safety.Sanitize(b.redactor.Redact(body), safety.Policy{Owner: c.Owner, Repo: c.Repo, Host: b.webHost(), Marker: marker}), wording, nil
}

// toneSuggestions finds the suggestion for this comment (marker) and counts
// every tone suggestion on the pull request, for the per-PR cap.
func (b *Base) toneSuggestions(ctx context.Context, gh *github.Client, c Comment, marker string) (*suggestion, int, error) {
	return findReplies(ctx, gh, c, toneMarkerPrefix, marker)
}

// findReplies lists the app's replies on c's pull request (review-thread
// replies and conversation comments) whose body starts with prefix: it
// returns the one starting with marker, and how many there are.
func findReplies(ctx context.Context, gh *github.Client, c Comment, prefix, marker string) (*suggestion, int, error) {
	var found *suggestion
	count := 0
	consider := func(s suggestion, userType string) {
		if userType != "Bot" || !strings.HasPrefix(s.body, prefix) {
			return
		}
		count++
		if found == nil && strings.HasPrefix(s.body, marker) {
			found = &s
		}
	}
	opts := &github.PullRequestListCommentsOptions{ListOptions: github.ListOptions{PerPage: 100}}
	for page := 0; page < 20; page++ {
		rcs, resp, err := gh.PullRequests.ListComments(ctx, c.Owner, c.Repo, c.Number, opts)
		if err != nil {
			return nil, 0, fmt.Errorf("listing review comments on #%d: %w", c.Number, err)
		}
		for _, rc := range rcs {
			consider(suggestion{id: rc.GetID(), body: rc.GetBody(), inThread: true}, rc.GetUser().GetType())
		}
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	iopts := &github.IssueListCommentsOptions{ListOptions: github.ListOptions{PerPage: 100}}
	for page := 0; page < 20; page++ {
		ics, resp, err := gh.Issues.ListComments(ctx, c.Owner, c.Repo, c.Number, iopts)
		if err != nil {
			return nil, 0, fmt.Errorf("listing comments on #%d: %w", c.Number, err)
		}
		for _, ic := range ics {
			consider(suggestion{id: ic.GetID(), body: ic.GetBody()}, ic.GetUser().GetType())
		}
		if resp.NextPage == 0 {
			break
		}
		iopts.Page = resp.NextPage
	}
	return found, count, nil
}

// writeReply creates the reply (in the review thread for a review
// comment, in the conversation otherwise) or edits the existing one.
func writeReply(ctx context.Context, gh *github.Client, c Comment, existing *suggestion, body string) (string, error) {
	switch {
	case existing != nil && existing.body == body:
		return "unchanged", nil
	case existing != nil && existing.inThread:
		_, _, err := gh.PullRequests.EditComment(ctx, c.Owner, c.Repo, existing.id, &github.PullRequestComment{Body: &body})
		return "updated", wrapf(err, "editing tone suggestion %d", existing.id)
	case existing != nil:
		_, _, err := gh.Issues.EditComment(ctx, c.Owner, c.Repo, existing.id, &github.IssueComment{Body: &body})
		return "updated", wrapf(err, "editing tone suggestion %d", existing.id)
	case c.Kind == "review_comment":
		// Replies go to the thread's first comment; GitHub has no replies to replies.
		root := c.ID
		if c.InReplyTo != 0 {
			root = c.InReplyTo
		}
		_, _, err := gh.PullRequests.CreateCommentInReplyTo(ctx, c.Owner, c.Repo, c.Number, body, root)
		return "posted", wrapf(err, "replying to review comment %d", root)
	default:
		_, _, err := gh.Issues.CreateComment(ctx, c.Owner, c.Repo, c.Number, &github.IssueComment{Body: &body})
		return "posted", wrapf(err, "commenting on #%d", c.Number)
	}
}

func deleteSuggestion(ctx context.Context, gh *github.Client, c Comment, s *suggestion) error {
	var err error
	if s.inThread {
		_, err = gh.PullRequests.DeleteComment(ctx, c.Owner, c.Repo, s.id)
	} else {
		_, err = gh.Issues.DeleteComment(ctx, c.Owner, c.Repo, s.id)
	}
	return wrapf(err, "deleting tone suggestion %d", s.id)
}

// wrapf wraps err with context, or returns nil.
func wrapf(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}
