package app

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/githubtest"
)

// explainComment edits the tense issue_comment fixture into a command.
func explainComment(body, login, userType, association string) func(map[string]any) {
	return func(m map[string]any) {
		c := m["comment"].(map[string]any)
		c["body"], c["author_association"] = body, association
		c["user"] = map[string]any{"login": login, "type": userType}
	}
}

// answers returns the app's /explain answers on PR #7, anywhere.
func answers(fake *githubtest.Server) []string {
	var out []string
	for _, c := range fake.Comments(testOwner, testRepo, 7) {
		if strings.HasPrefix(c.GetBody(), "<!-- prcoach:explain:") {
			out = append(out, c.GetBody())
		}
	}
	for _, c := range fake.ReviewComments(testOwner, testRepo, 7) {
		if strings.HasPrefix(c.GetBody(), "<!-- prcoach:explain:") {
			out = append(out, c.GetBody())
		}
	}
	return out
}

func TestExplainInTheConversation(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	fake.SeedFailingPR(goTestLog)
	r := start(t, testConfig(t, fake))
	status, outcome := r.process(t, "issue_comment", "webhooks/issue_comment_tense.json", explainComment("/explain", "mona", "User", "CONTRIBUTOR"))
	if status != statusDone || !strings.Contains(outcome, "explain: 1 failing checks explained") {
		t.Fatalf("status %q outcome %q", status, outcome)
	}
	got := answers(fake)
	if len(got) != 1 || !strings.Contains(got[0], "TestParseEmpty") || !strings.Contains(got[0], "Run tests") {
		t.Fatalf("answers: %q", got)
	}
	reactions := fake.Reactions()
	if len(reactions) != 1 || reactions[0].Content != "eyes" || reactions[0].CommentID != "2100000001" {
		t.Errorf("reactions %+v, want one 👀 on the command", reactions)
	}
	// Named check, a near miss, and help.
	for _, tc := range []struct{ body, want string }{
		{"/explain test (ubuntu-latest)", "TestParseEmpty"},
		{"/explain tets (ubuntu-latest)", "Did you mean `test (ubuntu-latest)`"},
		{"/explain help", "/explain"},
	} {
		fake2 := githubtest.NewServer()
		fake2.SeedFailingPR(goTestLog)
		r2 := start(t, testConfig(t, fake2))
		r2.process(t, "issue_comment", "webhooks/issue_comment_tense.json", explainComment(tc.body, "mona", "User", "CONTRIBUTOR"))
		if got := answers(fake2); len(got) != 1 || !strings.Contains(got[0], tc.want) {
			t.Errorf("%q: answers %q, want one containing %q", tc.body, got, tc.want)
		}
		fake2.Close()
	}
}

func TestExplainWithNothingFailingAndExpiredLog(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	fake.AddPull(testOwner, testRepo, pullRequest(7, testSHA, "CONTRIBUTOR"))
	running := actionsRun(28100000020, "build", "")
	running.Status = github.String("in_progress")
	fake.SetCheckRuns(testOwner, testRepo, testSHA, actionsRun(28100000002, "test (ubuntu-latest)", "success"), running)
	r := start(t, testConfig(t, fake))
	_, outcome := r.process(t, "issue_comment", "webhooks/issue_comment_tense.json", explainComment("/explain", "mona", "User", "CONTRIBUTOR"))
	if got := answers(fake); outcome != "explain: nothing failing; skipped: tone is fine (score 0.00)" || len(got) != 1 ||
		!strings.Contains(got[0], "nothing is failing") || !strings.Contains(got[0], "`build`") {
		t.Errorf("outcome %q answers %q", outcome, got)
	}

	expired := githubtest.NewServer()
	defer expired.Close()
	expired.SeedFailingPR("")
	r2 := start(t, testConfig(t, expired))
	r2.process(t, "issue_comment", "webhooks/issue_comment_tense.json", explainComment("/explain", "mona", "User", "CONTRIBUTOR"))
	if got := answers(expired); len(got) != 1 || !strings.Contains(got[0], "expired") || !strings.Contains(got[0], "Re-running the job") {
		t.Errorf("expired log: answers %q", got)
	}
}

