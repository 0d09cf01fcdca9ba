package app

import (
	"strings"
	"testing"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/githubtest"
)

func TestWorkflowThatCouldNotStartIsExplained(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	fake.AddPull(testOwner, testRepo, pullRequest(7, testSHA, "CONTRIBUTOR"))
	fake.SetCheckRuns(testOwner, testRepo, testSHA, actionsRun(28100000002, "test (ubuntu-latest)", "success"))
	fake.SetWorkflowRuns(testOwner, testRepo, &github.WorkflowRun{ID: github.Int64(11900000077), Name: github.String("Release"),
		HeadSHA: github.String(testSHA), WorkflowID: github.Int64(61000001), RunAttempt: github.Int(1),
		Status: github.String("completed"), Conclusion: github.String("startup_failure"),
		HTMLURL: github.String("https://github.com/octo-org/widgets/actions/runs/11900000077")})
	fake.SetWorkflow(&github.Workflow{ID: github.Int64(61000001), Name: github.String("Release"), Path: github.String(".github/workflows/release.yml")})
	r := start(t, testConfig(t, fake))

	status, outcome := r.process(t, "workflow_run", "webhooks/workflow_run_startup_failure.json", nil)
	if status != statusDone || outcome != "#7 commented: 1 failing" {
		t.Fatalf("status %q outcome %q", status, outcome)
	}
	body := onlyComment(t, fake)
	for _, want := range []string{"`Release`: the workflow could not start", "`.github/workflows/release.yml`", "actionlint"} {
		if !strings.Contains(body, want) {
			t.Errorf("comment lacks %q:\n%s", want, body)
		}
	}
	// A passing check of the same commit keeps the workflow in the comment.
	_, outcome = r.process(t, "check_run", "webhooks/check_run_success.json", nil)
	if outcome != "#7 unchanged" || !strings.Contains(onlyComment(t, fake), "could not start") {
		t.Errorf("after a passing check: outcome %q", outcome)
	}
	// Other conclusions are left to their check runs.
	_, outcome = r.process(t, "workflow_run", "webhooks/workflow_run_startup_failure.json", func(m map[string]any) {
		m["workflow_run"].(map[string]any)["conclusion"] = "failure"
	})
	if outcome != "skipped: its check runs tell the story" {
		t.Errorf("failure conclusion: outcome %q", outcome)
	}
}
