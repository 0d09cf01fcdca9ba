package handlers

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/githubtest"
)

// The checks comment's flows, one delivery at a time against the fake
// GitHub: what is posted, updated or left alone, and what it says.

// deliver runs event name from testdata/webhooks/file, changed by edit
// (nil: as it is), through h; the event's action is the payload's.
func deliver(t *testing.T, h Handler, name, file string, edit func(map[string]any)) string {
	t.Helper()
	ev := fixture(t, name, "", file)
	if edit != nil {
		ev = edited(t, ev, edit)
	}
	var p struct{ Action string }
	if err := json.Unmarshal(ev.Payload, &p); err != nil {
		t.Fatal(err)
	}
	ev.Action = p.Action
	return handle(t, h, ev)
}

// conversation is the bodies of every comment in PR #7's conversation.
func conversation(fake *githubtest.Server) []string {
	var out []string
	for _, c := range fake.Comments(githubtest.Owner, githubtest.Repo, 7) {
		out = append(out, c.GetBody())
	}
	return out
}

// onlyComment is the one comment in PR #7's conversation.
func onlyComment(t *testing.T, fake *githubtest.Server) string {
	t.Helper()
	cs := conversation(fake)
	if len(cs) != 1 {
		t.Fatalf("%d comments on #7, want exactly 1: %q", len(cs), cs)
	}
	return cs[0]
}

// golden compares body with testdata/golden/handlers/NAME.md.
func golden(t *testing.T, name, body string) {
	t.Helper()
	githubtest.Golden(t, filepath.Join("..", "testdata", "golden", "handlers", name+".md"), body)
}

// containsAll fails for each of wants that body lacks.
func containsAll(t *testing.T, body string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
}

func TestFailingCheckComment(t *testing.T) {
	fake := newFake(t)
	fake.SeedFailingPR(githubtest.GoTestLog)
	out := deliver(t, newCheckRun(newTestBase(fake)), "check_run", "check_run_failure.json", nil)
	if out != "#7 commented: 1 failing" {
		t.Fatalf("outcome %q", out)
	}
	body := onlyComment(t, fake)
	containsAll(t, body, ChecksMarker, "test (ubuntu-latest)", "TestParseEmpty", "parser_test.go:42", "Run tests")
	if strings.Contains(body, "@") {
		t.Errorf("comment contains an @:\n%s", body)
	}
	logs := fake.LogRequests()
	if len(logs) != 1 || logs[0].Auth != "" {
		t.Errorf("log downloads %+v, want one without Authorization", logs)
	}
}

func TestSecondFailureUpdatesTheSameCommentThenGreen(t *testing.T) {
	fake := newFake(t)
	fake.SeedFailingPR(githubtest.GoTestLog)
	h := newCheckRun(newTestBase(fake))
	deliver(t, h, "check_run", "check_run_failure.json", nil)
	first := onlyComment(t, fake)

	lint := githubtest.ActionsRun(28100000010, "lint", "failure")
	fake.SetCheckRuns(githubtest.Owner, githubtest.Repo, githubtest.HeadSHA, githubtest.ActionsRun(githubtest.FailingID, "test (ubuntu-latest)", "failure"), lint)
	fake.SetJob(&github.WorkflowJob{ID: lint.ID, Name: lint.Name}, "2026-11-26T07:53:00.0000000Z main.go:12:2: undefined: fmt.Printl\n2026-11-26T07:53:00.1000000Z ##[error]Process completed with exit code 1.\n")
	out := deliver(t, h, "check_run", "check_run_failure.json", func(m map[string]any) {
		cr := m["check_run"].(map[string]any)
		cr["id"], cr["name"] = 28100000010, "lint"
	})
	if !strings.Contains(out, "updated") {
		t.Fatalf("second failure: outcome %q", out)
	}
	second := onlyComment(t, fake)
	if second == first || !strings.Contains(second, "`lint`") || !strings.Contains(second, "`test (ubuntu-latest)`") {
		t.Errorf("the comment was not updated to list both checks:\n%s", second)
	}

	fake.SetCheckRuns(githubtest.Owner, githubtest.Repo, githubtest.HeadSHA,
		githubtest.ActionsRun(28100000002, "test (ubuntu-latest)", "success"), githubtest.ActionsRun(28100000011, "lint", "success"))
	if out := deliver(t, h, "check_run", "check_run_success.json", nil); !strings.Contains(out, "all green") {
		t.Fatalf("green: outcome %q", out)
	}
	green := onlyComment(t, fake)
	if strings.Contains(green, "TestParseEmpty") {
		t.Errorf("the green comment still names the failure:\n%s", green)
	}
	golden(t, "checks_all_green", green)
}