func TestExplainInAReviewThread(t *testing.T) {
	fake, r := toneSetup(t)
	fake.AddReviewComment(testOwner, testRepo, 7, &github.PullRequestComment{ID: github.Int64(1900000050),
		Body: github.String("Obviously `Parse` should return `nil` here. Why would you allocate?!"), Path: github.String("parser/parser.go"),
		Line: github.Int(43), User: &github.User{Login: github.String("reviewer-rae"), Type: github.String("User")}})
	status, outcome := r.process(t, "pull_request_review_comment", "webhooks/review_comment_tense.json", func(m map[string]any) {
		c := m["comment"].(map[string]any)
		c["id"], c["in_reply_to_id"], c["body"] = 1900000051, 1900000050, "/explain"
		c["user"], c["author_association"] = map[string]any{"login": "mona", "type": "User"}, "CONTRIBUTOR"
	})
	if status != statusDone || !strings.Contains(outcome, "explain: review comment explained") {
		t.Fatalf("status %q outcome %q", status, outcome)
	}
	got := answers(fake)
	if len(got) != 1 {
		t.Fatalf("answers %q", got)
	}
	for _, want := range []string{"`parser/parser.go` line 43", "`Parse`", "`nil`", "A next step", "more gently"} {
		if !strings.Contains(got[0], want) {
			t.Errorf("answer lacks %q:\n%s", want, got[0])
		}
	}
	var inThread bool
	for _, c := range fake.ReviewComments(testOwner, testRepo, 7) {
		inThread = inThread || strings.HasPrefix(c.GetBody(), "<!-- prcoach:explain:") && c.GetInReplyTo() == 1900000050
	}
	if !inThread {
		t.Error("the answer is not a reply in the review thread")
	}
}

func TestExplainAuthorisationMatrix(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	fake.SeedFailingPR(goTestLog)
	fake.SetPermission("writer", "write")
	fake.SetPermission("reader", "read")
	fake.SetPermission("flaky-api", "error")
	r := start(t, testConfig(t, fake))
	type who struct{ login, association string }
	people := []who{
		{"mona", "CONTRIBUTOR"}, // the PR's author
		{"owner-olu", "OWNER"}, {"member-mei", "MEMBER"}, {"collab-cy", "COLLABORATOR"},
		{"writer", "CONTRIBUTOR"}, {"reader", "CONTRIBUTOR"}, {"stranger", "NONE"},
		{"first-fay", "FIRST_TIME_CONTRIBUTOR"}, {"flaky-api", "NONE"},
	}
	allowed := map[string]bool{"mona": true, "owner-olu": true, "member-mei": true, "collab-cy": true, "writer": true}
	n := 0
	for _, p := range people {
		for _, userType := range []string{"User", "Bot"} {
			for _, action := range []string{"created", "edited-changed", "edited-unchanged", "deleted"} {
				n++
				name := fmt.Sprintf("%s/%s/%s", p.login, userType, action)
				login := p.login
				if userType == "Bot" {
					login += "[bot]"
				}
				id := int64(2200000000 + n)
				_, outcome := r.process(t, "issue_comment", "webhooks/issue_comment_tense.json", func(m map[string]any) {
					explainComment("/explain", login, userType, p.association)(m)
					m["comment"].(map[string]any)["id"] = id
					switch action {
					case "edited-changed":
						m["action"], m["changes"] = "edited", map[string]any{"body": map[string]any{"from": "please look"}}
					case "edited-unchanged":
						m["action"], m["changes"] = "edited", map[string]any{"body": map[string]any{"from": "/explain\n\nthanks"}}
					case "deleted":
						m["action"] = "deleted"
					}
				})
				ran := strings.Contains(outcome, "failing checks explained") || strings.Contains(outcome, "cooldown")
				denied := strings.Contains(outcome, "not allowed")
				wantRun := userType == "User" && allowed[p.login] && (action == "created" || action == "edited-changed")
				wantDenied := userType == "User" && !allowed[p.login] && (action == "created" || action == "edited-changed")
				if ran != wantRun || denied != wantDenied {
					t.Errorf("%s: outcome %q; want ran=%v denied=%v", name, outcome, wantRun, wantDenied)
				}
			}
		}
	}
}

