package llm

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	openai "github.com/sashabaranov/go-openai"

	"github.com/prcoach/prcoach/handlers"
	"github.com/prcoach/prcoach/prompts"
)

// The client is the handlers' Completer.
var _ handlers.Completer = (*Client)(nil)

var samplePrompt = prompts.Prompt{Name: "check_explanation", System: "Explain kindly.", User: "<<<BEGIN DATA check 1>>>\n| name: test\n<<<END DATA check 1>>>\n", MaxTokens: 350}

func TestCompleteSendsPromptAndReturnsText(t *testing.T) {
	f := newFake(t, ok)
	c, s, _ := testClient(t, f.srv.URL+"/v1", func(o *Options) {
		o.Redact = func(s string) string { return strings.ReplaceAll(s, "kindly", "[REDACTED:word]") }
	})
	got, err := c.Complete(context.Background(), samplePrompt)
	if err != nil {
		t.Fatal(err)
	}
	if got != okText {
		t.Errorf("text = %q, want the canned content as is", got)
	}
	reqs := f.got()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	r := reqs[0]
	want := received{
		Path: "/v1/chat/completions", Auth: "Bearer sk-test-key-for-the-fake",
		Request: openai.ChatCompletionRequest{Model: "gpt-4o-mini", MaxTokens: 350, Messages: []openai.ChatCompletionMessage{
			{Role: "system", Content: "Explain [REDACTED:word]."},
			{Role: "user", Content: samplePrompt.User},
		}},
	}
	r.Body = nil
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("request (-want +got):\n%s", diff)
	}
	if len(s.got()) != 0 {
		t.Errorf("slept %v on success", s.got())
	}
}

func TestReasoningModelGetsMaxCompletionTokens(t *testing.T) {
	f := newFake(t, ok)
	c, _, _ := testClient(t, f.srv.URL, func(o *Options) { o.Model = "o4-mini" })
	if _, err := c.Complete(context.Background(), samplePrompt); err != nil {
		t.Fatal(err)
	}
	r := f.got()[0].Request
	if r.MaxCompletionTokens != 350 || r.MaxTokens != 0 {
		t.Errorf("max_completion_tokens = %d, max_tokens = %d; want 350 and 0", r.MaxCompletionTokens, r.MaxTokens)
	}
}

