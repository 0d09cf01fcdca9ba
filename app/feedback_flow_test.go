package app

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prcoach/prcoach/handlers/feedback"
	"github.com/prcoach/prcoach/handlers/githubtest"
	"github.com/prcoach/prcoach/store/storetest"
)

// checksCommentID is the ID of the app's one comment on PR #7.
func checksCommentID(t *testing.T, fake *githubtest.Server) int64 {
	t.Helper()
	cs := fake.Comments(testOwner, testRepo, 7)
	if len(cs) != 1 {
		t.Fatalf("%d comments on #7, want the checks comment alone", len(cs))
	}
	return cs[0].GetID()
}

// closePR delivers pull_request closed for PR number and waits for it.
func (r *running) closePR(t *testing.T, number int) (status, outcome string) {
	t.Helper()
	body := fmt.Sprintf(`{"action":"closed","number":%d,"pull_request":{"number":%d,"state":"closed","merged":true},
		"repository":{"name":%q,"full_name":%q,"owner":{"login":%q}},"installation":{"id":42}}`,
		number, number, testRepo, testOwner+"/"+testRepo, testOwner)
	id := newDeliveryID()
	if code := r.deliver(t, "pull_request", id, []byte(body)); code != http.StatusAccepted {
		t.Fatalf("pull_request closed: status %d, want 202", code)
	}
	waitFor(t, 20*time.Second, "delivery "+id+" to finish", func() bool {
		status, outcome, _ = r.deliveryStatus(t, id)
		return status != statusQueued && status != ""
	})
	return status, outcome
}

// get fetches a page of r and returns its body.
func (r *running) get(t *testing.T, path string) string {
	t.Helper()
	resp, err := http.Get(r.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d\n%s", path, resp.StatusCode, b)
	}
	return string(b)
}

// onPR8 delivers the failing check_run fixture as if it were PR #8's and
// returns the body of the app's comment there.
func onPR8(t *testing.T, r *running, fake *githubtest.Server) string {
	t.Helper()
	fake.AddPull(testOwner, testRepo, pullRequest(8, testSHA, "CONTRIBUTOR"))
	status, outcome := r.process(t, "check_run", "webhooks/check_run_failure.json", func(m map[string]any) {
		run := m["check_run"].(map[string]any)
		run["pull_requests"].([]any)[0].(map[string]any)["number"] = 8
	})
	if status != statusDone {
		t.Fatalf("PR #8: status %q outcome %q", status, outcome)
	}
	cs := fake.Comments(testOwner, testRepo, 8)
	if len(cs) != 1 {
		t.Fatalf("%d comments on #8, want 1", len(cs))
	}
	return cs[0].GetBody()
}

// People's reactions on the checks comment are read when the PR closes
// (a bot's not counted, a redelivery not counted twice) and show in
// /metrics and on the dashboard, without the comment's text.
func TestVotesReadWhenPRClosesShowInMetricsAndDashboard(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	fake.SeedFailingPR(goTestLog)
	r := start(t, testConfig(t, fake))
	if status, _ := r.process(t, "check_run", "webhooks/check_run_failure.json", nil); status != statusDone {
		t.Fatalf("check_run: status %q", status)
	}
	id := checksCommentID(t, fake)
	fake.AddCommentReaction(githubtest.IssueComments, id, "mona", "User", "+1")
	fake.AddCommentReaction(githubtest.IssueComments, id, "lin", "User", "-1")
	fake.AddCommentReaction(githubtest.IssueComments, id, "hubot", "User", "-1")
	fake.AddCommentReaction(githubtest.IssueComments, id, "renovate[bot]", "Bot", "+1")
	for range 2 {
		if status, outcome := r.closePR(t, 7); status != statusDone || outcome != "votes read on 1 of 1 comments" {
			t.Fatalf("pull_request closed: status %q outcome %q", status, outcome)
		}
	}
	metrics := r.get(t, "/metrics")
	for _, want := range []string{
		`prcoach_feedback_total{category="test",kind="checks",reaction="+1"} 1`,
		`prcoach_feedback_total{category="test",kind="checks",reaction="-1"} 2`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s; its feedback lines:\n%s", want, grepLines(metrics, "prcoach_feedback_total"))
		}
	}
	page := r.get(t, "/")
	for _, want := range []string{`id="helpful-category"`, "<td>checks</td><td>test</td><td>1</td><td>1</td><td>2</td><td>33%</td>",
		"<td>checks</td><td>change</td><td>1</td><td>1</td><td>2</td><td>33%</td>", "<td>go-test-failure</td>"} {
		if !strings.Contains(page, want) {
			t.Errorf("dashboard lacks %s:\n%s", want, grepLines(page, "<td>checks</td>"))
		}
	}
	if strings.Contains(page, "TestParseEmpty") {
		t.Error("the dashboard shows text from the comment")
	}
}

// grepLines returns the lines of s containing sub.
func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// The leader's sweep reads the votes of comments due a read and keeps
// them; a second sweep right after reads nothing (each is read at most
// once per feedback.SweepEvery).
func TestVoteSweepReadsDueComments(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	fake.SeedFailingPR(goTestLog)
	r := start(t, testConfig(t, fake))
	r.process(t, "check_run", "webhooks/check_run_failure.json", nil)
	fake.AddCommentReaction(githubtest.IssueComments, checksCommentID(t, fake), "mona", "User", "+1")
	if n := r.sweepOnce(t.Context(), time.Now()); n != 1 {
		t.Fatalf("the sweep read %d comments, want 1", n)
	}
	recs, err := r.store.Records(t.Context(), "")
	if err != nil || len(recs) != 1 || recs[0].Tally != (feedback.Tally{Up: 1}) {
		t.Fatalf("records after the sweep: %+v (%v), want one with one 👍", recs, err)
	}
	before := len(fake.Requests())
	if n := r.sweepOnce(t.Context(), time.Now()); n != 0 || len(fake.Requests()) != before {
		t.Errorf("a second sweep read %d comments with %d requests, want none", n, len(fake.Requests())-before)
	}
}

