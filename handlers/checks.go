package handlers

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/ci"
	"github.com/prcoach/prcoach/handlers/feedback"
	"github.com/prcoach/prcoach/handlers/pull"
	"github.com/prcoach/prcoach/prompts"
)

// checksReporter keeps the checks comment of a pull request: it lists a
// commit's checks, analyses the failing ones (job log or check output),
// weighs them against the repository's history and posts the comment.
type checksReporter struct {
	base     *Base
	replies  *replies
	redactor Redactor
	// logs fetches job logs; it carries no GitHub credentials.
	logs     *http.Client
	analyses *lru[ci.Analysis]
	// signatures are the error lines of passing logs, by job.
	signatures *lru[map[string]bool]
	// failedSigs are the signatures of recent failures, by repository,
	// commit and check, to notice a pass on re-run.
	failedSigs *lru[feedback.Signature]
	// history and corrections are nil when not kept.
	history     feedback.HistoryStore
	corrections feedback.CorrectionStore
}

// newChecksReporter builds the checks reporter of o over base's shared state.
func newChecksReporter(o Options, base *Base, rs *replies) *checksReporter {
	return &checksReporter{
		base: base, replies: rs, redactor: o.Redactor, logs: o.Logs,
		analyses:   newLRU[ci.Analysis](512),
		signatures: newLRU[map[string]bool](256),
		failedSigs: newLRU[feedback.Signature](1024),
		history:    o.History, corrections: o.Corrections,
	}
}

// checkState is what the checks of one commit say, latest run per name.
type checkState struct {
	failing []*github.CheckRun
	running []string
	names   []string // every check of the commit, sorted
	// unstarted are workflows that could not start, so have no check runs.
	unstarted []prompts.FailingCheck
	// passedOnce names checks that passed on some run of this commit, which
	// makes a later failure of the same check look flaky.
	passedOnce map[string]bool
}

// checksOf is what the comment and /explain report for commit sha: its
// checks as the repository's settings ask (ignored ones dropped), and the
// workflows that could not start.
func (cr *checksReporter) checksOf(ctx context.Context, d *delivery, sha string) (checkState, error) {
	cs, err := d.Checks(ctx, sha)
	if err != nil {
		return checkState{}, err
	}
	conf, _, err := d.settings(ctx)
	if err != nil {
		return checkState{}, err
	}
	st := checkState{passedOnce: cs.PassedOnce}
	for _, run := range cs.Latest {
		name := run.GetName()
		st.names = append(st.names, name)
		switch {
		case run.GetStatus() != "completed":
			st.running = append(st.running, name)
		case pull.Failing(run.GetConclusion()) && conf.ExplainsCheck(name):
			st.failing = append(st.failing, run)
		}
	}
	unstarted, err := d.Unstarted(ctx, sha)
	if err != nil {
		return st, err
	}
	for _, u := range unstarted {
		st.unstarted = append(st.unstarted, unstartedCheck(u, conf.Language()))
	}
	return st, nil
}

// refreshPulls brings the checks comment of each open pull request at
// commit sha up to date: numbers, or when the event named none, the PRs
// whose head is sha. failing says the event was a failure; a passing check
// only edits an existing comment.
func (cr *checksReporter) refreshPulls(ctx context.Context, r pull.Repo, numbers []int, sha string, failing bool) (string, error) {
	if len(numbers) == 0 {
		var err error
		if numbers, err = r.PullsOfCommit(ctx, sha); err != nil {
			return "", err
		}
	}
	if len(numbers) == 0 {
		return "skipped: not on an open pull request", nil
	}
	d := cr.base.delivery(r)
	var outcomes []string
	for _, n := range numbers {
		prCtx := WithPR(ctx, n)
		out, err := cr.refreshChecks(prCtx, d, n, sha, failing)
		if err != nil {
			return strings.Join(outcomes, "; "), err
		}
		Logger(prCtx).Debug("checks comment refreshed", LogOutcome, out)
		outcomes = append(outcomes, fmt.Sprintf("#%d %s", n, out))
	}
	return strings.Join(outcomes, "; "), nil
}

// refreshChecks brings PR number's checks comment up to date with the checks
// and workflows of its head commit sha.
func (cr *checksReporter) refreshChecks(ctx context.Context, d *delivery, number int, sha string, failing bool) (string, error) {
	unlock, err := cr.base.lockPR(ctx, d.Owner, d.Name, number)
	if err != nil {
		return "", err
	}
	defer unlock()
	return cr.refreshChecksIn(ctx, d, cr.replies.thread(d.GH, d.Owner, d.Name, number, false), number, sha, failing)
}

// refreshChecksIn is refreshChecks in thread t, for a caller that holds
// the PR's lock.
func (cr *checksReporter) refreshChecksIn(ctx context.Context, d *delivery, t *thread, number int, sha string, failing bool) (string, error) {
	existing, _, err := t.find(ctx, checksMarker)
	if err != nil {
		return "", err
	}
	if !failing && existing == nil {
		return "skipped: passing check and no comment to update", nil
	}
	pr, err := d.Pull(ctx, number)
	switch {
	case err != nil:
		return "", err
	case !pr.Open:
		return "skipped: pull request is closed", nil
	case pr.HeadSHA != sha:
		return "skipped: the pull request has newer commits", nil
	}
	state, err := cr.checksOf(ctx, d, sha)
	if err != nil {
		return "", err
	}
	failingNow := len(state.failing) + len(state.unstarted)
	if failingNow == 0 && existing == nil {
		return "skipped: nothing failing", nil
	}
	// The comment is about to change: what people said of it so far is read first.
	cr.replies.readVotes(ctx, t, existing)
	out, rendered, err := cr.postChecks(ctx, d, t, pr, state, checksMarker, 0)
	if err != nil || out == "unchanged" {
		return out, err
	}
	if out == "posted" {
		out = "commented" // the checks comment's outcome, as the dashboard and logs know it
	}
	if failingNow == 0 {
		cr.base.record(ctx, Activity{Kind: ActivityChecksGreen, Owner: d.Owner, Repo: d.Name, PR: number})
		return out + ": all green", nil
	}
	for _, fc := range rendered.Failing {
		cr.base.record(ctx, Activity{Kind: ActivityCheckExplained, Owner: d.Owner, Repo: d.Name, PR: number,
			Check: fc.Name, Category: fc.Category, Verdict: fc.Verdict, Wording: rendered.Wording})
	}
	return fmt.Sprintf("%s: %d failing", out, failingNow), nil
}