func TestPassingCheckWithoutCommentStaysQuiet(t *testing.T) {
	fake := newFake(t)
	fake.AddPull(githubtest.Owner, githubtest.Repo, githubtest.PullRequest(githubtest.Repo, 7, githubtest.HeadSHA, "MEMBER"))
	fake.SetCheckRuns(githubtest.Owner, githubtest.Repo, githubtest.HeadSHA, githubtest.ActionsRun(28100000002, "test (ubuntu-latest)", "success"))
	out := deliver(t, newCheckRun(newTestBase(fake)), "check_run", "check_run_success.json", nil)
	if !strings.HasPrefix(out, "#7 skipped") {
		t.Errorf("outcome %q", out)
	}
	if cs := conversation(fake); len(cs) != 0 {
		t.Errorf("comments %q, want none", cs)
	}
}

func TestForkPullRequestFoundByHeadSHA(t *testing.T) {
	fake := newFake(t)
	const forkSHA = "abcabcabcabcabcabcabcabcabcabcabcabcabca"
	pr := githubtest.PullRequest(githubtest.Repo, 7, forkSHA, "FIRST_TIME_CONTRIBUTOR")
	pr.Head.Repo = &github.Repository{Name: github.String("widgets"), Owner: &github.User{Login: github.String("mona")}}
	fake.AddPull(githubtest.Owner, githubtest.Repo, pr)
	run := githubtest.ActionsRun(28100000003, "test (ubuntu-latest)", "failure")
	run.HeadSHA = github.String(forkSHA)
	fake.SetCheckRuns(githubtest.Owner, githubtest.Repo, forkSHA, run)
	fake.SetJob(&github.WorkflowJob{ID: run.ID, Name: run.Name}, githubtest.GoTestLog)
	out := deliver(t, newCheckRun(newTestBase(fake)), "check_run", "check_run_fork_failure.json", nil)
	if !strings.Contains(out, "#7 commented") {
		t.Fatalf("outcome %q", out)
	}
	containsAll(t, onlyComment(t, fake), "first contribution")
}

func TestOtherCIExplainedFromOutputAndAnnotations(t *testing.T) {
	fake := newFake(t)
	fake.AddPull(githubtest.Owner, githubtest.Repo, githubtest.PullRequest(githubtest.Repo, 7, githubtest.HeadSHA, "MEMBER"))
	run := &github.CheckRun{ID: github.Int64(28100000004), Name: github.String("ci/jenkins: build"), HeadSHA: github.String(githubtest.HeadSHA),
		Status: github.String("completed"), Conclusion: github.String("failure"), App: &github.App{Slug: github.String("jenkins-ci")},
		StartedAt: &github.Timestamp{Time: time.Now()},
		Output: &github.CheckRunOutput{Title: github.String("Build failed"), Summary: github.String("1 test failed in module core"),
			Text: github.String("[INFO] Running com.octo.widgets.ParserTest\n[ERROR] Tests run: 12, Failures: 1, Errors: 0, Skipped: 0\n" +
				"[ERROR] com.octo.widgets.ParserTest.parsesEmptyInput  Time elapsed: 0.01 s  <<< FAILURE!\n" +
				"org.opentest4j.AssertionFailedError: expected: <0> but was: <1>\n[ERROR] BUILD FAILURE\n"),
			AnnotationsCount: github.Int(1)}}
	fake.SetCheckRuns(githubtest.Owner, githubtest.Repo, githubtest.HeadSHA, run)
	fake.SetAnnotations(28100000004, &github.CheckRunAnnotation{Path: github.String("core/src/test/java/com/octo/widgets/ParserTest.java"),
		StartLine: github.Int(42), EndLine: github.Int(42), AnnotationLevel: github.String("failure"),
		Message: github.String("expected: <0> but was: <1>"), Title: github.String("ParserTest.parsesEmptyInput")})
	if out := deliver(t, newCheckRun(newTestBase(fake)), "check_run", "check_run_other_ci_failure.json", nil); out != "#7 commented: 1 failing" {
		t.Fatalf("outcome %q", out)
	}
	// The analysis is handlers/ci's; its words are tested there.
	containsAll(t, onlyComment(t, fake), "parsesEmptyInput", "ci/jenkins: build")
}

