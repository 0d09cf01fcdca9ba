package llm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Retry timing.
const (
	// baseBackoff is the first wait when the server names none; it doubles
	// with each retry.
	baseBackoff = 500 * time.Millisecond
	// maxRetryAfter is the longest Retry-After honoured: a server asking
	// for more is not waited for, and the offline coach answers instead.
	maxRetryAfter = 30 * time.Second
)

// attempt is what one request's response said beyond its body.
type attempt struct {
	status     int
	retryAfter string // Retry-After, or retry-after-ms as "Nms"
}

type attemptKey struct{}

// headerDoer records the status and Retry-After of each response into the
// attempt found in the request's context: go-openai's errors carry the
// status but not the headers.
type headerDoer struct{ next *http.Client }

func (d headerDoer) Do(req *http.Request) (*http.Response, error) {
	res, err := d.next.Do(req)
	if a, ok := req.Context().Value(attemptKey{}).(*attempt); ok && res != nil {
		a.status = res.StatusCode
		a.retryAfter = res.Header.Get("Retry-After")
		if ms := res.Header.Get("Retry-After-Ms"); ms != "" {
			a.retryAfter = ms + "ms"
		}
	}
	return res, err
}

// complete tries req up to 1 + maxRetries times.
func (c *Client) complete(ctx context.Context, req openai.ChatCompletionRequest) (string, error) {
	for n := 0; ; n++ {
		text, a, err := c.once(ctx, req)
		if err == nil {
			return text, nil
		}
		if ctx.Err() != nil {
			return "", fmt.Errorf("%s: %w", plural(n+1), ctx.Err())
		}
		why, transient := c.classify(err, a)
		if !transient || n >= c.maxRetries {
			if transient {
				why = fmt.Errorf("%w, retries exhausted", why)
			}
			return "", fmt.Errorf("%s: %w", plural(n+1), why)
		}
		wait, ok := c.retryAfter(a.retryAfter)
		if !ok {
			return "", fmt.Errorf("%s: %w, and the server asks to wait %s, more than the %s we wait", plural(n+1), why, wait, maxRetryAfter)
		}
		if wait == 0 {
			wait = baseBackoff << n
		}
		if err := c.sleep(ctx, wait); err != nil {
			return "", fmt.Errorf("%s: %w, then waiting to retry: %w", plural(n+1), why, err)
		}
	}
}

// once makes one attempt within the per-call timeout.
func (c *Client) once(ctx context.Context, req openai.ChatCompletionRequest) (string, *attempt, error) {
	a := &attempt{}
	actx, cancel := context.WithTimeout(context.WithValue(ctx, attemptKey{}, a), c.timeout)
	defer cancel()
	res, err := c.api.CreateChatCompletion(actx, req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			err = fmt.Errorf("no answer within %s: %w", c.timeout, errTimeout)
		}
		return "", a, err
	}
	if len(res.Choices) == 0 {
		return "", a, errEmpty
	}
	ch := res.Choices[0]
	switch {
	case ch.FinishReason == openai.FinishReasonLength:
		return "", a, fmt.Errorf("the answer was cut at %d tokens: %w", tokenLimit(req), errUnusable)
	case ch.FinishReason == openai.FinishReasonContentFilter:
		return "", a, fmt.Errorf("the answer was withheld by a content filter: %w", errUnusable)
	case strings.TrimSpace(ch.Message.Content) == "":
		return "", a, errEmpty
	}
	return ch.Message.Content, a, nil
}

// Failures that are not retried, as classify reports them.
var (
	errTimeout  = errors.New("timed out")
	errEmpty    = errors.New("the model returned no text")
	errUnusable = errors.New("unusable answer")
)

// reason is an error message that may wrap a sentinel.
type reason struct {
	msg string
	err error
}

func (r reason) Error() string { return r.msg }
func (r reason) Unwrap() error { return r.err }

// classify says why an attempt failed, and whether a retry may help:
// connection errors and HTTP 408, 409, 429 and 5xx may; insufficient_quota,
// other 4xx, timeouts and unusable answers may not. The server's own
// message is kept short and redacted, since it may echo the request.
func (c *Client) classify(err error, a *attempt) (why error, transient bool) {
	if errors.Is(err, errTimeout) || errors.Is(err, errEmpty) || errors.Is(err, errUnusable) {
		return err, false
	}
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	status, code, detail := a.status, "", ""
	switch {
	case errors.As(err, &apiErr):
		status, code, detail = apiErr.HTTPStatusCode, errorCode(apiErr), apiErr.Message
	case errors.As(err, &reqErr):
		status = reqErr.HTTPStatusCode
	case status == 0 && connectionError(err):
		return reason{"connection failed: " + shortNetError(err), nil}, true
	case status == 0:
		return err, false
	}
	msg := fmt.Sprintf("HTTP %d", status)
	if code != "" {
		msg += " " + code
	}
	if detail = strings.Join(strings.Fields(c.redact(detail)), " "); detail != "" {
		msg += fmt.Sprintf(" (%.160s)", detail)
	}
	switch {
	case code == "insufficient_quota":
		return reason{msg + ", not retried", ErrQuota}, false
	case status == http.StatusRequestTimeout, status == http.StatusConflict,
		status == http.StatusTooManyRequests, status >= 500:
		return reason{msg, nil}, true
	}
	return reason{msg + ", not retried", nil}, false
}

// errorCode is the API error's code, or its type when the code is empty;
// OpenAI sends insufficient_quota in both.
func errorCode(e *openai.APIError) string {
	switch v := e.Code.(type) {
	case string:
		if v != "" {
			return v
		}
	case int:
		if v != 0 { // a JSON null code decodes as 0
			return strconv.Itoa(v)
		}
	}
	if e.Type == "insufficient_quota" {
		return e.Type
	}
	return ""
}

// connectionError reports whether err means the request never got an
// answer: refused, reset, closed early or unreachable.
func connectionError(err error) bool {
	var opErr *net.OpError
	return errors.As(err, &opErr) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}

// shortNetError names a connection failure without the request's URL.
func shortNetError(err error) string {
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Err != nil {
		return opErr.Op + ": " + opErr.Err.Error()
	}
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the server closed the connection"
	}
	return "unreachable"
}

// retryAfter reads a Retry-After value (seconds, an HTTP date, or "Nms"
// from retry-after-ms). It returns 0 when there is none or it is unreadable,
// and false when it asks for longer than maxRetryAfter.
func (c *Client) retryAfter(v string) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	var d time.Duration
	if ms, ok := strings.CutSuffix(v, "ms"); ok {
		if f, err := strconv.ParseFloat(ms, 64); err == nil && f > 0 {
			d = time.Duration(f * float64(time.Millisecond))
		}
	} else if s, err := strconv.Atoi(v); err == nil && s > 0 {
		d = time.Duration(s) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = max(0, t.Sub(c.now()))
	}
	return d, d <= maxRetryAfter
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func plural(n int) string {
	if n == 1 {
		return "1 attempt"
	}
	return fmt.Sprintf("%d attempts", n)
}
