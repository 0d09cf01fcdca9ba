package handlers

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/prcoach/prcoach/handlers/feedback"
	"github.com/prcoach/prcoach/handlers/githubtest"
)

// newStoredBase builds the handlers over fake with the feedback stores s.
func newStoredBase(fake *githubtest.Server, s stores) *Base {
	return NewBase(Options{Clients: fake.Clients(), WebURL: "https://github.com", Votes: s.votes, History: s.history, Corrections: s.corrections})
}

// checksCommentID is the ID of the app's checks comment on #7.
func checksCommentID(t *testing.T, fake *githubtest.Server) int64 {
	t.Helper()
	for _, c := range fake.Comments(githubtest.Owner, githubtest.Repo, 7) {
		if c.GetUser().GetLogin() == fake.AppLogin && strings.HasPrefix(c.GetBody(), ChecksMarker) {
			return c.GetID()
		}
	}
	t.Fatal("no checks comment on #7")
	return 0
}

// The checks comment is labelled when posted, never with its body; the
// people's 👍 and 👎 on it are read when it is next updated: bots and the
// app are not counted, and reading again counts nobody twice.
func TestChecksCommentVotesAreTalliedOnTheNextUpdate(t *testing.T) {
	fake, s := newFake(t), newStores()
	fake.SeedFailingPR(githubtest.GoTestLog)
	h := newCheckRun(newStoredBase(fake, s))
	failure := fixture(t, "check_run", "completed", "check_run_failure.json")
	handle(t, h, failure)

	rec, n := s.votes.only()
	if n != 1 {
		t.Fatalf("%d records after the first comment, want 1", n)
	}
	want := feedback.Labels{Kind: feedback.KindChecks, Category: "test", Verdict: "change", KnownFailure: "go-test-failure", Wording: "offline"}
	if diff := cmp.Diff(want, rec.Labels); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
	id := checksCommentID(t, fake)
	if diff := cmp.Diff(feedback.CommentRef{Repo: "octo-org/widgets", PR: 7, ID: id}, rec.Comment); diff != "" {
		t.Errorf("comment (-want +got):\n%s", diff)
	}
	if s.votes.saves != 0 {
		t.Errorf("votes read %d times before anyone could react", s.votes.saves)
	}

	fake.AddCommentReaction(githubtest.IssueComments, id, "mona", "User", "+1")
	fake.AddCommentReaction(githubtest.IssueComments, id, "hubot", "User", "+1")
	fake.AddCommentReaction(githubtest.IssueComments, id, "octocat", "User", "-1")
	fake.AddCommentReaction(githubtest.IssueComments, id, "dependabot[bot]", "Bot", "+1")
	fake.AddCommentReaction(githubtest.IssueComments, id, "helper", "Bot", "-1")
	fake.AddCommentReaction(githubtest.IssueComments, id, fake.AppLogin, "Bot", "+1")
	for range 2 { // a redelivery reads again and counts nobody twice
		handle(t, h, failure)
		rec, _ = s.votes.only()
		if diff := cmp.Diff(feedback.Tally{Up: 2, Down: 1}, rec.Tally); diff != "" {
			t.Errorf("tally (-want +got):\n%s", diff)
		}
	}
	if rec.ReadAt.IsZero() {
		t.Error("read time not kept")
	}
	fake.RemoveCommentReaction(githubtest.IssueComments, id, "mona", "+1")
	handle(t, h, failure)
	if rec, _ = s.votes.only(); rec.Tally != (feedback.Tally{Up: 1, Down: 1}) {
		t.Errorf("after mona took her 👍 back the tally is %+v, want 1 up and 1 down", rec.Tally)
	}
}

// Tone replies and /explain answers are labelled as what they are.
func TestRepliesAreLabelled(t *testing.T) {
	tests := []struct {
		flow string
		want feedback.Labels
	}{
		{"tone_reply_in_thread", feedback.Labels{Kind: feedback.KindTone, Wording: "offline"}},
		{"explain_in_conversation", feedback.Labels{Kind: feedback.KindExplain, Category: "test", KnownFailure: "go-test-failure", Wording: "offline"}},
		{"explain_help", feedback.Labels{Kind: feedback.KindExplain, Category: "note:usage", Wording: "offline"}},
		{"explain_in_review_thread", feedback.Labels{Kind: feedback.KindExplain, Category: "review:issue", Wording: "offline"}},
	}
	flows := map[string]postedFlow{}
	for _, f := range postedFlows() {
		flows[f.name] = f
	}
	for _, tt := range tests {
		t.Run(tt.flow, func(t *testing.T) {
			f, s, fake := flows[tt.flow], newStores(), newFake(t)
			f.seed(fake)
			handle(t, f.handler(newStoredBase(fake, s)), f.event(t))
			rec, n := s.votes.only()
			if n != 1 {
				t.Fatalf("%d records, want 1", n)
			}
			ignore := cmpopts.IgnoreFields(feedback.Labels{}, "Verdict", "ToneSignals")
			if diff := cmp.Diff(tt.want, rec.Labels, ignore); diff != "" {
				t.Errorf("labels (-want +got):\n%s", diff)
			}
			if tt.want.Kind == feedback.KindTone && len(rec.Labels.ToneSignals) == 0 {
				t.Error("a tone reply without its tone signals")
			}
			for _, sig := range rec.Labels.ToneSignals {
				if strings.ContainsAny(sig, `:"`) {
					t.Errorf("tone signal %q quotes the comment", sig)
				}
			}
		})
	}
}
