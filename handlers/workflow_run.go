package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/prompts"
)

// WorkflowRun adds what check runs cannot say: a GitHub Actions workflow
// that could not start at all (startup_failure) has no jobs, so no check
// run reports it. Other conclusions are covered by their check runs.
type WorkflowRun struct{ *Base }

// Events implements Handler.
func (h *WorkflowRun) Events() map[string][]string {
	return map[string][]string{"workflow_run": {"completed"}}
}

// Permissions implements Handler.
func (h *WorkflowRun) Permissions() map[string]string {
	return map[string]string{"actions": "read"} // workflow runs of a commit
}

// Handle implements Handler.
func (h *WorkflowRun) Handle(ctx context.Context, ev Event) (string, error) {
	var e github.WorkflowRunEvent
	if err := json.Unmarshal(ev.Payload, &e); err != nil {
		return "", Permanent(fmt.Errorf("decoding workflow_run: %w", err))
	}
	wr := e.GetWorkflowRun()
	if wr.GetConclusion() != "startup_failure" {
		return "skipped: its check runs tell the story", nil
	}
	if h.clients == nil {
		return "", Permanent(fmt.Errorf("no GitHub App credentials configured"))
	}
	owner, repo, sha := e.GetRepo().GetOwner().GetLogin(), e.GetRepo().GetName(), wr.GetHeadSHA()
	gh, err := h.clients.Installation(ev.InstallationID)
	if err != nil {
		return "", err
	}
	var numbers []int
	for _, pr := range wr.PullRequests {
		numbers = append(numbers, pr.GetNumber())
	}
	if len(numbers) == 0 {
		if numbers, err = prsOfCommit(ctx, gh, owner, repo, sha); err != nil {
			return "", err
		}
	}
	if len(numbers) == 0 {
		return "skipped: not on an open pull request", nil
	}
	var outcomes []string
	for _, n := range numbers {
		out, err := h.refreshChecks(ctx, gh, owner, repo, n, sha, true)
		if err != nil {
			return strings.Join(outcomes, "; "), err
		}
		outcomes = append(outcomes, fmt.Sprintf("#%d %s", n, out))
	}
	return strings.Join(outcomes, "; "), nil
}

// startupFailures lists the workflows of sha whose latest run could not
// start, as failing checks for the comment.
func startupFailures(ctx context.Context, gh *github.Client, owner, repo, sha string) ([]prompts.FailingCheck, error) {
	runs, _, err := gh.Actions.ListRepositoryWorkflowRuns(ctx, owner, repo,
		&github.ListWorkflowRunsOptions{HeadSHA: sha, ListOptions: github.ListOptions{PerPage: 100}})
	if err != nil {
		return nil, fmt.Errorf("listing workflow runs of %.7s: %w", sha, err)
	}
	latest := map[int64]*github.WorkflowRun{}
	for _, r := range runs.WorkflowRuns {
		key := r.GetWorkflowID()
		if cur, ok := latest[key]; !ok || r.GetRunAttempt() > cur.GetRunAttempt() || r.GetID() > cur.GetID() {
			latest[key] = r
		}
	}
	var out []prompts.FailingCheck
	for _, r := range latest {
		if r.GetConclusion() != "startup_failure" {
			continue
		}
		// Runs of this go-github version do not carry the file's path; the
		// workflow does. Only runs that could not start cost this call.
		path := r.GetName()
		if wf, _, err := gh.Actions.GetWorkflowByID(ctx, owner, repo, r.GetWorkflowID()); err == nil && wf.GetPath() != "" {
			path = wf.GetPath()
		}
		out = append(out, prompts.FailingCheck{
			Name: r.GetName(), URL: r.GetHTMLURL(), Conclusion: "startup_failure",
			Title: "the workflow could not start", Category: "configuration", Verdict: "unknown",
			Reason:      "GitHub stopped before any job ran, which means it found a problem in the workflow file `" + path + "` itself.",
			Explanation: "No code was built or tested, so nothing in the change's code is at fault here; the workflow definition is.",
			NextSteps: []string{
				"Open the run on GitHub: the message at its top names the line in `" + path + "`.",
				"Look for indentation, an unknown input of an action, or an invalid `${{ }}` expression; `actionlint` finds most of these locally.",
				"If this pull request did not touch `" + path + "`, the base branch likely has the same problem.",
			},
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}
