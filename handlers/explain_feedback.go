package handlers

import (
	"context"
	"fmt"
	"time"

	"github.com/prcoach/prcoach/handlers/command"
	"github.com/prcoach/prcoach/handlers/feedback"
	"github.com/prcoach/prcoach/handlers/pull"
	"github.com/prcoach/prcoach/prompts"
)

// answerFeedback follows `/explain flaky` and `/explain wrong`, which
// change what PR Coach tells everyone about a failure: maintainers only;
// anyone else who may use /explain is told so in a note. Both are about
// the PR's checks comment as it stands, and bring it up to date after.
func (x *explainer) answerFeedback(ctx context.Context, to answerTo, cmd command.Result) (string, error) {
	if !x.isMaintainer(ctx, to.d, to.c) {
		return x.note(ctx, to, prompts.ExplainNote{Kind: "not_maintainer"}, "explain: "+cmd.Kind.String()+" needs a maintainer")
	}
	if cmd.Kind == command.Flaky {
		return x.markFlaky(ctx, to)
	}
	return x.markWrong(ctx, to, cmd.Reason)
}

// isMaintainer reports whether c's author is an owner, member or
// collaborator: by the comment's association, else by the permission
// API (private organisation members show as CONTRIBUTOR). An API error
// says no.
func (x *explainer) isMaintainer(ctx context.Context, d *delivery, c Comment) bool {
	if command.IsMaintainer(c.Association) {
		return true
	}
	perm, _, err := d.GH.Repositories.GetPermissionLevel(ctx, c.Owner, c.Repo, c.Author)
	if err != nil {
		Logger(ctx).Info("permission check failed; not taken for a maintainer", LogError, err)
		return false
	}
	return command.MaintainerPermission(perm.GetPermission())
}

// claims are what the PR's checks comment says now: the comment (nil when
// there is none), the PR and each explained check's claim.
type claims struct {
	pr      pull.PR
	comment *reply
	checks  []checkFacts
}

// currentClaims reads the checks comment of the command's PR and what its
// failing checks claim, the same way the comment was written.
func (x *explainer) currentClaims(ctx context.Context, to answerTo) (claims, error) {
	d, c := to.d, to.c
	var cl claims
	var err error
	if cl.comment, _, err = to.t.find(ctx, checksMarker); err != nil || cl.comment == nil {
		return cl, err
	}
	if cl.pr, err = d.Pull(ctx, c.Number); err != nil {
		return cl, err
	}
	st, err := x.checks.checksOf(ctx, d, cl.pr.HeadSHA)
	if err != nil {
		return cl, err
	}
	for i, run := range st.failing {
		if i >= maxExplained {
			break
		}
		_, facts, err := x.checks.explainRun(ctx, d, cl.pr, run, st.passedOnce[run.GetName()])
		if err != nil {
			return cl, err
		}
		cl.checks = append(cl.checks, facts)
	}
	return cl, nil
}

// markFlaky records that the failures the checks comment explains are
// flaky here, each under its signature, so their next match says "seen
// flaky here before". A failure without a specific signature cannot be
// recognised again, and the maintainer is told so.
func (x *explainer) markFlaky(ctx context.Context, to answerTo) (string, error) {
	if x.history == nil {
		return x.note(ctx, to, prompts.ExplainNote{Kind: "feedback_off"}, "explain: flaky not kept, no history store")
	}
	cl, err := x.currentClaims(ctx, to)
	if err != nil {
		return "", err
	}
	if len(cl.checks) == 0 {
		return x.note(ctx, to, prompts.ExplainNote{Kind: "flaky_nothing"}, "explain: flaky, nothing failing")
	}
	var marked, unmarked []string
	for _, f := range cl.checks {
		if !f.sig.Specific() {
			unmarked = append(unmarked, f.name)
			continue
		}
		e := feedback.Event{Kind: feedback.MarkedFlaky, Repo: to.c.Owner + "/" + to.c.Repo, Signature: f.sig,
			PR: to.c.Number, HeadSHA: cl.pr.HeadSHA, Check: f.name, Actor: to.c.Author, At: time.Now()}
		if _, err := x.history.Record(ctx, e); err != nil {
			return "", fmt.Errorf("recording /explain flaky: %w", err)
		}
		marked = append(marked, f.name)
	}
	if len(marked) == 0 {
		return x.note(ctx, to, prompts.ExplainNote{Kind: "flaky_no_signature", Names: unmarked}, "explain: flaky, no signature to record")
	}
	out, err := x.note(ctx, to, prompts.ExplainNote{Kind: "flaky_recorded", Names: marked}, fmt.Sprintf("explain: %d failures marked flaky", len(marked)))
	if err != nil {
		return "", err
	}
	return x.afterFeedback(ctx, to, cl, out)
}

// markWrong records a maintainer's correction of the checks comment: each
// claim it makes, with the reason redacted, and the comment marked
// corrected; the comment then leaves those claims out.
func (x *explainer) markWrong(ctx context.Context, to answerTo, reason string) (string, error) {
	if x.corrections == nil {
		return x.note(ctx, to, prompts.ExplainNote{Kind: "feedback_off"}, "explain: correction not kept, no correction store")
	}
	cl, err := x.currentClaims(ctx, to)
	if err != nil {
		return "", err
	}
	if cl.comment == nil {
		return x.note(ctx, to, prompts.ExplainNote{Kind: "wrong_nothing"}, "explain: wrong, no checks comment")
	}
	ref := refOf(to.t, cl.comment)
	now := time.Now()
	for _, f := range cl.checks {
		corr := feedback.Correction{Comment: ref, Claim: f.labels, SignatureID: f.sig.ID, Actor: to.c.Author,
			Reason: x.redactor.Redact(reason), At: now}
		if err := x.corrections.AddCorrection(ctx, corr); err != nil {
			return "", fmt.Errorf("recording /explain wrong: %w", err)
		}
	}
	if x.votes != nil {
		if err := x.votes.MarkCorrected(ctx, ref); err != nil {
			Logger(ctx).Warn("could not mark the comment corrected", LogError, err)
		}
	}
	out, err := x.note(ctx, to, prompts.ExplainNote{Kind: "wrong_recorded"}, fmt.Sprintf("explain: %d claims corrected", len(cl.checks)))
	if err != nil {
		return "", err
	}
	return x.afterFeedback(ctx, to, cl, out)
}

// afterFeedback brings the checks comment up to date with what the
// maintainer said, and adds how that went to the outcome.
func (x *explainer) afterFeedback(ctx context.Context, to answerTo, cl claims, out string) (string, error) {
	if len(cl.checks) == 0 {
		return out, nil
	}
	// The command's delivery holds the PR's lock already.
	refreshed, err := x.checks.refreshChecksIn(ctx, to.d, to.t, to.c.Number, cl.pr.HeadSHA, false)
	if err != nil {
		return out, err
	}
	return out + "; checks comment " + refreshed, nil
}
