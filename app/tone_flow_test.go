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

	// The same delivery's twin (a redelivery with a new GUID) changes nothing.
	_, outcome = r.process(t, "pull_request_review_comment", "webhooks/review_comment_tense.json", nil)
	if !strings.Contains(outcome, "unchanged") || len(suggestions(fake)) != 1 {
		t.Errorf("second pass: outcome %q, %d replies", outcome, len(suggestions(fake)))
	}

	// Edited into a calm comment: the suggestion goes away.
	_, outcome = r.process(t, "pull_request_review_comment", "webhooks/review_comment_edited_calm.json", nil)
	if outcome != "tone suggestion removed" || len(suggestions(fake)) != 0 {
		t.Errorf("after a calm edit: outcome %q, %d replies", outcome, len(suggestions(fake)))
	}
}

func TestEditedStillTenseUpdatesThenDeletedRemoves(t *testing.T) {
	fake, r := toneSetup(t)
	r.process(t, "pull_request_review_comment", "webhooks/review_comment_tense.json", nil)
	first := suggestions(fake)[0].GetBody()
	_, outcome := r.process(t, "pull_request_review_comment", "webhooks/review_comment_tense.json", func(m map[string]any) {
		m["action"] = "edited"
		m["comment"].(map[string]any)["body"] = "This is a terrible idea, obviously `Parse(\"\")` must return `nil`!!!"
	})
	got := suggestions(fake)
	if !strings.Contains(outcome, "updated") || len(got) != 1 || got[0].GetBody() == first {
		t.Fatalf("edit still tense: outcome %q, %d replies, changed %v", outcome, len(got), len(got) == 1 && got[0].GetBody() != first)
	}
	_, outcome = r.process(t, "pull_request_review_comment", "webhooks/review_comment_deleted.json", nil)
	if outcome != "tone suggestion removed" || len(suggestions(fake)) != 0 {
		t.Errorf("after delete: outcome %q, %d replies", outcome, len(suggestions(fake)))
	}
}

func TestTenseConversationCommentAndReview(t *testing.T) {
	fake, r := toneSetup(t)
	for _, tc := range []struct{ event, fixture, marker string }{
		{"issue_comment", "webhooks/issue_comment_tense.json", "<!-- prcoach:tone:issue_comment:2100000001 -->"},
		{"pull_request_review", "webhooks/review_tense.json", "<!-- prcoach:tone:review:1800000002 -->"},
	} {
		status, outcome := r.process(t, tc.event, tc.fixture, nil)
		if status != statusDone || !strings.Contains(outcome, "posted") {
			t.Errorf("%s: status %q outcome %q", tc.event, status, outcome)
		}
		found := false
		for _, c := range fake.Comments(testOwner, testRepo, 7) {
			found = found || strings.HasPrefix(c.GetBody(), tc.marker)
		}
		if !found {
			t.Errorf("%s: no conversation comment with %s", tc.event, tc.marker)
		}
	}
}

func TestCalmAndBotCommentsAreLeftAlone(t *testing.T) {
	fake, r := toneSetup(t)
	_, outcome := r.process(t, "pull_request_review_comment", "webhooks/review_comment_tense.json", func(m map[string]any) {
		m["comment"].(map[string]any)["body"] = "nit: this is wrong: the index is off by one in `items[i+1]`; rename to `next`?"
	})
	if !strings.HasPrefix(outcome, "skipped: tone is fine") {
		t.Errorf("calm blunt comment: outcome %q", outcome)
	}
	_, outcome = r.process(t, "pull_request_review_comment", "webhooks/review_comment_tense.json", func(m map[string]any) {
		m["comment"].(map[string]any)["user"] = map[string]any{"login": "renovate[bot]", "type": "Bot"}
	})
	if outcome != "skipped: written by a bot" {
		t.Errorf("bot comment: outcome %q", outcome)
	}
	if n := len(suggestions(fake)); n != 0 {
		t.Errorf("%d replies, want none", n)
	}
}

func TestToneRepliesPerPRAreCapped(t *testing.T) {
	fake, r := toneSetup(t)
	for i := 0; i < 7; i++ {
		id := int64(1900000100 + i)
		fake.AddReviewComment(testOwner, testRepo, 7, &github.PullRequestComment{ID: github.Int64(id),
			Body: github.String("x"), User: &github.User{Login: github.String("reviewer-rae"), Type: github.String("User")}})
		r.process(t, "pull_request_review_comment", "webhooks/review_comment_tense.json", func(m map[string]any) {
			m["comment"].(map[string]any)["id"] = id
		})
	}
	if n := len(suggestions(fake)); n != 5 {
		t.Errorf("%d replies after 7 tense comments, want the cap of 5", n)
	}
}
