package handlers

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prcoach/prcoach/app/llm"
	"github.com/prcoach/prcoach/handlers/githubtest"
	"github.com/prcoach/prcoach/handlers/safety"
)

// The model's flows: the real OpenAI client against an OpenAI-compatible
// server on loopback, so what the handlers send and post with a model is
// tested as it runs, without the network.

// fakeOpenAI answers chat completions with reply(request number, user
// prompt) and records every request body.
type fakeOpenAI struct {
	*httptest.Server
	mu     sync.Mutex
	bodies []string
	reply  func(n int, user string, w http.ResponseWriter, r *http.Request)
}

func newFakeOpenAI(t *testing.T, reply func(n int, user string, w http.ResponseWriter, r *http.Request)) *fakeOpenAI {
	t.Helper()
	m := &fakeOpenAI{reply: reply}
	m.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var req struct {
			Messages []struct{ Role, Content string } `json:"messages"`
		}
		json.Unmarshal(body, &req)
		user := ""
		for _, msg := range req.Messages {
			if msg.Role == "user" {
				user = msg.Content
			}
		}
		m.mu.Lock()
		m.bodies = append(m.bodies, string(body))
		n := len(m.bodies)
		m.mu.Unlock()
		m.reply(n, user, w, r)
	}))
	t.Cleanup(m.Close)
	return m
}

// requests are the request bodies the server received.
func (m *fakeOpenAI) requests() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.bodies...)
}

// says answers a chat completion with text.
func says(text string) func(int, string, http.ResponseWriter, *http.Request) {
	return func(_ int, _ string, w http.ResponseWriter, _ *http.Request) { completion(w, text) }
}

func completion(w http.ResponseWriter, text string) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{
		"id": "chatcmpl-1", "object": "chat.completion", "model": "fake",
		"choices": []map[string]any{{"index": 0, "finish_reason": "stop", "message": map[string]string{"role": "assistant", "content": text}}},
	})
}

func apiError(w http.ResponseWriter, status int, code string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"error":{"message":"fake %s","type":"%s","code":"%s"}}`, code, code, code)
}

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
		reply     func(int, string, http.ResponseWriter, *http.Request) // nil: connection refused
		wantModel bool
		wantCalls int
	}{
		{"success", says(modelWords), true, 1},
		{"429 with Retry-After, then success", func(n int, _ string, w http.ResponseWriter, r *http.Request) {
			if n == 1 {
				w.Header().Set("Retry-After", "2")
				apiError(w, 429, "rate_limit_exceeded")
				return
			}
			completion(w, modelWords)
		}, true, 2},
		{"500s", func(_ int, _ string, w http.ResponseWriter, _ *http.Request) { apiError(w, 500, "server_error") }, false, 3},
		{"timeout", func(_ int, _ string, w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }, false, 1},
		{"insufficient_quota", func(_ int, _ string, w http.ResponseWriter, _ *http.Request) { apiError(w, 429, "insufficient_quota") }, false, 1},
		{"connection refused", nil, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := newFake(t)
			fake.SeedFailingPR(githubtest.GoTestLog)
			base, model := refusedURL, (*fakeOpenAI)(nil)
			if tc.reply != nil {
				model = newFakeOpenAI(t, tc.reply)
				base = model.URL + "/v1"
			}
			var logs bytes.Buffer
			ctx := WithLogger(context.Background(), slog.New(slog.NewJSONHandler(&logs, nil)))
			if _, err := (&CheckRun{modelBase(t, fake, base)}).Handle(ctx, fixture(t, "check_run", "completed", "check_run_failure.json")); err != nil {
				t.Fatal(err)
			}
			body := onlyComment(t, fake)
			if got := strings.Contains(body, modelWords); got != tc.wantModel || strings.Contains(body, "a language model") != tc.wantModel {
				t.Errorf("model wording %v, want %v:\n%s", got, tc.wantModel, body)
			}
			containsAll(t, body, "TestParseEmpty")
			if model != nil && (len(model.requests()) < tc.wantCalls || tc.wantCalls == 1 && len(model.requests()) != 1) {
				t.Errorf("%d model requests, want %d", len(model.requests()), tc.wantCalls)
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
	model := newFakeOpenAI(t, says(modelWords+" Try again with GITHUB_TOKEN="+token+", or "+token+" alone."))
	handle(t, &CheckRun{modelBase(t, fake, model.URL+"/v1")}, fixture(t, "check_run", "completed", "check_run_failure.json"))
	body := onlyComment(t, fake)
	if !strings.Contains(body, modelWords) {
		t.Fatalf("the model's words are missing:\n%s", body)
	}
	if strings.Contains(body, token) || !strings.Contains(body, "[REDACTED:github-token]") {
		t.Errorf("the token in the model's answer was not redacted:\n%s", body)
	}
}
