// Package llm writes PR Coach's wording with a language model through any
// OpenAI-compatible endpoint (OpenAI, Azure OpenAI, Ollama, vLLM). The
// client keeps to a per-call timeout, at
// most two retries on transient errors honouring Retry-After, none on
// insufficient_quota or other client errors, and a circuit breaker. Every
// request is redacted before it leaves. Every failure is an error that
// says why; the caller then uses the offline coach's text.
package llm

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/prcoach/prcoach/prompts"
)

// Defaults for the zero values of Options.
const (
	DefaultModel            = "gpt-4o-mini"
	DefaultTimeout          = 20 * time.Second
	DefaultMaxRetries       = 2
	DefaultBreakerThreshold = 5
	DefaultBreakerCooldown  = time.Minute
)

// Sentinel errors, for callers that branch on them.
var (
	// ErrCircuitOpen: recent calls kept failing, so none is tried until
	// the cool-down ends.
	ErrCircuitOpen = errors.New("circuit breaker open")
	// ErrQuota: the account has no quota left (insufficient_quota); a
	// retry cannot help until someone adds credit.
	ErrQuota = errors.New("insufficient quota")
)

// Options configure a Client. Only APIKey and Redact are required.
type Options struct {
	// APIKey is OPENAI_API_KEY (any non-empty value for servers that take
	// none, such as Ollama).
	APIKey string
	// BaseURL is OPENAI_BASE_URL: "" for OpenAI, an Azure OpenAI resource
	// such as https://NAME.openai.azure.com (then Model names the
	// deployment), or any compatible server such as http://localhost:11434/v1.
	BaseURL string
	// Model is OPENAI_MODEL; "" means DefaultModel.
	Model string
	// Timeout bounds one attempt; 0 means DefaultTimeout.
	Timeout time.Duration
	// MaxRetries is how many times a transient failure is retried; 0 means
	// DefaultMaxRetries, a negative value none.
	MaxRetries int
	// Redact is applied to the instructions and the data of every request,
	// so that no secret ever leaves. Required.
	Redact func(string) string
	// Sleep waits d or until ctx is done; nil means a real timer. Tests
	// pass a fake that records the waits.
	Sleep func(ctx context.Context, d time.Duration) error
	// HTTPClient sends the requests; nil means a new http.Client.
	HTTPClient *http.Client
	// BreakerThreshold consecutive failed calls open the circuit for
	// BreakerCooldown; then one call is let through to probe. Zero values
	// mean DefaultBreakerThreshold and DefaultBreakerCooldown.
	BreakerThreshold int
	BreakerCooldown  time.Duration
	// Now tells the time, for the breaker and HTTP-date Retry-After; nil
	// means time.Now.
	Now func() time.Time
}

// Client completes prompts with a model. It is safe for concurrent use.
type Client struct {
	api      *openai.Client
	model    string
	endpoint string // host of the endpoint, for error messages
	// completionTokens says the endpoint takes max_completion_tokens:
	// OpenAI's own API, and any endpoint serving a reasoning model.
	// Compatible servers and Azure's older API versions take max_tokens.
	completionTokens bool
	timeout          time.Duration
	maxRetries       int
	redact           func(string) string
	sleep            func(context.Context, time.Duration) error
	now              func() time.Time
	breaker          *breaker
}

// New checks o and builds a Client.
func New(o Options) (*Client, error) {
	if strings.TrimSpace(o.APIKey) == "" {
		return nil, errors.New("llm: the API key is empty; without OPENAI_API_KEY the offline coach answers and no client is needed")
	}
	if o.Redact == nil {
		return nil, errors.New("llm: Options.Redact is required so that no request carries a secret")
	}
	cfg, host, err := config(o.APIKey, o.BaseURL)
	if err != nil {
		return nil, err
	}
	hc := o.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	cfg.HTTPClient = headerDoer{hc}
	c := &Client{
		api:              openai.NewClientWithConfig(cfg),
		model:            cmpOr(o.Model, DefaultModel),
		endpoint:         host,
		completionTokens: strings.EqualFold(host, "api.openai.com") || reasoningModel(cmpOr(o.Model, DefaultModel)),
		timeout:          cmpOr(o.Timeout, DefaultTimeout),
		maxRetries:       max(0, cmpOr(o.MaxRetries, DefaultMaxRetries)),
		redact:           o.Redact,
		sleep:            o.Sleep,
		now:              o.Now,
	}
	if c.sleep == nil {
		c.sleep = sleep
	}
	if c.now == nil {
		c.now = time.Now
	}
	c.breaker = newBreaker(cmpOr(o.BreakerThreshold, DefaultBreakerThreshold), cmpOr(o.BreakerCooldown, DefaultBreakerCooldown), c.now)
	return c, nil
}