// TestRetries covers every retry decision: which failures are retried, how
// long the client waits between attempts, and what the error says.
func TestRetries(t *testing.T) {
	tests := []struct {
		name      string
		replies   []reply
		wantErr   string // "" for success
		wantIs    error
		wantReqs  int
		wantWaits []time.Duration
	}{
		{"429 with Retry-After seconds, then success",
			[]reply{{status: 429, file: "error_rate_limit.json", header: map[string]string{"Retry-After": "7"}}, ok},
			"", nil, 2, []time.Duration{7 * time.Second}},
		{"429 with retry-after-ms, then success",
			[]reply{{status: 429, file: "error_rate_limit.json", header: map[string]string{"Retry-After-Ms": "1500"}}, ok},
			"", nil, 2, []time.Duration{1500 * time.Millisecond}},
		{"503 with an HTTP-date Retry-After, then success",
			[]reply{{status: 503, file: "error_server.json", header: map[string]string{"Retry-After": "Wed, 01 Jan 2025 12:00:12 GMT"}}, ok},
			"", nil, 2, []time.Duration{12 * time.Second}},
		{"500 forever exhausts two retries with backoff",
			[]reply{serverError}, "3 attempts: HTTP 500 (The server had an error while processing your request. Sorry about that!), retries exhausted", nil, 3, []time.Duration{500 * time.Millisecond, time.Second}},
		{"502 with a non-JSON body, then success",
			[]reply{{status: 502, file: "error_gateway.html"}, ok}, "", nil, 2, []time.Duration{500 * time.Millisecond}},
		{"408 and 409 are retried",
			[]reply{{status: 408, file: "error_server.json"}, {status: 409, file: "error_server.json"}, ok}, "", nil, 3, []time.Duration{500 * time.Millisecond, time.Second}},
		{"insufficient_quota is not retried",
			[]reply{quota, ok}, "1 attempt: HTTP 429 insufficient_quota", ErrQuota, 1, nil},
		{"400 is not retried",
			[]reply{{status: 400, file: "error_invalid_request.json"}, ok}, "HTTP 400 context_length_exceeded (This model's maximum context length is 128000 tokens.), not retried", nil, 1, nil},
		{"401 is not retried",
			[]reply{{status: 401, file: "error_server.json"}, ok}, "1 attempt: HTTP 401", nil, 1, nil},
		{"Retry-After longer than 30s is not waited for",
			[]reply{{status: 429, file: "error_rate_limit.json", header: map[string]string{"Retry-After": "120"}}, ok},
			"the server asks to wait 2m0s, more than the 30s we wait", nil, 1, nil},
		{"an answer cut at max tokens is unusable",
			[]reply{{status: 200, file: "chat_length.json"}, ok}, "the answer was cut at 350 tokens", nil, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, tt.replies...)
			c, s, _ := testClient(t, f.srv.URL, nil)
			got, err := c.Complete(context.Background(), samplePrompt)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("error %v, want success", err)
			case tt.wantErr == "" && got != okText:
				t.Errorf("text = %q, want the canned content", got)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("error %v, want one containing %q", err, tt.wantErr)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("error %v is not %v", err, tt.wantIs)
			}
			if n := len(f.got()); n != tt.wantReqs {
				t.Errorf("%d requests, want %d", n, tt.wantReqs)
			}
			if diff := cmp.Diff(tt.wantWaits, s.got()); diff != "" {
				t.Errorf("waits (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTimeoutIsNotRetried(t *testing.T) {
	f := newFake(t, reply{status: 200, file: "chat_ok.json", delay: 5 * time.Second})
	c, s, _ := testClient(t, f.srv.URL, func(o *Options) { o.Timeout = 50 * time.Millisecond })
	start := time.Now()
	_, err := c.Complete(context.Background(), samplePrompt)
	if err == nil || !strings.Contains(err.Error(), "no answer within 50ms") {
		t.Errorf("error %v, want a timeout after 50ms", err)
	}
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("Complete took %s, want about the 50ms timeout", d)
	}
	if n := len(f.got()); n != 1 || len(s.got()) != 0 {
		t.Errorf("%d requests and waits %v, want 1 request and no wait", n, s.got())
	}
}

func TestConnectionRefusedIsRetried(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	c, s, _ := testClient(t, "http://"+addr+"/v1", nil)
	_, err = c.Complete(context.Background(), samplePrompt)
	if err == nil || !strings.Contains(err.Error(), "3 attempts: connection failed: dial: connect: connection refused") {
		t.Errorf("error %v, want connection refused after 3 attempts", err)
	}
	if diff := cmp.Diff([]time.Duration{500 * time.Millisecond, time.Second}, s.got()); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
}

func TestCallerCancelStopsRetries(t *testing.T) {
	f := newFake(t, serverError)
	ctx, cancel := context.WithCancel(context.Background())
	c, _, _ := testClient(t, f.srv.URL, func(o *Options) {
		o.Sleep = func(context.Context, time.Duration) error { cancel(); return context.Canceled }
	})
	_, err := c.Complete(ctx, samplePrompt)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if n := len(f.got()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	id := func(s string) string { return s }
	tests := []struct {
		name    string
		o       Options
		wantErr string
	}{
		{"empty key", Options{Redact: id}, "API key is empty"},
		{"no redactor", Options{APIKey: "k"}, "Redact is required"},
		{"no scheme", Options{APIKey: "k", Redact: id, BaseURL: "localhost:11434/v1"}, "not an http(s) URL"},
		{"ftp", Options{APIKey: "k", Redact: id, BaseURL: "ftp://example.com/v1"}, "not an http(s) URL"},
		{"credentials in the URL", Options{APIKey: "k", Redact: id, BaseURL: "https://u:p@example.com/v1"}, "not an http(s) URL"},
		{"unparsable", Options{APIKey: "k", Redact: id, BaseURL: "http://[::1"}, "not an http(s) URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.o)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("New error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestAzureEndpoint(t *testing.T) {
	f := newFake(t, ok)
	// The client believes it talks to an Azure resource; every connection
	// goes to the fake on loopback.
	hc := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, f.srv.Listener.Addr().String())
	}}}
	c, _, _ := testClient(t, "http://prcoach-test.openai.azure.com/", func(o *Options) {
		o.Model, o.HTTPClient = "coach-gpt-4.1", hc
	})
	if _, err := c.Complete(context.Background(), samplePrompt); err != nil {
		t.Fatal(err)
	}
	r := f.got()[0]
	got := []string{r.Path, r.Query, r.APIKey, r.Auth}
	want := []string{"/openai/deployments/coach-gpt-4.1/chat/completions", "api-version=2023-05-15", "sk-test-key-for-the-fake", ""}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Azure request: path, query, api-key, Authorization (-want +got):\n%s", diff)
	}
}

func TestConcurrentCalls(t *testing.T) {
	f := newFake(t, ok)
	c, _, _ := testClient(t, f.srv.URL, nil)
	const calls = 20
	errs := make(chan error, calls)
	for range calls {
		go func() {
			_, err := c.Complete(context.Background(), samplePrompt)
			errs <- err
		}()
	}
	for range calls {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	if n := len(f.got()); n != calls {
		t.Errorf("%d requests, want %d", n, calls)
	}
}

// redirectTo sends every request to the plain-HTTP server at addr, whatever
// host and scheme the client believes it talks to.
type redirectTo string

func (a redirectTo) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host = "http", string(a)
	return http.DefaultTransport.RoundTrip(r)
}

// TestTokenLimitFieldPerEndpoint checks OpenAI's own API gets
// max_completion_tokens for every model and a compatible server max_tokens,
// unless it serves a reasoning model.
func TestTokenLimitFieldPerEndpoint(t *testing.T) {
	for _, tc := range []struct {
		name, base, model       string
		wantCompletion, wantMax int
	}{
		{"OpenAI, chat model", "", "gpt-4o-mini", 350, 0},
		{"OpenAI, reasoning model", "https://api.openai.com/v1", "o4-mini", 350, 0},
		{"compatible server, chat model", "http://ollama.test:11434/v1", "llama3.1", 0, 350},
		{"compatible server, reasoning model", "http://ollama.test:11434/v1", "gpt-5-mini", 350, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t, ok)
			hc := &http.Client{Transport: redirectTo(f.srv.Listener.Addr().String())}
			c, _, _ := testClient(t, tc.base, func(o *Options) { o.Model, o.HTTPClient = tc.model, hc })
			if _, err := c.Complete(context.Background(), samplePrompt); err != nil {
				t.Fatal(err)
			}
			r := f.got()[0].Request
			if r.MaxCompletionTokens != tc.wantCompletion || r.MaxTokens != tc.wantMax {
				t.Errorf("max_completion_tokens = %d, max_tokens = %d; want %d and %d",
					r.MaxCompletionTokens, r.MaxTokens, tc.wantCompletion, tc.wantMax)
			}
		})
	}
}