func TestExplainCooldownAndOwnComment(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	fake.SeedFailingPR(goTestLog)
	r := start(t, testConfig(t, fake))
	var outcomes []string
	for i := 0; i < 3; i++ {
		_, o := r.process(t, "issue_comment", "webhooks/issue_comment_tense.json", func(m map[string]any) {
			explainComment("/explain", "mona", "User", "CONTRIBUTOR")(m)
			m["comment"].(map[string]any)["id"] = 2300000000 + i
		})
		outcomes = append(outcomes, o)
	}
	if !strings.Contains(outcomes[0], "explained") || !strings.HasPrefix(outcomes[1], "explain: cooldown;") || !strings.HasPrefix(outcomes[2], "explain: cooldown, already told") {
		t.Errorf("outcomes %q", outcomes)
	}
	if got := answers(fake); len(got) != 2 {
		t.Errorf("%d answers, want the explanation and one friendly cooldown note", len(got))
	}
	// The app's own comment quoting /explain changes nothing.
	before := len(fake.Requests())
	_, o := r.process(t, "issue_comment", "webhooks/issue_comment_tense.json", explainComment("<!-- prcoach:checks -->\n/explain", "prcoach[bot]", "Bot", "NONE"))
	if o != "skipped: written by a bot" || len(fake.Requests()) != before {
		t.Errorf("own comment: outcome %q, %d GitHub calls", o, len(fake.Requests())-before)
	}
}

func TestExplainAnswersPerPRAreCapped(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	fake.SeedFailingPR(goTestLog)
	fake.SetFile(testOwner, testRepo, ".github/prcoach.yml", "version: 1\nexplain:\n  max_replies_per_pr: 2\n")
	r := start(t, testConfig(t, fake))
	var outcomes []string
	for i := 0; i < 5; i++ {
		// Different people, so the per-user cooldown does not apply; the
		// per-PR cooldown is waited out by moving each answer's clock.
		_, o := r.process(t, "issue_comment", "webhooks/issue_comment_tense.json", func(m map[string]any) {
			explainComment("/explain help", fmt.Sprintf("member-%d", i), "User", "MEMBER")(m)
			m["comment"].(map[string]any)["id"] = 2400000000 + i
		})
		outcomes = append(outcomes, o)
	}
	want := []string{"explain: usage shown", "explain: usage shown", "explain: answers per pull request reached their cap", "explain: cap reached, already told", "explain: cap reached, already told"}
	for i := range want {
		if !strings.HasPrefix(outcomes[i], want[i]) {
			t.Errorf("command %d: outcome %q, want %q", i+1, outcomes[i], want[i])
		}
	}
	if got := answers(fake); len(got) != 3 {
		t.Errorf("%d answers, want 2 and one note about the cap", len(got))
	}
}

func TestDeniedExplainPostsNothing(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	fake.SeedFailingPR(goTestLog)
	r := start(t, testConfig(t, fake))
	_, o := r.process(t, "issue_comment", "webhooks/issue_comment_tense.json", explainComment("/explain", "stranger", "User", "NONE"))
	if !strings.HasPrefix(o, "explain: not allowed") || len(answers(fake)) != 0 || len(fake.Reactions()) != 0 {
		t.Errorf("outcome %q, %d answers, %d reactions", o, len(answers(fake)), len(fake.Reactions()))
	}
}

func TestEditedCommandUpdatesItsAnswer(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	fake.SeedFailingPR(goTestLog)
	r := start(t, testConfig(t, fake))
	r.process(t, "issue_comment", "webhooks/issue_comment_tense.json", explainComment("/explain", "mona", "User", "CONTRIBUTOR"))
	_, o := r.process(t, "issue_comment", "webhooks/issue_comment_tense.json", func(m map[string]any) {
		explainComment("/explain help", "mona", "User", "CONTRIBUTOR")(m)
		m["action"], m["changes"] = "edited", map[string]any{"body": map[string]any{"from": "/explain"}}
	})
	got := answers(fake)
	if !strings.HasPrefix(o, "explain: usage shown") || len(got) != 1 || strings.Contains(got[0], "TestParseEmpty") {
		t.Errorf("outcome %q, answers %q: want the one answer replaced by the usage", o, got)
	}
}
