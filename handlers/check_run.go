package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/pull"
)

// CheckRun keeps one comment on a pull request that explains its failing
// checks, and says so when they pass again.
type CheckRun struct {
	base   *Base
	checks *checksReporter
}

// newCheckRun builds the check_run handler of b.
func newCheckRun(b *Base) *CheckRun { return &CheckRun{base: b, checks: b.checks} }

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
	r, err := h.base.repo(ev, owner, repo)
	if err != nil {
		return "", err
	}
	// Fork PRs arrive with an empty pull_requests list; the head SHA finds them.
	var numbers []int
	for _, pr := range run.PullRequests {
		if pr.GetBase().GetRepo().GetName() == repo || pr.GetBase().GetRepo() == nil {
			numbers = append(numbers, pr.GetNumber())
		}
	}
	if run.GetConclusion() == "success" {
		h.checks.notePassed(ctx, r, run.GetHeadSHA(), run.GetName())
	}
	return h.checks.refreshPulls(ctx, r, numbers, run.GetHeadSHA(), pull.Failing(run.GetConclusion()))
}
