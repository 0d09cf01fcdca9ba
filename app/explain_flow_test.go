package app

import (
	"strings"
	"testing"

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

// One signed /explain comment, through the intake and the queue, is
// acknowledged with 👀 and answered. Who may ask, where answers go and
// their limits are handlers' (handlers/explain_flow_test.go).
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
}
