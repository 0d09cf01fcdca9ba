package handlers

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/command"
	"github.com/prcoach/prcoach/handlers/feedback"
	"github.com/prcoach/prcoach/handlers/tone"
	"github.com/prcoach/prcoach/prompts"
)

// explainer answers /explain commands: an explanation of the failing
// checks or of a review comment, and the feedback commands (flaky, wrong)
// that correct the checks comment.
type explainer struct {
	base     *Base
	replies  *replies
	checks   *checksReporter
	redactor Redactor
	cooldown explainCooldown
	// history, votes and corrections are nil when not kept.
	history     feedback.HistoryStore
	votes       feedback.VoteStore
	corrections feedback.CorrectionStore
}

// newExplainer builds the /explain commands of o, reporting checks with cr.
func newExplainer(o Options, base *Base, rs *replies, cr *checksReporter) *explainer {
	return &explainer{base: base, replies: rs, checks: cr, redactor: o.Redactor,
		history: o.History, votes: o.Votes, corrections: o.Corrections}
}

// commandOf returns the /explain command in c, if this event should run it:
// a new comment, or an edit that changed the command line itself.
func commandOf(c Comment) command.Result {
	switch c.Action {
	case "created":
		return command.Parse(c.Body)
	case "edited":
		if command.Changed(c.PrevBody, c.Body) {
			return command.Parse(c.Body)
		}
	}
	return command.Result{}
}

// answerCommand acknowledges /explain with 👀, checks who asked, and answers
// in the thread or the conversation.
func (x *explainer) answerCommand(ctx context.Context, d *delivery, t *thread, c Comment, cmd command.Result) (string, error) {
	// Denied commands get no reply and no reaction: a stranger must not be
	// able to make the app post.
	if !x.mayExplain(ctx, d, c) {
		return "explain: not allowed for this user", nil
	}
	x.acknowledge(ctx, d.GH, c)
	to := answerTo{d: d, t: t, c: c}
	over, err := x.explainCapReached(ctx, to)
	if err != nil || over != "" {
		return over, err
	}
	switch cmd.Kind {
	case command.Help:
		return x.note(ctx, to, prompts.ExplainNote{Kind: "usage", Usage: command.Usage()}, "explain: usage shown")
	case command.Malformed:
		return x.note(ctx, to, prompts.ExplainNote{Kind: "malformed", Problem: cmd.Problem, Usage: command.Usage()}, "explain: malformed command")
	}
	if wait, first := x.cooldown.hit(c, time.Now()); wait {
		if !first {
			return "explain: cooldown, already told", nil
		}
		return x.note(ctx, to, prompts.ExplainNote{Kind: "cooldown"}, "explain: cooldown")
	}
	if cmd.Kind.MaintainersOnly() {
		return x.answerFeedback(ctx, to, cmd)
	}
	if c.Kind == "review_comment" && c.InReplyTo != 0 {
		return x.explainReview(ctx, to)
	}
	return x.explainChecks(ctx, to, cmd.Arg)
}

// answerTo is where an /explain answer goes: the command's comment, in
// the pull request's thread, whose earlier answer to it is edited rather
// than repeated.
type answerTo struct {
	d *delivery
	t *thread
	c Comment
}

// marker marks the answer to the command's comment.
func (to answerTo) marker() marker { return commentMarker(explainFamily, to.c) }

// note posts (or updates) a short /explain answer.
func (x *explainer) note(ctx context.Context, to answerTo, n prompts.ExplainNote, outcome string) (string, error) {
	n.Marker, n.Language = to.marker().String(), to.d.language(ctx)
	n.Problem = command.ProblemIn(n.Problem, prompts.ResolveLocale(n.Language).Tag)
	body, err := prompts.ExplainNoteBody(n)
	if err != nil {
		return "", Permanent(err)
	}
	if err := x.reply(ctx, to, body, feedback.Labels{Kind: feedback.KindExplain, Category: "note:" + n.Kind, Wording: "offline"}); err != nil {
		return "", err
	}
	return outcome, nil
}

// reply writes the /explain answer, editing the earlier answer to the same
// comment instead of adding another, and labels it for the votes.
func (x *explainer) reply(ctx context.Context, to answerTo, body string, l feedback.Labels) error {
	out, err := x.replies.post(ctx, to.t, to.marker(), body, threadRoot(to.c))
	if err == nil {
		x.replies.labelComment(ctx, to.t, to.marker(), out, l)
	}
	return err
}

