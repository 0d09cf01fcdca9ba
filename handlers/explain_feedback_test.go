package handlers

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/prcoach/prcoach/handlers/command"
	"github.com/prcoach/prcoach/handlers/feedback"
	"github.com/prcoach/prcoach/handlers/githubtest"
)

// asPerson turns the tense issue comment into body by login, whose
// association with the repository is association.
func asPerson(login, association, body string) func(map[string]any) {
	return func(m map[string]any) {
		c := m["comment"].(map[string]any)
		c["body"], c["author_association"] = body, association
		c["user"] = map[string]any{"login": login, "type": "User"}
	}
}

// feedbackPR is failing PR #7 with its checks comment posted by b.
func feedbackPR(t *testing.T, s stores) (*githubtest.Server, *Base) {
	t.Helper()
	fake := newFake(t)
	fake.SeedFailingPR(githubtest.GoTestLog)
	b := newStoredBase(fake, s)
	handle(t, newCheckRun(b), fixture(t, "check_run", "completed", "check_run_failure.json"))
	return fake, b
}

// say delivers body as a comment on #7 by login with association.
func say(t *testing.T, b *Base, login, association, body string) string {
	t.Helper()
	return handle(t, newComments(b), edited(t, fixture(t, "issue_comment", "created", "issue_comment_tense.json"), asPerson(login, association, body)))
}

// checksBody is the body of the app's checks comment on #7.
func checksBody(t *testing.T, fake *githubtest.Server) string {
	t.Helper()
	for _, c := range fake.Comments(githubtest.Owner, githubtest.Repo, 7) {
		if c.GetUser().GetLogin() == fake.AppLogin && strings.HasPrefix(c.GetBody(), ChecksMarker) {
			return c.GetBody()
		}
	}
	t.Fatal("no checks comment on #7")
	return ""
}

// answer is the app's answer to the command comment on #7.
func answer(t *testing.T, fake *githubtest.Server) string {
	t.Helper()
	for _, c := range fake.Comments(githubtest.Owner, githubtest.Repo, 7) {
		if c.GetUser().GetLogin() == fake.AppLogin && strings.HasPrefix(c.GetBody(), "<!-- prcoach:explain:") {
			return c.GetBody()
		}
	}
	t.Fatal("no /explain answer on #7")
	return ""
}

// A maintainer's /explain flaky turns the checks comment's verdict into
// flaky, with the history shown, and is kept once per person and PR.
func TestExplainFlakyChangesTheNextVerdict(t *testing.T) {
	s := newStores()
	fake, b := feedbackPR(t, s)
	before := checksBody(t, fake)
	if !strings.Contains(before, "Likely cause: this change.") {
		t.Fatalf("the first comment should blame the change, so the test shows a change:\n%s", before)
	}
	out := say(t, b, "maintainer-max", "MEMBER", "/explain flaky")
	if !strings.Contains(out, "explain: 1 failures marked flaky; checks comment updated") {
		t.Errorf("outcome %q", out)
	}
	if got := answer(t, fake); !strings.Contains(got, "Thanks, noted: this failure of `test (ubuntu-latest)` is flaky here.") {
		t.Errorf("answer:\n%s", got)
	}
	githubtest.Golden(t, filepath.Join("..", "testdata", "golden", "handlers", "checks_after_explain_flaky.md"), checksBody(t, fake))
	want := []feedback.EventKind{feedback.Failed, feedback.MarkedFlaky}
	if diff := cmp.Diff(want, s.history.kinds()); diff != "" {
		t.Errorf("history events (-want +got):\n%s", diff)
	}
	if r := s.votes.records[checksCommentID(t, fake)]; r.Labels.Verdict != "flaky" {
		t.Errorf("the updated comment is labelled %q, want flaky", r.Labels.Verdict)
	}
}

// A maintainer's /explain wrong keeps the correction with its reason
// redacted, marks the comment corrected, and the comment stops making the
// claim: no verdict, a line saying why, the facts kept.
func TestExplainWrongStopsTheClaim(t *testing.T) {
	s := newStores()
	fake, b := feedbackPR(t, s)
	token := "ghp_" + strings.Repeat("Zq7", 12)
	out := say(t, b, "owner-olu", "OWNER", "/explain wrong: the parser test is broken on main, see "+token)
	if !strings.Contains(out, "explain: 1 claims corrected; checks comment updated") {
		t.Errorf("outcome %q", out)
	}
	body := checksBody(t, fake)
	if strings.Contains(body, "Likely cause: this change.") {
		t.Errorf("the corrected claim is made again:\n%s", body)
	}
	githubtest.Golden(t, filepath.Join("..", "testdata", "golden", "handlers", "checks_after_explain_wrong.md"), body)
	if len(s.corrections.all) != 1 {
		t.Fatalf("%d corrections, want 1", len(s.corrections.all))
	}
	c := s.corrections.all[0]
	if strings.Contains(c.Reason, token) || !strings.Contains(c.Reason, "the parser test is broken on main") {
		t.Errorf("reason kept as %q, want it redacted", c.Reason)
	}
	want := feedback.Labels{Kind: feedback.KindChecks, Category: "test", Verdict: "change", KnownFailure: "go-test-failure"}
	if diff := cmp.Diff(want, c.Claim); diff != "" || c.Actor != "owner-olu" || c.Comment.ID != checksCommentID(t, fake) {
		t.Errorf("claim (-want +got), by %q on %d:\n%s", c.Actor, c.Comment.ID, diff)
	}
	recs, _ := s.votes.Records(t.Context(), "octo-org/widgets")
	for _, r := range recs {
		if r.Comment.ID == c.Comment.ID && (!r.Corrected || r.Labels.Verdict != "unknown") {
			t.Errorf("checks comment record %+v, want corrected and labelled unknown", r)
		}
	}
	// A later failure on the PR (a redelivery) does not bring the claim back.
	handle(t, newCheckRun(b), fixture(t, "check_run", "completed", "check_run_failure.json"))
	if got := checksBody(t, fake); got != body {
		t.Errorf("the next update changed the corrected comment:\n%s", got)
	}
}

