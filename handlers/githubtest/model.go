package githubtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// Model is the other service PR Coach calls: an OpenAI-compatible chat
// completions server on loopback, for the real model client to be pointed
// at (its base URL is URL + "/v1"). It answers with Reply and records
// every request body.
type Model struct {
	*httptest.Server
	mu     sync.Mutex
	bodies []string
	reply  Reply
}

// Reply answers the n-th request (from 1), whose last user message is user.
type Reply func(n int, user string, w http.ResponseWriter, r *http.Request)

// NewModel starts a model server closed when t ends.
func NewModel(t testing.TB, reply Reply) *Model {
	t.Helper()
	m := &Model{reply: reply}
	m.Server = httptest.NewServer(http.HandlerFunc(m.serve))
	t.Cleanup(m.Close)
	return m
}

func (m *Model) serve(w http.ResponseWriter, r *http.Request) {
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
}

// Requests are the request bodies received so far.
func (m *Model) Requests() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.bodies...)
}

// Says answers every request with text.
func Says(text string) Reply {
	return func(_ int, _ string, w http.ResponseWriter, _ *http.Request) { Completion(w, text) }
}

// Fails answers every request with an API error of status and code.
func Fails(status int, code string) Reply {
	return func(_ int, _ string, w http.ResponseWriter, _ *http.Request) { APIError(w, status, code) }
}

// Completion writes a chat completion whose one choice is text.
func Completion(w http.ResponseWriter, text string) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{
		"id": "chatcmpl-1", "object": "chat.completion", "model": "fake",
		"choices": []map[string]any{{"index": 0, "finish_reason": "stop", "message": map[string]string{"role": "assistant", "content": text}}},
	})
}

// APIError writes an OpenAI error of status and code.
func APIError(w http.ResponseWriter, status int, code string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"error":{"message":"fake %s","type":"%s","code":"%s"}}`, code, code, code)
}