// explainChecks answers /explain in the conversation: the checks failing on
// the head commit, all or the one named, in the checks comment's report.
func (x *explainer) explainChecks(ctx context.Context, to answerTo, name string) (string, error) {
	d, c := to.d, to.c
	pr, err := d.Pull(ctx, c.Number)
	if err != nil {
		return "", err
	}
	st, err := x.checks.checksOf(ctx, d, pr.HeadSHA)
	if err != nil {
		return "", err
	}
	if name != "" {
		st.unstarted = nil // a named check is a check run
		var picked []*github.CheckRun
		for _, run := range st.failing {
			if strings.EqualFold(run.GetName(), name) {
				picked = append(picked, run)
			}
		}
		if len(picked) == 0 && !containsFold(st.names, name) {
			suggest, _ := command.Suggest(name, st.names)
			return x.note(ctx, to, prompts.ExplainNote{Kind: "unknown_check", Name: name, Suggest: suggest}, "explain: unknown check")
		}
		st.failing = picked
	}
	if len(st.failing)+len(st.unstarted) == 0 {
		return x.note(ctx, to, prompts.ExplainNote{Kind: "nothing_failing", HeadSHA: pr.HeadSHA, Running: st.running}, "explain: nothing failing")
	}
	_, rendered, err := x.checks.postChecks(ctx, d, to.t, pr, st, to.marker(), threadRoot(c))
	if err != nil {
		return "", err
	}
	x.base.record(ctx, Activity{Kind: ActivityExplained, Owner: c.Owner, Repo: c.Repo, PR: c.Number, Wording: rendered.Wording})
	return fmt.Sprintf("explain: %d failing checks explained", len(rendered.Failing)), nil
}

func containsFold(names []string, name string) bool {
	for _, n := range names {
		if strings.EqualFold(n, name) {
			return true
		}
	}
	return false
}

// explainReview answers /explain in a review thread: what the thread's
// first comment asks for, why, a next step, and a gentler wording when it
// read as tense.
func (x *explainer) explainReview(ctx context.Context, to answerTo) (string, error) {
	gh, c := to.d.GH, to.c
	parent, _, err := gh.PullRequests.GetComment(ctx, c.Owner, c.Repo, c.InReplyTo)
	if err != nil {
		return "", fmt.Errorf("reading review comment %d: %w", c.InReplyTo, err)
	}
	text, lang := x.redactor.Redact(parent.GetBody()), to.d.language(ctx)
	r := prompts.ReviewExplanation{
		Marker: to.marker().String(), Reviewer: parent.GetUser().GetLogin(), Path: parent.GetPath(), Line: parent.GetLine(),
		Kind: explainKind(tone.Classify(text)), Points: codePoints(text), Wording: "offline", Language: lang,
	}
	if t := tone.Assess(text, tone.DefaultThreshold); t.Tense {
		r.Gentler = tone.Reword(text)
	}
	if model, ok := x.base.complete(ctx, installationOf(ctx), func() (prompts.Prompt, error) {
		return prompts.ExplainReviewPrompt(prompts.ExplainReviewData{Comment: text, Path: r.Path, Line: r.Line,
			DiffHunk: x.redactor.Redact(parent.GetDiffHunk()), Language: lang})
	}); ok {
		r.ModelText, r.Wording = model, "model"
	}
	body, err := prompts.ReviewExplanationBody(r)
	if err != nil {
		return "", Permanent(err)
	}
	l := feedback.Labels{Kind: feedback.KindExplain, Category: reviewCategory(r.Kind), Wording: r.Wording}
	if err := x.reply(ctx, to, body, l); err != nil {
		return "", err
	}
	x.base.record(ctx, Activity{Kind: ActivityExplained, Owner: c.Owner, Repo: c.Repo, PR: c.Number, Wording: r.Wording})
	return "explain: review comment explained", nil
}

var codeSpanRE = regexp.MustCompile("`([^`\n]{1,80})`")

// explainKind is the wording an /explain answer picks for a comment of
// kind k: a request for a change reads like an issue, as both block the
// merge, and a comment no rule placed gets the neutral wording ("").
func explainKind(k tone.Kind) string {
	if k == tone.KindChange {
		return string(tone.KindIssue)
	}
	return string(k)
}

// codePoints lists the code spans of text, once each, at most five.
func codePoints(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range codeSpanRE.FindAllStringSubmatch(text, -1) {
		if !seen[m[1]] && len(out) < 5 {
			seen[m[1]] = true
			out = append(out, m[1])
		}
	}
	return out
}

// reviewCategory labels an /explain answer about a review comment of kind
// k ("" when no rule placed it) for the votes.
func reviewCategory(k string) string {
	if k == "" {
		return "review:unclear"
	}
	return "review:" + k
}
