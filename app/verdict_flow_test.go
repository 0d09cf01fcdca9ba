package app

import (
	"strings"
	"testing"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/githubtest"
)

// TestVerdictEvidence checks the evidence the comment's verdict weighs:
// the base branch, a passing attempt of the same commit, and the last
// passing log of the same job on the base branch.
func TestVerdictEvidence(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(fake *githubtest.Server)
		want  string
	}{
		{"plain failure points at the change", func(*githubtest.Server) {}, "Likely cause: this change."},
		{"also failing on the base branch", func(fake *githubtest.Server) {
			fake.SetCheckRuns(testOwner, testRepo, "main", actionsRun(28100000900, "test (ubuntu-latest)", "failure"))
		}, "also failing on the base branch"},
		{"passed on another attempt of the same commit", func(fake *githubtest.Server) {
			fake.SetCheckRuns(testOwner, testRepo, testSHA,
				actionsRun(28100000000, "test (ubuntu-latest)", "success"), actionsRun(28100000001, "test (ubuntu-latest)", "failure"))
		}, "Probably not this change: it looks flaky."},
		{"the same errors were in the last passing run", func(fake *githubtest.Server) {
			base := actionsRun(28100000901, "test (ubuntu-latest)", "success")
			fake.SetCheckRuns(testOwner, testRepo, "main", base)
			fake.SetJob(&github.WorkflowJob{ID: base.ID, Name: base.Name}, goTestLog)
		}, "also appeared in the last passing run"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := githubtest.NewServer()
			defer fake.Close()
			fake.SeedFailingPR(goTestLog)
			tc.setup(fake)
			r := start(t, testConfig(t, fake))
			if status, _ := r.process(t, "check_run", "webhooks/check_run_failure.json", nil); status != statusDone {
				t.Fatalf("status %q", status)
			}
			if body := onlyComment(t, fake); !strings.Contains(body, tc.want) {
				t.Errorf("comment lacks %q:\n%s", tc.want, body)
			}
		})
	}
}
