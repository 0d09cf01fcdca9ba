package handlers

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/prcoach/prcoach/handlers/feedback"
	"github.com/prcoach/prcoach/handlers/settings"
	"github.com/prcoach/prcoach/handlers/tone"
	"github.com/prcoach/prcoach/prompts"
)

// toneCoach replies to tense review comments with a gentle suggestion,
// and withdraws it when the comment calms down.
type toneCoach struct {
	base    *Base
	replies *replies
}

// coachTone keeps at most one gentle suggestion per tense comment: created
// when a comment reads as tense, updated when it is edited and still tense,
// deleted when it is edited into a calm one or deleted.
func (tc *toneCoach) coachTone(ctx context.Context, d *delivery, t *thread, c Comment) (string, error) {
	conf, _, err := d.settings(ctx)
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
	m := commentMarker(toneFamily, c)
	existing, all, err := t.find(ctx, m)
	if err != nil {
		return "", err
	}
	if c.Action == "deleted" || !result.Tense {
		return tc.withdrawTone(ctx, t, c, existing, result.Score)
	}
	if existing == nil && all >= conf.ToneRepliesPerPR() {
		return "skipped: tone suggestions per pull request reached their cap", nil
	}
	return tc.suggestTone(ctx, t, c, m, existing, result, conf)
}

// suggestTone posts or updates the suggestion marked m for the tense
// comment c, or removes existing, the earlier one, when the model judges
// the tone fine.
func (tc *toneCoach) suggestTone(ctx context.Context, t *thread, c Comment, m marker, existing *reply, result tone.Result, conf settings.Settings) (string, error) {
	body, wording, err := tc.toneReplyBody(ctx, c, m, result, conf.Threshold(), conf.Language())
	if err != nil {
		return "", err
	}
	if body == "" {
		// The model judged the offline candidate calm: no reply, and an
		// earlier one for this comment goes.
		if existing == nil {
			return "skipped: the model judged the tone fine", nil
		}
		if err := t.remove(ctx, existing); err != nil {
			return "", err
		}
		tc.base.record(ctx, Activity{Kind: ActivityToneRemoved, Owner: c.Owner, Repo: c.Repo, PR: c.Number})
		return "tone suggestion removed: the model judged the tone fine", nil
	}
	out, err := tc.replies.post(ctx, t, m, body, threadRoot(c))
	if err != nil {
		return "", err
	}
	tc.replies.labelComment(ctx, t, m, out, feedback.Labels{Kind: feedback.KindTone, ToneSignals: signalNames(result.Signals), Wording: wording})
	switch {
	case out == "posted":
		tc.base.record(ctx, Activity{Kind: ActivityToneSuggested, Owner: c.Owner, Repo: c.Repo, PR: c.Number, Wording: wording})
	case c.Action == "edited":
		tc.base.record(ctx, Activity{Kind: ActivityToneEdited, Owner: c.Owner, Repo: c.Repo, PR: c.Number})
	}
	return fmt.Sprintf("tone suggestion %s (score %.2f)", out, result.Score), nil
}

// withdrawTone removes the suggestion for c, if there is one, when c was
// deleted or edited into a calm comment.
func (tc *toneCoach) withdrawTone(ctx context.Context, t *thread, c Comment, existing *reply, score float64) (string, error) {
	switch {
	case existing == nil && c.Action == "deleted":
		return "skipped: deleted comment had no suggestion", nil
	case existing == nil:
		return fmt.Sprintf("skipped: tone is fine (score %.2f)", score), nil
	}
	if err := t.remove(ctx, existing); err != nil {
		return "", err
	}
	if c.Action == "edited" {
		tc.base.record(ctx, Activity{Kind: ActivityToneEdited, Owner: c.Owner, Repo: c.Repo, PR: c.Number})
	}
	tc.base.record(ctx, Activity{Kind: ActivityToneRemoved, Owner: c.Owner, Repo: c.Repo, PR: c.Number})
	return "tone suggestion removed", nil
}

// toneReplyBody composes the suggestion. With a model configured, the
// model confirms or rejects the offline candidate and writes the
// rewording; code then checks that every protected token survived and that
// the rewording reads calm. A rejection means no reply (body ""); a model
// failure, an unreadable answer or a rewording that drops or changes a
// token falls back to the offline rewording, or to naming the phrases when
// there is no safe one. post redacts and sanitises the body.
func (tc *toneCoach) toneReplyBody(ctx context.Context, c Comment, m marker, r tone.Result, threshold float64, lang string) (body, wording string, err error) {
	reworded, wording := tone.Reword(c.Body), "offline"
	text, ok := tc.base.complete(ctx, installationOf(ctx), func() (prompts.Prompt, error) {
		return prompts.RewordPrompt(prompts.RewordData{Comment: c.Body, Signals: r.Signals, Keep: tone.Protected(c.Body)})
	})
	if ok {
		v, err := tone.ReadVerdict(text)
		switch {
		case err != nil:
			Logger(ctx).Warn("model verdict unreadable; offline wording used", LogLLMMode, LLMOffline, LogReason, err.Error())
		case !v.Harsh:
			return "", "model", nil
		default:
			if err := tone.Validate(c.Body, v.Rewording, threshold); err != nil {
				Logger(ctx).Warn("model rewording rejected; offline wording used", LogLLMMode, LLMOffline, LogReason, err.Error())
			} else {
				reworded, wording = v.Rewording, "model"
			}
		}
	}
	reply := prompts.ToneReply{Marker: m.String(), Author: c.Author, Signals: r.Signals, Suggestion: reworded, Wording: wording, Language: lang}
	if reworded == "" {
		reply.Phrases = tone.Phrases(c.Body)
	}
	body, err = prompts.ToneSuggestion(reply)
	if err != nil {
		return "", "", Permanent(err)
	}
	return body, wording, nil
}

// threadRoot is the review comment a reply to c goes under, or 0 for the
// conversation. Replies go to a thread's first comment; GitHub has no
// replies to replies.
func threadRoot(c Comment) int64 {
	switch {
	case c.Kind != "review_comment":
		return 0
	case c.InReplyTo != 0:
		return c.InReplyTo
	}
	return c.ID
}

// signalNames are the names of tone signals (`name: "evidence"`), once
// each: the labels keep what kind of tension was answered, never the
// words quoted.
func signalNames(signals []string) []string {
	var out []string
	for _, s := range signals {
		name, _, _ := strings.Cut(s, ":")
		if name = strings.TrimSpace(name); name != "" && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}