// config picks go-openai's Azure configuration for an Azure OpenAI
// endpoint and the plain one, pointed at baseURL, for everything else.
func config(key, baseURL string) (openai.ClientConfig, string, error) {
	if baseURL == "" {
		return openai.DefaultConfig(key), "api.openai.com", nil
	}
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return openai.ClientConfig{}, "", fmt.Errorf("llm: OPENAI_BASE_URL %q is not an http(s) URL such as https://api.openai.com/v1 or http://localhost:11434/v1", baseURL)
	}
	if azure(u.Hostname()) {
		// go-openai adds /openai/deployments/{model}/…; the model is the
		// deployment's own name, used as is.
		base := strings.TrimSuffix(strings.TrimRight(baseURL, "/"), "/openai")
		cfg := openai.DefaultAzureConfig(key, base)
		cfg.AzureModelMapperFunc = func(model string) string { return model }
		return cfg, u.Host, nil
	}
	cfg := openai.DefaultConfig(key)
	cfg.BaseURL = strings.TrimRight(baseURL, "/")
	return cfg, u.Host, nil
}

// azure reports whether host is an Azure OpenAI resource.
func azure(host string) bool {
	host = strings.ToLower(host)
	return strings.HasSuffix(host, ".openai.azure.com") || strings.HasSuffix(host, ".cognitiveservices.azure.com")
}

// Complete sends p, redacted, and returns the model's text as it is. On
// any failure it returns an error saying why, wrapping ErrCircuitOpen or
// ErrQuota where they apply.
func (c *Client) Complete(ctx context.Context, p prompts.Prompt) (string, error) {
	if err := c.breaker.allow(); err != nil {
		return "", fmt.Errorf("model %s at %s: %w", c.model, c.endpoint, err)
	}
	text, err := c.complete(ctx, c.request(p))
	switch {
	case err == nil:
		c.breaker.success()
	case ctx.Err() != nil:
		c.breaker.release() // the caller gave up; the model is not to blame
	default:
		c.breaker.failure()
	}
	if err != nil {
		return "", fmt.Errorf("model %s at %s, prompt %s: %w", c.model, c.endpoint, p.Name, err)
	}
	return text, nil
}

// request builds the chat request with the instructions and data redacted.
func (c *Client) request(p prompts.Prompt) openai.ChatCompletionRequest {
	req := openai.ChatCompletionRequest{
		Model: c.model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: c.redact(p.System)},
			{Role: openai.ChatMessageRoleUser, Content: c.redact(p.User)},
		},
	}
	if c.completionTokens {
		req.MaxCompletionTokens = p.MaxTokens
	} else {
		//lint:ignore SA1019 compatible servers (Ollama, vLLM, Azure before 2024-09) take max_tokens only
		req.MaxTokens = p.MaxTokens
	}
	return req
}

// tokenLimit is the answer's length limit set in req, whichever field holds it.
func tokenLimit(req openai.ChatCompletionRequest) int {
	//lint:ignore SA1019 read back for an error message; set only for servers that need it
	return max(req.MaxTokens, req.MaxCompletionTokens)
}

// reasoningModel reports whether model takes max_completion_tokens instead
// of max_tokens (OpenAI's o-series and GPT-5 and later).
func reasoningModel(model string) bool {
	for _, p := range []string{"o1", "o3", "o4", "gpt-5", "gpt-6"} {
		if strings.HasPrefix(model, p) {
			return true
		}
	}
	return false
}

func cmpOr[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}
