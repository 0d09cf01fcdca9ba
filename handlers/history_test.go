package handlers

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/feedback"
	"github.com/prcoach/prcoach/handlers/githubtest"
)

// A failure is kept under its signature once per attempt; the same check
// passing on a re-run of the commit is kept once, however often GitHub
// delivers it.
func TestHistoryKeepsFailuresAndPassesOnRerun(t *testing.T) {
	s := newStores()
	_, b := feedbackPR(t, s)
	h := &CheckRun{b}
	handle(t, h, fixture(t, "check_run", "completed", "check_run_failure.json"))
	for range 2 {
		handle(t, h, fixture(t, "check_run", "completed", "check_run_success.json"))
	}
	want := []feedback.EventKind{feedback.Failed, feedback.PassedOnRerun}
	if diff := cmp.Diff(want, s.history.kinds()); diff != "" {
		t.Errorf("history events (-want +got):\n%s", diff)
	}
	e := s.history.events[0]
	if !e.Signature.Specific() || e.Repo != "octo-org/widgets" || e.PR != 7 || e.RunID != githubtest.FailingID {
		t.Errorf("failure kept as %+v", e)
	}
	if strings.Contains(e.Signature.ID, "TestParseEmpty") || e.Signature.ID == "" {
		t.Errorf("signature ID %q, want an opaque key", e.Signature.ID)
	}
}

// The base branch failing the same check is kept, and the comment says so.
func TestHistoryKeepsBaseBranchFailures(t *testing.T) {
	s := newStores()
	fake := newFake(t)
	fake.SeedFailingPR(githubtest.GoTestLog)
	base := githubtest.ActionsRun(githubtest.FailingID+50, "test (ubuntu-latest)", "failure")
	base.HeadSHA = github.String("1111111111111111111111111111111111111111")
	fake.SetCheckRuns(githubtest.Owner, githubtest.Repo, "main", base)
	fake.SetJob(&github.WorkflowJob{ID: base.ID, Name: base.Name}, githubtest.GoTestLog)
	handle(t, &CheckRun{newStoredBase(fake, s)}, fixture(t, "check_run", "completed", "check_run_failure.json"))
	want := []feedback.EventKind{feedback.FailedOnBase, feedback.Failed}
	if diff := cmp.Diff(want, s.history.kinds()); diff != "" {
		t.Errorf("history events (-want +got):\n%s", diff)
	}
	if body := checksBody(t, fake); !strings.Contains(body, "_It also failed on the base branch in the last two days._") {
		t.Errorf("the comment does not show the base branch's failure:\n%s", body)
	}
}

// Without any maintainer's word, a history of passes on re-run across
// other PRs turns the verdict flaky and the comment shows the evidence.
func TestHistoryEvidenceTurnsTheVerdictFlaky(t *testing.T) {
	s := newStores()
	fake, b := feedbackPR(t, s)
	sig := s.history.events[0].Signature
	now := time.Now()
	for i, pr := range []int{3, 4, 5} {
		sha := strings.Repeat(string(rune('a'+i)), 40)
		for _, e := range []feedback.Event{
			{Kind: feedback.Failed, PR: pr, HeadSHA: sha, Check: "test (ubuntu-latest)", RunID: int64(100 + i), At: now.Add(-time.Hour)},
			{Kind: feedback.PassedOnRerun, HeadSHA: sha, Check: "test (ubuntu-latest)", At: now.Add(-time.Hour)},
		} {
			e.Repo, e.Signature = "octo-org/widgets", sig
			if _, err := s.history.Record(t.Context(), e); err != nil {
				t.Fatal(err)
			}
		}
	}
	handle(t, &CheckRun{b}, fixture(t, "check_run", "completed", "check_run_failure.json"))
	githubtest.Golden(t, filepath.Join("..", "testdata", "golden", "handlers", "checks_flaky_by_history.md"), checksBody(t, fake))
}

// With stores that hold nothing yet, the first checks comment is the one
// written without stores: only what was learned changes a comment.
func TestEmptyStoresChangeNothing(t *testing.T) {
	bodies := map[bool]string{}
	for _, stored := range []bool{false, true} {
		fake := newFake(t)
		fake.SeedFailingPR(githubtest.GoTestLog)
		b := newTestBase(fake)
		if stored {
			b = newStoredBase(fake, newStores())
		}
		handle(t, &CheckRun{b}, fixture(t, "check_run", "completed", "check_run_failure.json"))
		bodies[stored] = checksBody(t, fake)
	}
	if diff := cmp.Diff(bodies[false], bodies[true]); diff != "" {
		t.Errorf("without stores (-) and with empty ones (+):\n%s", diff)
	}
}
