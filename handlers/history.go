package handlers

import (
	"context"
	"fmt"
	"time"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/ci"
	"github.com/prcoach/prcoach/handlers/feedback"
	"github.com/prcoach/prcoach/handlers/pull"
	"github.com/prcoach/prcoach/prompts"
)

// checkFacts are what one explained check claimed, for the feedback
// stores: its labels and the signature of its key error line.
type checkFacts struct {
	name   string
	labels feedback.Labels
	sig    feedback.Signature
}

// failedKey names a check of a commit in failedSigs.
func failedKey(r pull.Repo, sha, check string) string {
	return fmt.Sprintf("%s/%s/%s/%s", r.Owner, r.Name, sha, check)
}

// recordEvent keeps e in the repository's history and returns the history
// after it; ok is false without a HistoryStore, without a specific
// signature, or when the store failed (logged: the comment goes out with
// less evidence rather than not at all).
func (cr *checksReporter) recordEvent(ctx context.Context, e feedback.Event) (feedback.History, bool) {
	if cr.history == nil || !e.Signature.Specific() {
		return feedback.History{}, false
	}
	if e.At.IsZero() {
		e.At = time.Now()
	}
	h, err := cr.history.Record(ctx, e)
	if err != nil {
		Logger(ctx).Warn("could not keep a failure's history", "kind", string(e.Kind), LogError, err)
		return feedback.History{}, false
	}
	return h, true
}

// noteBaseFailure records that the base branch's run of the same check
// failed, under the signature of the base run's own key error line.
func (cr *checksReporter) noteBaseFailure(ctx context.Context, r pull.Repo, base *github.CheckRun, kb *ci.KnowledgeBase, kbVersion string) {
	if cr.history == nil || base == nil || !pull.Failing(base.GetConclusion()) {
		return
	}
	a, err := cr.analyse(ctx, r, base, kb, kbVersion)
	if err != nil {
		Logger(ctx).Debug("base branch failure not read", LogError, err)
		return
	}
	cr.recordEvent(ctx, feedback.Event{Kind: feedback.FailedOnBase, Repo: r.Owner + "/" + r.Name,
		Signature: feedback.SignatureOf(feedback.KeyLine(a)), HeadSHA: base.GetHeadSHA(), Check: base.GetName(), RunID: base.GetID()})
}

// weighHistory records run's failure with signature sig on pr and lets
// the repository's history speak after ci's verdict: maintainers' or the
// history's "flaky" turns the verdict flaky, a recent base-branch failure
// clears the change, and the comment says what was seen (fc.History).
func (cr *checksReporter) weighHistory(ctx context.Context, r pull.Repo, pr pull.PR, run *github.CheckRun, fc prompts.FailingCheck, facts *checkFacts, lang string) prompts.FailingCheck {
	if facts.sig.Specific() {
		cr.failedSigs.put(failedKey(r, run.GetHeadSHA(), run.GetName()), facts.sig)
	}
	h, ok := cr.recordEvent(ctx, feedback.Event{Kind: feedback.Failed, Repo: r.Owner + "/" + r.Name, Signature: facts.sig,
		PR: pr.Number, HeadSHA: run.GetHeadSHA(), Check: run.GetName(), RunID: run.GetID()})
	if !ok {
		return fc
	}
	ev := h.Evidence(pr.Number, time.Now())
	switch ev.Hint {
	case feedback.HintFlaky:
		if fc.Verdict != "flaky" {
			// ci's reason argued for another verdict; the history is the reason now.
			fc.Verdict, fc.Reason, fc.NotThisChange = "flaky", "", false
		}
	case feedback.HintFailsOnBase:
		if fc.Verdict != "change" {
			fc.NotThisChange = true
		}
	}
	facts.labels.Verdict = fc.Verdict
	fc.History = prompts.HistoryText(lang, prompts.HistoryNote{MarkedFlaky: ev.MarkedFlaky, OtherPRs: ev.OtherPRs,
		PassedOnRerun: ev.PassedOnRerun, FailedOnBase: ev.FailedOnBaseAgo > 0})
	return fc
}

// notePassed records a pass on re-run: check passed on commit sha after
// failing there with a signature this process saw.
func (cr *checksReporter) notePassed(ctx context.Context, r pull.Repo, sha, check string) {
	if cr.history == nil {
		return
	}
	sig, ok := cr.failedSigs.get(failedKey(r, sha, check))
	if !ok {
		return
	}
	cr.recordEvent(ctx, feedback.Event{Kind: feedback.PassedOnRerun, Repo: r.Owner + "/" + r.Name, Signature: sig, HeadSHA: sha, Check: check})
}

// corrected reads the corrections of PR number, nil without a store or
// when it failed (logged).
func (cr *checksReporter) corrected(ctx context.Context, r pull.Repo, number int) []feedback.Correction {
	if cr.corrections == nil {
		return nil
	}
	cs, err := cr.corrections.Corrections(ctx, r.Owner+"/"+r.Name, number)
	if err != nil {
		Logger(ctx).Warn("could not read corrections", LogError, err)
	}
	return cs
}