// A failure's history is in the database: after a restart on the same
// file, the same error on another PR's comment says it failed there before.
func TestFailureHistorySurvivesARestart(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	fake.SeedFailingPR(goTestLog)
	cfg := testConfig(t, fake)
	first := start(t, cfg)
	first.process(t, "check_run", "webhooks/check_run_failure.json", nil)
	first.stop()
	second := start(t, cfg)
	body := onPR8(t, second, fake)
	if want := "This exact error failed on 1 other pull request"; !strings.Contains(body, want) {
		t.Errorf("PR #8's comment after a restart lacks %q:\n%s", want, body)
	}
}

// A maintainer's /explain flaky on PR #7 is kept in the database, and the
// same error's next comment, on PR #8, calls it flaky.
func TestExplainFlakyChangesTheNextComment(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	fake.SeedFailingPR(goTestLog)
	r := start(t, testConfig(t, fake))
	r.process(t, "check_run", "webhooks/check_run_failure.json", nil)
	if body := fake.Comments(testOwner, testRepo, 7)[0].GetBody(); !strings.Contains(body, "Likely cause: this change.") {
		t.Fatalf("the first comment should blame the change:\n%s", body)
	}
	status, outcome := r.process(t, "issue_comment", "webhooks/issue_comment_tense.json",
		explainComment("/explain flaky", "maintainer-max", "User", "MEMBER"))
	if status != statusDone || !strings.Contains(outcome, "1 failures marked flaky") {
		t.Fatalf("/explain flaky: status %q outcome %q", status, outcome)
	}
	body := onPR8(t, r, fake)
	for _, want := range []string{"Probably not this change: it looks flaky.", "Seen flaky here before (1 time)"} {
		if !strings.Contains(body, want) {
			t.Errorf("PR #8's comment lacks %q:\n%s", want, body)
		}
	}
}

// The sweep leaves an installation GitHub asked to wait alone: no request
// until the wait is over, then it reads.
func TestVoteSweepWaitsOutARateLimit(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	fake.SeedFailingPR(goTestLog)
	r := start(t, testConfig(t, fake))
	r.process(t, "check_run", "webhooks/check_run_failure.json", nil)
	now := time.Now()
	if err := r.store.NoteLimit(t.Context(), 42, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	before := len(fake.Requests())
	if n := r.sweepOnce(t.Context(), now); n != 0 || len(fake.Requests()) != before {
		t.Fatalf("during the wait the sweep read %d comments with %d requests, want none", n, len(fake.Requests())-before)
	}
	if n := r.sweepOnce(t.Context(), now.Add(2*time.Hour)); n != 1 {
		t.Errorf("after the wait the sweep read %d comments, want 1", n)
	}
}

// On PostgreSQL every replica shows the whole system's votes: replica A
// reads them when the PR closes, replica B's /metrics and dashboard show
// them; and a failure A saw is evidence in B's comment on another PR.
func TestFeedbackAcrossReplicas(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	fake.SeedFailingPR(goTestLog)
	cfg := testConfig(t, fake)
	cfg.DatabaseURL = storetest.PostgresURL(t)
	a, b := start(t, cfg), start(t, cfg)
	a.process(t, "check_run", "webhooks/check_run_failure.json", nil)
	fake.AddCommentReaction(githubtest.IssueComments, checksCommentID(t, fake), "mona", "User", "-1")
	if status, outcome := a.closePR(t, 7); status != statusDone || outcome != "votes read on 1 of 1 comments" {
		t.Fatalf("pull_request closed: status %q outcome %q", status, outcome)
	}
	if want := `prcoach_feedback_total{category="test",kind="checks",reaction="-1"} 1`; !strings.Contains(b.get(t, "/metrics"), want) {
		t.Errorf("replica B's /metrics lacks %s", want)
	}
	if want := "<td>checks</td><td>test</td><td>1</td><td>0</td><td>1</td><td>0%</td>"; !strings.Contains(b.get(t, "/"), want) {
		t.Errorf("replica B's dashboard lacks %s", want)
	}
	if body, want := onPR8(t, b, fake), "This exact error failed on 1 other pull request"; !strings.Contains(body, want) {
		t.Errorf("PR #8's comment lacks %q:\n%s", want, body)
	}
}

// A comment that is gone from GitHub (404) is forgotten by the sweep, so
// it is never asked for again.
func TestVoteSweepForgetsDeletedComments(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	fake.SeedFailingPR(goTestLog)
	r := start(t, testConfig(t, fake))
	r.process(t, "check_run", "webhooks/check_run_failure.json", nil)
	fake.Fail(http.MethodGet, "/reactions", githubtest.Fault{Status: http.StatusNotFound, Body: `{"message":"Not Found"}`})
	if n := r.sweepOnce(t.Context(), time.Now()); n != 1 {
		t.Fatalf("the sweep read %d comments, want 1 (found gone)", n)
	}
	if recs, err := r.store.Records(t.Context(), ""); err != nil || len(recs) != 0 {
		t.Errorf("records after the comment was gone: %+v (%v), want none", recs, err)
	}
}