// Only maintainers may mark: the PR's author, who may use /explain, gets
// the note and nothing is kept; a stranger gets nothing at all; someone
// whose write access shows only through the permission API is a
// maintainer.
func TestFeedbackCommandsAreForMaintainers(t *testing.T) {
	tests := []struct {
		name        string
		login       string
		association string
		permission  string
		outcome     string
		answer      string // "" for no answer
		kept        int
	}{
		{"the PR's author", "mona", "CONTRIBUTOR", "read", "explain: Flaky needs a maintainer", command.NotMaintainer, 0},
		{"a stranger", "passer-by", "NONE", "none", "explain: not allowed for this user", "", 0},
		{"a private org member", "quiet-member", "CONTRIBUTOR", "write", "explain: 1 failures marked flaky", "is flaky here", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStores()
			fake, b := feedbackPR(t, s)
			fake.SetPermission(tt.login, tt.permission)
			if out := say(t, b, tt.login, tt.association, "/explain flaky"); !strings.HasPrefix(out, tt.outcome) {
				t.Errorf("outcome %q, want it to start %q", out, tt.outcome)
			}
			marked := 0
			for _, k := range s.history.kinds() {
				if k == feedback.MarkedFlaky {
					marked++
				}
			}
			if marked != tt.kept {
				t.Errorf("%d marks kept, want %d", marked, tt.kept)
			}
			var answers []string
			for _, c := range fake.Comments(githubtest.Owner, githubtest.Repo, 7) {
				if strings.HasPrefix(c.GetBody(), "<!-- prcoach:explain:") {
					answers = append(answers, c.GetBody())
				}
			}
			switch {
			case tt.answer == "" && (len(answers) != 0 || len(fake.Reactions()) != 0):
				t.Errorf("a stranger got %d answers and %d reactions, want none", len(answers), len(fake.Reactions()))
			case tt.answer != "" && (len(answers) != 1 || !strings.Contains(answers[0], tt.answer)):
				t.Errorf("answers %q, want one saying %q", answers, tt.answer)
			}
		})
	}
}

// Without stores, /explain flaky and /explain wrong say plainly that
// nothing can be kept, and the checks comment is the one without stores.
func TestFeedbackCommandsWithoutStores(t *testing.T) {
	for _, body := range []string{"/explain flaky", "/explain wrong it is the runner"} {
		t.Run(body, func(t *testing.T) {
			fake := newFake(t)
			fake.SeedFailingPR(githubtest.GoTestLog)
			b := newTestBase(fake)
			handle(t, newCheckRun(b), fixture(t, "check_run", "completed", "check_run_failure.json"))
			before := checksBody(t, fake)
			if out := say(t, b, "maintainer-max", "MEMBER", body); !strings.Contains(out, "not kept") {
				t.Errorf("outcome %q", out)
			}
			if got := answer(t, fake); !strings.Contains(got, "this installation of PR Coach has nowhere to store it") {
				t.Errorf("answer:\n%s", got)
			}
			if got := checksBody(t, fake); got != before {
				t.Errorf("the checks comment changed:\n%s", got)
			}
		})
	}
}

// After /explain flaky on one PR, the same error on another PR is called
// flaky from the start, and says it was seen flaky here before.
func TestExplainFlakyReachesOtherPRs(t *testing.T) {
	s := newStores()
	fake, b := feedbackPR(t, s)
	say(t, b, "maintainer-max", "MEMBER", "/explain flaky")
	fake.AddPull(githubtest.Owner, githubtest.Repo, githubtest.PullRequest(githubtest.Repo, 8, githubtest.HeadSHA, "CONTRIBUTOR"))
	ev := edited(t, fixture(t, "check_run", "completed", "check_run_failure.json"), func(m map[string]any) {
		run := m["check_run"].(map[string]any)
		pr := run["pull_requests"].([]any)[0].(map[string]any)
		pr["number"] = 8
	})
	if out := handle(t, newCheckRun(b), ev); out != "#8 commented: 1 failing" {
		t.Fatalf("outcome %q", out)
	}
	var body string
	for _, c := range fake.Comments(githubtest.Owner, githubtest.Repo, 8) {
		body = c.GetBody()
	}
	for _, want := range []string{"**Probably not this change: it looks flaky.**", "_Seen flaky here before (1 time): a maintainer marked this exact error flaky. This exact error failed on 1 other pull request in the past week._"} {
		if !strings.Contains(body, want) {
			t.Errorf("PR #8's comment lacks %q:\n%s", want, body)
		}
	}
}