// The verdict weighs the base branch, a passing attempt of the same
// commit, and the last passing log of the same job on the base branch.
func TestVerdictEvidence(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(fake *githubtest.Server)
		want  string
	}{
		{"plain failure points at the change", func(*githubtest.Server) {}, "Likely cause: this change."},
		{"also failing on the base branch", func(fake *githubtest.Server) {
			fake.SetCheckRuns(githubtest.Owner, githubtest.Repo, "main", githubtest.ActionsRun(28100000900, "test (ubuntu-latest)", "failure"))
		}, "also failing on the base branch"},
		{"passed on another attempt of the same commit", func(fake *githubtest.Server) {
			fake.SetCheckRuns(githubtest.Owner, githubtest.Repo, githubtest.HeadSHA,
				githubtest.ActionsRun(28100000000, "test (ubuntu-latest)", "success"), githubtest.ActionsRun(githubtest.FailingID, "test (ubuntu-latest)", "failure"))
		}, "Probably not this change: it looks flaky."},
		{"the same errors were in the last passing run", func(fake *githubtest.Server) {
			base := githubtest.ActionsRun(28100000901, "test (ubuntu-latest)", "success")
			fake.SetCheckRuns(githubtest.Owner, githubtest.Repo, "main", base)
			fake.SetJob(&github.WorkflowJob{ID: base.ID, Name: base.Name}, githubtest.GoTestLog)
		}, "also appeared in the last passing run"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := newFake(t)
			fake.SeedFailingPR(githubtest.GoTestLog)
			tc.setup(fake)
			deliver(t, newCheckRun(newTestBase(fake)), "check_run", "check_run_failure.json", nil)
			containsAll(t, onlyComment(t, fake), tc.want)
		})
	}
}

func TestWorkflowThatCouldNotStartIsExplained(t *testing.T) {
	fake := newFake(t)
	fake.AddPull(githubtest.Owner, githubtest.Repo, githubtest.PullRequest(githubtest.Repo, 7, githubtest.HeadSHA, "CONTRIBUTOR"))
	fake.SetCheckRuns(githubtest.Owner, githubtest.Repo, githubtest.HeadSHA, githubtest.ActionsRun(28100000002, "test (ubuntu-latest)", "success"))
	fake.SetWorkflowRuns(githubtest.Owner, githubtest.Repo, &github.WorkflowRun{ID: github.Int64(11900000077), Name: github.String("Release"),
		HeadSHA: github.String(githubtest.HeadSHA), WorkflowID: github.Int64(61000001), RunAttempt: github.Int(1),
		Status: github.String("completed"), Conclusion: github.String("startup_failure"),
		HTMLURL: github.String("https://github.com/octo-org/widgets/actions/runs/11900000077")})
	fake.SetWorkflow(&github.Workflow{ID: github.Int64(61000001), Name: github.String("Release"), Path: github.String(".github/workflows/release.yml")})
	b := newTestBase(fake)

	if out := deliver(t, newWorkflowRun(b), "workflow_run", "workflow_run_startup_failure.json", nil); out != "#7 commented: 1 failing" {
		t.Fatalf("outcome %q", out)
	}
	body := onlyComment(t, fake)
	containsAll(t, body, "`Release`: the workflow could not start", "`.github/workflows/release.yml`", "actionlint")
	golden(t, "checks_workflow_not_started", body)
	// A passing check of the same commit keeps the workflow in the comment.
	if out := deliver(t, newCheckRun(b), "check_run", "check_run_success.json", nil); out != "#7 unchanged" {
		t.Errorf("after a passing check: outcome %q", out)
	}
	containsAll(t, onlyComment(t, fake), "could not start")
	// Other conclusions are left to their check runs.
	out := deliver(t, newWorkflowRun(b), "workflow_run", "workflow_run_startup_failure.json", func(m map[string]any) {
		m["workflow_run"].(map[string]any)["conclusion"] = "failure"
	})
	if out != "skipped: its check runs tell the story" {
		t.Errorf("failure conclusion: outcome %q", out)
	}
}
