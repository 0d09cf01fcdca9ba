package handlers

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prcoach/prcoach/app/llm"
	"github.com/prcoach/prcoach/handlers/githubtest"
	"github.com/prcoach/prcoach/handlers/safety"
)

// The model's flows: the real OpenAI client against githubtest.Model, an
// OpenAI-compatible server on loopback, so what the handlers send and post
// with a model is tested as it runs, without the network.

// modelBase is the handlers' state over fake with the real model client
// pointed at baseURL; its waits between retries are skipped.
func modelBase(t *testing.T, fake *githubtest.Server, baseURL string) *Base {
	t.Helper()
	c, err := llm.New(llm.Options{APIKey: "sk-test-not-a-real-key-000000", BaseURL: baseURL, Timeout: 300 * time.Millisecond,
		Redact: safety.NewRedactor().Redact, Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() }})
	if err != nil {
		t.Fatal(err)
	}
	return NewBase(Options{Clients: fake.Clients(), Completer: c})
}

const modelWords = "The parser test expects an empty result for empty input; returning nil there should make it pass."

// Whatever goes wrong with the model, the checks comment is posted in the
// offline coach's words, with the facts, and the fallback is logged.
func TestModelFailuresFallBackToTheOfflineComment(t *testing.T) {
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refusedURL := "http://" + closed.Addr().String() + "/v1"
	closed.Close()
	for _, tc := range []struct {
		name      string
		reply     githubtest.Reply // nil: connection refused
		wantModel bool
		wantCalls int
	}{
		{"success", githubtest.Says(modelWords), true, 1},
		{"429 with Retry-After, then success", func(n int, _ string, w http.ResponseWriter, r *http.Request) {
			if n == 1 {
				w.Header().Set("Retry-After", "2")
				githubtest.APIError(w, 429, "rate_limit_exceeded")
				return
			}
			githubtest.Completion(w, modelWords)
		}, true, 2},
		{"500s", func(_ int, _ string, w http.ResponseWriter, _ *http.Request) {
			githubtest.APIError(w, 500, "server_error")
		}, false, 3},
		{"timeout", func(_ int, _ string, w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }, false, 1},
		{"insufficient_quota", func(_ int, _ string, w http.ResponseWriter, _ *http.Request) {
			githubtest.APIError(w, 429, "insufficient_quota")
		}, false, 1},
		{"connection refused", nil, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := newFake(t)
			fake.SeedFailingPR(githubtest.GoTestLog)
			base, model := refusedURL, (*githubtest.Model)(nil)
			if tc.reply != nil {
				model = githubtest.NewModel(t, tc.reply)
				base = model.URL + "/v1"
			}
			var logs bytes.Buffer
			ctx := WithLogger(context.Background(), slog.New(slog.NewJSONHandler(&logs, nil)))
			if _, err := (newCheckRun(modelBase(t, fake, base))).Handle(ctx, fixture(t, "check_run", "completed", "check_run_failure.json")); err != nil {
				t.Fatal(err)
			}
			body := onlyComment(t, fake)
			if got := strings.Contains(body, modelWords); got != tc.wantModel || strings.Contains(body, "a language model") != tc.wantModel {
				t.Errorf("model wording %v, want %v:\n%s", got, tc.wantModel, body)
			}
			containsAll(t, body, "TestParseEmpty")
			if model != nil && (len(model.Requests()) < tc.wantCalls || tc.wantCalls == 1 && len(model.Requests()) != 1) {
				t.Errorf("%d model requests, want %d", len(model.Requests()), tc.wantCalls)
			}
			if offline := strings.Contains(logs.String(), `"`+LogLLMMode+`":"`+LLMOffline+`"`); offline == tc.wantModel {
				t.Errorf("fallback logged %v, want %v:\n%s", offline, !tc.wantModel, logs.String())
			}
		})
	}
}

// The model's answer carries a token: the checks comment carries a
// placeholder instead.
func TestModelAnswerIsRedactedInTheChecksComment(t *testing.T) {
	token := "ghp_" + strings.Repeat("Zq9", 12)
	fake := newFake(t)
	fake.SeedFailingPR(githubtest.GoTestLog)
	model := githubtest.NewModel(t, githubtest.Says(modelWords+" Try again with GITHUB_TOKEN="+token+", or "+token+" alone."))
	handle(t, newCheckRun(modelBase(t, fake, model.URL+"/v1")), fixture(t, "check_run", "completed", "check_run_failure.json"))
	body := onlyComment(t, fake)
	if !strings.Contains(body, modelWords) {
		t.Fatalf("the model's words are missing:\n%s", body)
	}
	if strings.Contains(body, token) || !strings.Contains(body, "[REDACTED:github-token]") {
		t.Errorf("the token in the model's answer was not redacted:\n%s", body)
	}
}
