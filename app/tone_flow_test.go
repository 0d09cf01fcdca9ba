package app

import (
	"strings"
	"testing"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/githubtest"
)

// toneSetup is a PR #7 whose thread holds the reviewer's tense comment.
func toneSetup(t *testing.T) (*githubtest.Server, *running) {
	t.Helper()
	fake := githubtest.NewServer()
	t.Cleanup(fake.Close)
	fake.AddPull(testOwner, testRepo, pullRequest(7, testSHA, "CONTRIBUTOR"))
	fake.AddReviewComment(testOwner, testRepo, 7, &github.PullRequestComment{ID: github.Int64(1900000001),
		Body: github.String("Why would you …"), User: &github.User{Login: github.String("reviewer-rae"), Type: github.String("User")}})
	return fake, start(t, testConfig(t, fake))
}

// suggestions returns the app's replies in review threads of PR #7.
func suggestions(fake *githubtest.Server) []github.PullRequestComment {
	var out []github.PullRequestComment
	for _, c := range fake.ReviewComments(testOwner, testRepo, 7) {
		if c.GetUser().GetType() == "Bot" {
			out = append(out, c)
		}
	}
	return out
}

// One signed tense review comment, through the intake and the queue, gets
// one reply in its thread. When a reply is updated, removed or withheld is
// handlers' (handlers/tone_flow_test.go).
func TestTenseReviewCommentGetsOneGentleReplyInTheThread(t *testing.T) {
	fake, r := toneSetup(t)
	status, outcome := r.process(t, "pull_request_review_comment", "webhooks/review_comment_tense.json", nil)
	if status != statusDone || !strings.Contains(outcome, "tone suggestion posted") {
		t.Fatalf("status %q outcome %q", status, outcome)
	}
	got := suggestions(fake)
	if len(got) != 1 {
		t.Fatalf("%d replies, want 1", len(got))
	}
	reply := got[0]
	if reply.GetInReplyTo() != 1900000001 {
		t.Errorf("reply answers %d, want the thread's comment 1900000001", reply.GetInReplyTo())
	}
	body := reply.GetBody()
	for _, want := range []string{"<!-- prcoach:tone:review_comment:1900000001 -->", "`Parse(\"\")`", "`nil`", "> ", "reviewer-rae"} {
		if !strings.Contains(body, want) {
			t.Errorf("reply lacks %q:\n%s", want, body)
		}
	}
	for _, harsh := range []string{"idiot", "sloppy", "@reviewer-rae"} {
		if strings.Contains(strings.ToLower(body), harsh) {
			t.Errorf("reply repeats %q:\n%s", harsh, body)
		}
	}
}
