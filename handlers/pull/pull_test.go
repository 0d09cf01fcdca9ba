package pull

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/githubtest"
)

// repoOn reads githubtest's repository through the fake.
func repoOn(t *testing.T) (*githubtest.Server, Repo) {
	t.Helper()
	fake := githubtest.NewServer()
	t.Cleanup(fake.Close)
	gh, err := fake.Clients().Installation(42)
	if err != nil {
		t.Fatal(err)
	}
	return fake, Repo{GH: gh, Owner: githubtest.Owner, Name: githubtest.Repo}
}

func TestPullAndPullsOfCommit(t *testing.T) {
	fake, r := repoOn(t)
	fake.AddPull(githubtest.Owner, githubtest.Repo, githubtest.PullRequest(githubtest.Repo, 7, githubtest.HeadSHA, "FIRST_TIME_CONTRIBUTOR"))
	fake.AddPull(githubtest.Owner, githubtest.Repo, githubtest.PullRequest(githubtest.Repo, 8, "0000000000000000000000000000000000000001", "MEMBER"))
	pr, err := r.Pull(context.Background(), 7)
	if err != nil {
		t.Fatal(err)
	}
	want := PR{Owner: githubtest.Owner, Repo: githubtest.Repo, Number: 7, HeadSHA: githubtest.HeadSHA, BaseRef: "main",
		Open: true, AuthorAssociation: "FIRST_TIME_CONTRIBUTOR"}
	if diff := cmp.Diff(want, pr); diff != "" {
		t.Errorf("Pull (-want +got):\n%s", diff)
	}
	if !pr.FirstTimer() {
		t.Error("a first-time contributor's PR: FirstTimer() = false")
	}
	numbers, err := r.PullsOfCommit(context.Background(), githubtest.HeadSHA)
	if err != nil || !cmp.Equal(numbers, []int{7}) {
		t.Errorf("PullsOfCommit = %v, %v; want [7]", numbers, err)
	}
}

func TestChecksKeepsTheNewestRunPerNameAndWhatPassedOnce(t *testing.T) {
	fake, r := repoOn(t)
	older := githubtest.ActionsRun(1, "test", "success")
	newer := githubtest.ActionsRun(2, "test", "failure")
	newer.StartedAt = &github.Timestamp{Time: older.GetStartedAt().Add(time.Minute)}
	lint := githubtest.ActionsRun(3, "lint", "failure")
	fake.SetCheckRuns(githubtest.Owner, githubtest.Repo, githubtest.HeadSHA, newer, lint, older)
	cs, err := r.Checks(context.Background(), githubtest.HeadSHA)
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, run := range cs.Latest {
		got = append(got, run.GetID())
	}
	if diff := cmp.Diff([]int64{3, 2}, got); diff != "" {
		t.Errorf("latest run IDs by name (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]bool{"test": true}, cs.PassedOnce); diff != "" {
		t.Errorf("passed once (-want +got):\n%s", diff)
	}
}

func TestBaseRunIsTheNewestCompletedRun(t *testing.T) {
	fake, r := repoOn(t)
	done := githubtest.ActionsRun(10, "test", "success")
	running := githubtest.ActionsRun(11, "test", "")
	running.Status = github.String("in_progress")
	fake.SetCheckRuns(githubtest.Owner, githubtest.Repo, "main", done, running)
	run, err := r.BaseRun(context.Background(), "main", "test")
	if err != nil || run.GetID() != 10 {
		t.Errorf("BaseRun = %d, %v; want run 10", run.GetID(), err)
	}
	if run, err := r.BaseRun(context.Background(), "", "test"); run != nil || err != nil {
		t.Errorf("no base ref: BaseRun = %v, %v; want nil, nil", run, err)
	}
}

func TestJobLogFollowsTheRedirectWithoutTheToken(t *testing.T) {
	fake, r := repoOn(t)
	fake.SeedFailingPR(githubtest.GoTestLog)
	body, err := r.JobLog(context.Background(), http.DefaultClient, githubtest.FailingID)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := io.ReadAll(body)
	body.Close()
	if !strings.Contains(string(text), "TestParseEmpty") {
		t.Errorf("log text:\n%s", text)
	}
	reqs := fake.LogRequests()
	if len(reqs) != 1 || reqs[0].Auth != "" {
		t.Errorf("log storage got %d requests, first Authorization %q; want one without credentials", len(reqs), reqs[0].Auth)
	}
	step, err := r.FailedStep(context.Background(), githubtest.FailingID)
	if err != nil || step != "Run tests" {
		t.Errorf("FailedStep = %q, %v; want Run tests", step, err)
	}
}

func TestJobLogExpired(t *testing.T) {
	fake, r := repoOn(t)
	fake.SeedFailingPR("")
	if _, err := r.JobLog(context.Background(), http.DefaultClient, githubtest.FailingID); !errors.Is(err, ErrLogExpired) {
		t.Errorf("expired log: err %v, want ErrLogExpired", err)
	}
}

func TestUnstartedNamesTheWorkflowFile(t *testing.T) {
	fake, r := repoOn(t)
	fake.SetWorkflow(&github.Workflow{ID: github.Int64(5), Path: github.String(".github/workflows/ci.yml")})
	fake.SetWorkflowRuns(githubtest.Owner, githubtest.Repo,
		&github.WorkflowRun{ID: github.Int64(100), WorkflowID: github.Int64(5), Name: github.String("CI"), HeadSHA: github.String(githubtest.HeadSHA),
			Conclusion: github.String("startup_failure"), HTMLURL: github.String("https://github.com/r/1")},
		&github.WorkflowRun{ID: github.Int64(101), WorkflowID: github.Int64(6), Name: github.String("Docs"), HeadSHA: github.String(githubtest.HeadSHA),
			Conclusion: github.String("success")})
	got, err := r.Unstarted(context.Background(), githubtest.HeadSHA)
	if err != nil {
		t.Fatal(err)
	}
	want := []Unstarted{{Name: "CI", URL: "https://github.com/r/1", Path: ".github/workflows/ci.yml"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Unstarted (-want +got):\n%s", diff)
	}
}

func TestFailing(t *testing.T) {
	for conclusion, want := range map[string]bool{"failure": true, "timed_out": true, "startup_failure": true, "cancelled": false, "success": false, "": false} {
		if got := Failing(conclusion); got != want {
			t.Errorf("Failing(%q) = %v, want %v", conclusion, got, want)
		}
	}
}
