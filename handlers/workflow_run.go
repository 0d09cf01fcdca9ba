package handlers

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/pull"
	"github.com/prcoach/prcoach/prompts"
)

// WorkflowRun adds what check runs cannot say: a GitHub Actions workflow
// that could not start at all (startup_failure) has no jobs, so no check
// run reports it. Other conclusions are covered by their check runs.
type WorkflowRun struct {
	base   *Base
	checks *checksReporter
}

// newWorkflowRun builds the workflow_run handler of b.
func newWorkflowRun(b *Base) *WorkflowRun { return &WorkflowRun{base: b, checks: b.checks} }

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
	r, err := h.base.repo(ev, e.GetRepo().GetOwner().GetLogin(), e.GetRepo().GetName())
	if err != nil {
		return "", err
	}
	var numbers []int
	for _, pr := range wr.PullRequests {
		numbers = append(numbers, pr.GetNumber())
	}
	return h.checks.refreshPulls(ctx, r, numbers, wr.GetHeadSHA(), true)
}

// unstartedCheck describes a workflow that could not start as a failing
// check for the comment, in the repository's language lang.
func unstartedCheck(u pull.Unstarted, lang string) prompts.FailingCheck {
	say := func(key string) string { return prompts.Say(lang, key, u.Path) }
	return prompts.FailingCheck{
		Name: u.Name, URL: u.URL, Conclusion: "startup_failure",
		Title: say("unstarted.title"), Category: "configuration", Verdict: "unknown",
		Reason:      say("unstarted.reason"),
		Explanation: say("unstarted.explanation"),
		NextSteps:   []string{say("unstarted.step.open"), say("unstarted.step.look"), say("unstarted.step.base")},
	}
}
