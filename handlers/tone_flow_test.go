package handlers

import (
	"strings"
	"testing"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/githubtest"
)

// The tone reply's flows, one delivery at a time against the fake GitHub:
// when a suggestion is posted, updated, removed or withheld.

// toneFake is a fake GitHub with PR #7 whose review thread holds the
// reviewer's tense comment 1900000001.
func toneFake(t *testing.T) *githubtest.Server {
	t.Helper()
	fake := newFake(t)
	fake.AddPull(githubtest.Owner, githubtest.Repo, githubtest.PullRequest(githubtest.Repo, 7, githubtest.HeadSHA, "CONTRIBUTOR"))
	fake.AddReviewComment(githubtest.Owner, githubtest.Repo, 7, &github.PullRequestComment{ID: github.Int64(1900000001),
		Body: github.String("Why would you …"), User: user("reviewer-rae", "User")})
	return fake
}

// suggestions are the app's replies in PR #7's review threads.
func suggestions(fake *githubtest.Server) []github.PullRequestComment {
	var out []github.PullRequestComment
	for _, c := range fake.ReviewComments(githubtest.Owner, githubtest.Repo, 7) {
		if c.GetUser().GetLogin() == fake.AppLogin {
			out = append(out, c)
		}
	}
	return out
}

// reviewComment delivers the tense review comment fixture, changed by edit.
func reviewComment(t *testing.T, b *Base, file string, edit func(map[string]any)) string {
	t.Helper()
	return deliver(t, newComments(b), "pull_request_review_comment", file, edit)
}

// The reply answers in the thread, quotes the code, names no one with an
// @ and repeats no insult; a twin delivery changes nothing; a calm edit
// removes it. Its words are in the golden file tone_reply_in_thread.md;
// the other rewordings are handlers/tone's, tested there.
func TestTenseReviewCommentGetsOneGentleReplyInTheThread(t *testing.T) {
	fake := toneFake(t)
	b := newTestBase(fake)
	if out := reviewComment(t, b, "review_comment_tense.json", nil); !strings.Contains(out, "tone suggestion posted") {
		t.Fatalf("outcome %q", out)
	}
	got := suggestions(fake)
	if len(got) != 1 {
		t.Fatalf("%d replies, want 1", len(got))
	}
	if got[0].GetInReplyTo() != 1900000001 {
		t.Errorf("reply answers %d, want the thread's comment 1900000001", got[0].GetInReplyTo())
	}
	body := got[0].GetBody()
	containsAll(t, body, "<!-- prcoach:tone:review_comment:1900000001 -->", "`Parse(\"\")`", "`nil`", "> ", "reviewer-rae")
	for _, harsh := range []string{"idiot", "sloppy", "@reviewer-rae"} {
		if strings.Contains(strings.ToLower(body), harsh) {
			t.Errorf("reply repeats %q:\n%s", harsh, body)
		}
	}
	// The same delivery again (a redelivery under a new GUID).
	if out := reviewComment(t, b, "review_comment_tense.json", nil); !strings.Contains(out, "unchanged") || len(suggestions(fake)) != 1 {
		t.Errorf("second pass: outcome %q, %d replies", out, len(suggestions(fake)))
	}
	if out := reviewComment(t, b, "review_comment_edited_calm.json", nil); out != "tone suggestion removed" || len(suggestions(fake)) != 0 {
		t.Errorf("after a calm edit: outcome %q, %d replies", out, len(suggestions(fake)))
	}
}

func TestEditedStillTenseUpdatesThenDeletedRemoves(t *testing.T) {
	fake := toneFake(t)
	b := newTestBase(fake)
	reviewComment(t, b, "review_comment_tense.json", nil)
	first := suggestions(fake)[0].GetBody()
	out := reviewComment(t, b, "review_comment_tense.json", func(m map[string]any) {
		m["action"] = "edited"
		m["comment"].(map[string]any)["body"] = "This is a terrible idea, obviously `Parse(\"\")` must return `nil`!!!"
	})
	got := suggestions(fake)
	if !strings.Contains(out, "updated") || len(got) != 1 || got[0].GetBody() == first {
		t.Fatalf("edit still tense: outcome %q, %d replies, changed %v", out, len(got), len(got) == 1 && got[0].GetBody() != first)
	}
	if out := reviewComment(t, b, "review_comment_deleted.json", nil); out != "tone suggestion removed" || len(suggestions(fake)) != 0 {
		t.Errorf("after delete: outcome %q, %d replies", out, len(suggestions(fake)))
	}
}

// A tense conversation comment and a tense review get their suggestion in
// the conversation, marked with what they answer.
func TestTenseConversationCommentAndReview(t *testing.T) {
	for _, tc := range []struct{ event, file, marker string }{
		{"issue_comment", "issue_comment_tense.json", "<!-- prcoach:tone:issue_comment:2100000001 -->"},
		{"pull_request_review", "review_tense.json", "<!-- prcoach:tone:review:1800000002 -->"},
	} {
		t.Run(tc.event, func(t *testing.T) {
			fake := toneFake(t)
			if out := deliver(t, newComments(newTestBase(fake)), tc.event, tc.file, nil); !strings.Contains(out, "posted") {
				t.Errorf("outcome %q", out)
			}
			body := onlyComment(t, fake)
			if !strings.HasPrefix(body, tc.marker) {
				t.Errorf("the conversation comment does not start with %s:\n%s", tc.marker, body)
			}
		})
	}
}

func TestCalmAndBotCommentsAreLeftAlone(t *testing.T) {
	fake := toneFake(t)
	b := newTestBase(fake)
	out := reviewComment(t, b, "review_comment_tense.json", func(m map[string]any) {
		m["comment"].(map[string]any)["body"] = "nit: this is wrong: the index is off by one in `items[i+1]`; rename to `next`?"
	})
	if !strings.HasPrefix(out, "skipped: tone is fine") {
		t.Errorf("calm blunt comment: outcome %q", out)
	}
	out = reviewComment(t, b, "review_comment_tense.json", func(m map[string]any) {
		m["comment"].(map[string]any)["user"] = map[string]any{"login": "renovate[bot]", "type": "Bot"}
	})
	if out != "skipped: written by a bot" {
		t.Errorf("bot comment: outcome %q", out)
	}
	if n := len(suggestions(fake)); n != 0 {
		t.Errorf("%d replies, want none", n)
	}
}

func TestToneRepliesPerPRAreCapped(t *testing.T) {
	fake := toneFake(t)
	b := newTestBase(fake)
	for i := range 7 {
		id := int64(1900000100 + i)
		fake.AddReviewComment(githubtest.Owner, githubtest.Repo, 7, &github.PullRequestComment{ID: github.Int64(id),
			Body: github.String("x"), User: user("reviewer-rae", "User")})
		reviewComment(t, b, "review_comment_tense.json", func(m map[string]any) {
			m["comment"].(map[string]any)["id"] = id
		})
	}
	if n := len(suggestions(fake)); n != 5 {
		t.Errorf("%d replies after 7 tense comments, want the cap of 5", n)
	}
}
