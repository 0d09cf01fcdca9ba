package handlers

import (
	"context"
	"errors"
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
	h := newCheckRun(b)
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
	handle(t, newCheckRun(newStoredBase(fake, s)), fixture(t, "check_run", "completed", "check_run_failure.json"))
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
	handle(t, newCheckRun(b), fixture(t, "check_run", "completed", "check_run_failure.json"))
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
		handle(t, newCheckRun(b), fixture(t, "check_run", "completed", "check_run_failure.json"))
		bodies[stored] = checksBody(t, fake)
	}
	if diff := cmp.Diff(bodies[false], bodies[true]); diff != "" {
		t.Errorf("without stores (-) and with empty ones (+):\n%s", diff)
	}
}

// brokenStores fail every call, as a database that is down does.
type brokenStores struct{}

var errDown = errors.New("database is down")

func (brokenStores) Label(context.Context, feedback.CommentRef, feedback.Labels, time.Time) error {
	return errDown
}
func (brokenStores) SaveTally(context.Context, feedback.CommentRef, feedback.Tally, time.Time) error {
	return errDown
}
func (brokenStores) MarkCorrected(context.Context, feedback.CommentRef) error { return errDown }
func (brokenStores) Records(context.Context, string) ([]feedback.Record, error) {
	return nil, errDown
}
func (brokenStores) Record(context.Context, feedback.Event) (feedback.History, error) {
	return feedback.History{}, errDown
}
func (brokenStores) Lookup(context.Context, string, string) (feedback.History, bool, error) {
	return feedback.History{}, false, errDown
}
func (brokenStores) AddCorrection(context.Context, feedback.Correction) error { return errDown }
func (brokenStores) Corrections(context.Context, string, int) ([]feedback.Correction, error) {
	return nil, errDown
}

// Stores that fail never keep the checks comment from going out, nor
// change it; a maintainer's command that cannot be kept fails the
// delivery, so it is retried rather than answered wrongly.
func TestFailingStoresLeaveTheCommentAlone(t *testing.T) {
	fake := newFake(t)
	fake.SeedFailingPR(githubtest.GoTestLog)
	b := NewBase(Options{Clients: fake.Clients(), Votes: brokenStores{}, History: brokenStores{}, Corrections: brokenStores{}})
	handle(t, newCheckRun(b), fixture(t, "check_run", "completed", "check_run_failure.json"))
	githubtest.Golden(t, filepath.Join("..", "testdata", "golden", "handlers", "checks_failing.md"), checksBody(t, fake))
	ev := edited(t, fixture(t, "issue_comment", "created", "issue_comment_tense.json"), asPerson("maintainer-max", "MEMBER", "/explain wrong"))
	if _, err := (newComments(b)).Handle(context.Background(), ev); !errors.Is(err, errDown) {
		t.Errorf("error %v, want the store's", err)
	}
}
