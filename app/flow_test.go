package app

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers"
	"github.com/prcoach/prcoach/handlers/githubtest"
)

// process delivers a fixture and waits until its delivery reaches a final state.
func (r *running) process(t *testing.T, event, fixtureName string, edit func(map[string]any)) (status, outcome string) {
	t.Helper()
	body := fixture(t, fixtureName)
	if edit != nil {
		var m map[string]any
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatal(err)
		}
		edit(m)
		body, _ = json.Marshal(m)
	}
	id := newDeliveryID()
	if code := r.deliver(t, event, id, body); code != http.StatusAccepted {
		t.Fatalf("status %d, want 202", code)
	}
	waitFor(t, 20*time.Second, "delivery "+id+" to finish", func() bool {
		status, outcome, _ = r.deliveryStatus(t, id)
		return status != statusQueued && status != ""
	})
	return status, outcome
}

func onlyComment(t *testing.T, fake *githubtest.Server) string {
	t.Helper()
	cs := fake.Comments(testOwner, testRepo, 7)
	if len(cs) != 1 {
		t.Fatalf("%d comments on #7, want exactly 1", len(cs))
	}
	return cs[0].GetBody()
}

// One signed failing check_run, through the intake and the queue, becomes
// one checks comment, fetched and posted as the installation, recorded
// and logged once. What the comment says in each case is handlers'
// (handlers/checks_flow_test.go); retries and dead letters are the app's.
func TestFailingCheckBecomesOneComment(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	seedFailingPR(fake, goTestLog)
	r := start(t, testConfig(t, fake))

	status, outcome := r.process(t, "check_run", "webhooks/check_run_failure.json", nil)
	if status != statusDone || !strings.Contains(outcome, "commented") {
		t.Fatalf("status %q outcome %q", status, outcome)
	}
	body := onlyComment(t, fake)
	for _, want := range []string{handlers.ChecksMarker, "test (ubuntu-latest)", "TestParseEmpty", "parser_test.go:42", "Run tests"} {
		if !strings.Contains(body, want) {
			t.Errorf("comment lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "@") {
		t.Errorf("comment contains an @:\n%s", body)
	}
	// The job log was fetched from storage without GitHub credentials.
	logReqs := fake.LogRequests()
	if len(logReqs) != 1 {
		t.Fatalf("%d log downloads, want 1", len(logReqs))
	}
	if logReqs[0].Auth != "" {
		t.Errorf("log storage received Authorization %q", logReqs[0].Auth)
	}
	for _, req := range fake.Requests() {
		if strings.HasPrefix(req.Path, "/repos/") && !strings.HasPrefix(req.Auth, "token ghs_") {
			t.Errorf("%s %s sent without the installation token (Authorization %q)", req.Method, req.Path, req.Auth)
		}
	}
	if n := r.count(t, `SELECT COUNT(*) FROM prcoach_activity WHERE kind = 'check_explained' AND category = 'test' AND verdict = 'change'`); n != 1 {
		t.Errorf("%d check_explained activities, want 1", n)
	}
	// One log line for the delivery says what happened. The worker logs it
	// just after it marks the delivery done, which process waits for.
	waitFor(t, 5*time.Second, "the delivery's log line", func() bool {
		return strings.Contains(r.logs.String(), `"msg":"delivery processed"`)
	})
	if n := strings.Count(r.logs.String(), `"msg":"delivery processed"`); n != 1 {
		t.Errorf("%d 'delivery processed' lines, want 1", n)
	}
	for _, line := range strings.Split(r.logs.String(), "\n") {
		if strings.Contains(line, `"msg":"delivery processed"`) && !strings.Contains(line, `"github_pr_num":7`) {
			t.Errorf("the delivery's line does not name PR #7: %s", line)
		}
	}
}

func TestServerErrorsThenOneComment(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	seedFailingPR(fake, goTestLog)
	fake.Fail(http.MethodPost, "/issues/7/comments", githubtest.Fault{Status: 500}, githubtest.Fault{Status: 502})
	r := start(t, testConfig(t, fake))
	status, outcome := r.process(t, "check_run", "webhooks/check_run_failure.json", nil)
	if status != statusDone {
		t.Fatalf("status %q outcome %q", status, outcome)
	}
	onlyComment(t, fake)
	posts := 0
	for _, req := range fake.Requests() {
		if req.Method == http.MethodPost && strings.HasSuffix(req.Path, "/issues/7/comments") {
			posts++
		}
	}
	if posts != 3 {
		t.Errorf("%d POSTs of the comment, want 3 (500, 502, 201)", posts)
	}
}

func TestSecondaryRateLimitIsWaitedOut(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	seedFailingPR(fake, goTestLog)
	fake.Fail(http.MethodPost, "/issues/7/comments", githubtest.Fault{Status: 403, Header: map[string]string{"Retry-After": "30"},
		Body: `{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}`})
	fake.Fail(http.MethodGet, "/pulls/7", githubtest.Fault{Status: 429})
	cfg := testConfig(t, fake)
	clock := cfg.Clock.(*fakeClock)
	r := start(t, cfg)
	status, _ := r.process(t, "check_run", "webhooks/check_run_failure.json", nil)
	if status != statusDone {
		t.Fatalf("status %q", status)
	}
	onlyComment(t, fake)
	var saw30, saw60 bool
	for _, d := range clock.Sleeps() {
		saw30 = saw30 || d == 30*time.Second
		saw60 = saw60 || d >= 60*time.Second
	}
	if !saw30 || !saw60 {
		t.Errorf("waits %v: want 30s for Retry-After and ≥60s for a bare 429", clock.Sleeps())
	}
}

func TestServerErrorForeverIsDeadLettered(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	seedFailingPR(fake, goTestLog)
	faults := make([]githubtest.Fault, 100)
	for i := range faults {
		faults[i] = githubtest.Fault{Status: 500}
	}
	fake.Fail(http.MethodPost, "/issues/7/comments", faults...)
	// Another installation's PR, on another repository, works meanwhile.
	other := pullRequest(8, testSHA, "MEMBER")
	other.Base.Repo = &github.Repository{Name: github.String("gadgets"), Owner: &github.User{Login: github.String(testOwner)}}
	fake.AddPull(testOwner, "gadgets", other)
	fake.SetCheckRuns(testOwner, "gadgets", testSHA, actionsRun(28100000001, "test (ubuntu-latest)", "failure"))
	r := start(t, testConfig(t, fake))
	status, outcome := r.process(t, "check_run", "webhooks/check_run_failure.json", nil)
	if status != statusDead {
		t.Fatalf("status %q outcome %q, want dead", status, outcome)
	}
	var attempts int
	r.store.DB().QueryRow(`SELECT attempts FROM prcoach_deliveries WHERE status = 'dead'`).Scan(&attempts)
	if attempts != DefaultMaxAttempts {
		t.Errorf("dead-lettered after %d attempts, want %d", attempts, DefaultMaxAttempts)
	}
	status, _ = r.process(t, "check_run", "webhooks/check_run_failure.json", func(m map[string]any) {
		m["installation"] = map[string]any{"id": 43}
		m["repository"].(map[string]any)["name"] = "gadgets"
		m["check_run"].(map[string]any)["pull_requests"] = []any{}
	})
	if status != statusDone || len(fake.Comments(testOwner, "gadgets", 8)) != 1 {
		t.Errorf("other installation: status %q, %d comments", status, len(fake.Comments(testOwner, "gadgets", 8)))
	}
}
