package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/google/go-github/v60/github"
)

// CheckRun keeps one comment on a pull request that explains its failing
// checks, and says so when they pass again.
type CheckRun struct{ *Base }

// Events implements Handler.
func (h *CheckRun) Events() map[string][]string {
	return map[string][]string{"check_run": {"completed"}}
}

// Permissions implements Handler.
func (h *CheckRun) Permissions() map[string]string {
	return map[string]string{
		"checks":        "read",  // check runs, output, annotations
		"actions":       "read",  // job logs and steps
		"pull_requests": "write", // read the PR, keep the comment
		"contents":      "read",  // the PRs of a commit
	}
}

// failingConclusions are explained; cancelled is someone's choice, not a failure.
var failingConclusions = map[string]bool{"failure": true, "timed_out": true, "startup_failure": true}

// Handle implements Handler.
func (h *CheckRun) Handle(ctx context.Context, ev Event) (string, error) {
	var e github.CheckRunEvent
	if err := json.Unmarshal(ev.Payload, &e); err != nil {
		return "", Permanent(fmt.Errorf("decoding check_run: %w", err))
	}
	run := e.GetCheckRun()
	owner, repo := e.GetRepo().GetOwner().GetLogin(), e.GetRepo().GetName()
	if run.GetHeadSHA() == "" || owner == "" {
		return "", Permanent(errors.New("check_run without head SHA or repository"))
	}
	if h.clients == nil {
		return "", Permanent(errors.New("no GitHub App credentials configured"))
	}
	gh, err := h.clients.Installation(ev.InstallationID)
	if err != nil {
		return "", err
	}
	numbers, err := h.pullRequestsFor(ctx, gh, owner, repo, run)
	if err != nil {
		return "", err
	}
	if len(numbers) == 0 {
		return "skipped: not on an open pull request", nil
	}
	failing := failingConclusions[run.GetConclusion()]
	var outcomes []string
	for _, n := range numbers {
		out, err := h.refreshChecks(ctx, gh, owner, repo, n, run.GetHeadSHA(), failing)
		if err != nil {
			return strings.Join(outcomes, "; "), err
		}
		outcomes = append(outcomes, fmt.Sprintf("#%d %s", n, out))
	}
	return strings.Join(outcomes, "; "), nil
}

// pullRequestsFor names the open PRs a check run belongs to. Fork PRs arrive
// with an empty pull_requests list, so the head SHA finds them instead.
func (h *CheckRun) pullRequestsFor(ctx context.Context, gh *github.Client, owner, repo string, run *github.CheckRun) ([]int, error) {
	var numbers []int
	for _, pr := range run.PullRequests {
		if pr.GetBase().GetRepo().GetName() == repo || pr.GetBase().GetRepo() == nil {
			numbers = append(numbers, pr.GetNumber())
		}
	}
	if len(numbers) > 0 {
		return numbers, nil
	}
	return prsOfCommit(ctx, gh, owner, repo, run.GetHeadSHA())
}

// prsOfCommit names the open pull requests whose head is sha.
func prsOfCommit(ctx context.Context, gh *github.Client, owner, repo, sha string) ([]int, error) {
	prs, _, err := gh.PullRequests.ListPullRequestsWithCommit(ctx, owner, repo, sha, &github.ListOptions{PerPage: 20})
	if err != nil {
		return nil, fmt.Errorf("finding the pull request of %.7s: %w", sha, err)
	}
	var numbers []int
	for _, pr := range prs {
		if pr.GetState() == "open" && pr.GetHead().GetSHA() == sha {
			numbers = append(numbers, pr.GetNumber())
		}
	}
	return numbers, nil
}

// refreshChecks brings PR number's checks comment up to date with the checks
// and workflows of its head commit sha. A passing check only edits an
// existing comment.
func (b *Base) refreshChecks(ctx context.Context, gh *github.Client, owner, repo string, number int, sha string, failing bool) (string, error) {
	defer b.prLocks.Lock(fmt.Sprintf("%s/%s#%d", owner, repo, number))()
	t := b.thread(gh, owner, repo, number, false)
	existing, _, err := t.find(ctx, checksMarker)
	if err != nil {
		return "", err
	}
	if !failing && existing == nil {
		return "skipped: passing check and no comment to update", nil
	}
	pr, _, err := gh.PullRequests.Get(ctx, owner, repo, number)
	if err != nil {
		return "", fmt.Errorf("reading pull request #%d: %w", number, err)
	}
	if pr.GetState() != "open" {
		return "skipped: pull request is closed", nil
	}
	if pr.GetHead().GetSHA() != sha {
		return "skipped: the pull request has newer commits", nil
	}
	state, err := b.checksOf(ctx, gh, owner, repo, sha)
	if err != nil {
		return "", err
	}
	failingNow := len(state.failing) + len(state.unstarted)
	if failingNow == 0 && existing == nil {
		return "skipped: nothing failing", nil
	}
	body, rendered, err := b.checksComment(ctx, gh, owner, repo, pr, state, checksMarker)
	if err != nil {
		return "", err
	}
	out, err := b.post(ctx, t, checksMarker, body, 0)
	if err != nil {
		return "", err
	}
	if out == "unchanged" {
		return out, nil
	}
	if out == "posted" {
		out = "commented" // the checks comment's outcome, as the dashboard and logs know it
	}
	if failingNow == 0 {
		b.record(ctx, Activity{Kind: ActivityChecksGreen, Owner: owner, Repo: repo, PR: number})
		return out + ": all green", nil
	}
	for _, fc := range rendered.Failing {
		b.record(ctx, Activity{Kind: ActivityCheckExplained, Owner: owner, Repo: repo, PR: number,
			Check: fc.Name, Category: fc.Category, Verdict: fc.Verdict, Wording: rendered.Wording})
	}
	return fmt.Sprintf("%s: %d failing", out, failingNow), nil
}
