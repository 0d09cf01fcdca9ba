package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Pacing and limits from GitHub's REST guidance on secondary rate limits:
// content-creating requests spaced out, and waits that honour
// Retry-After and X-RateLimit-Reset.
const (
	minWriteGap        = time.Second      // at least 1 s between content-creating requests
	defaultLimitWait   = 60 * time.Second // a limit with no hint waits at least a minute
	maxInlineLimitWait = 2 * time.Minute  // longer waits snooze the job instead
	maxLimitTries      = 3
)

// RateLimitedError says GitHub asked us to wait longer than a worker should
// hold its slot; the job is snoozed for Wait.
type RateLimitedError struct{ Wait time.Duration }

func (e *RateLimitedError) Error() string {
	return fmt.Sprintf("github rate limit: retry in %s", e.Wait.Round(time.Second))
}

// installationTransport sends one installation's requests one at a time,
// spaces writes a second apart, and waits out rate-limit answers
// (403 secondary limit, 429) as GitHub asks before trying again.
type installationTransport struct {
	base    http.RoundTripper
	clock   Clock
	metrics *metrics
	mu      sync.Mutex
	lastW   time.Time
	// shared, when set, holds the installation's waits for every replica.
	shared       sharedLimits
	installation int64
}

// sharedLimits keep GitHub's waits per installation where every replica
// sees them (the database, with PostgreSQL).
type sharedLimits interface {
	// WriteSlot reserves the installation's next write, gap after the last.
	WriteSlot(ctx context.Context, installation int64, now time.Time, gap time.Duration) (time.Time, error)
	// LimitedUntil is when a rate limit any replica met ends.
	LimitedUntil(ctx context.Context, installation int64) (time.Time, error)
	// NoteLimit records that the installation must wait until until.
	NoteLimit(ctx context.Context, installation int64, until time.Time) error
}

// sharedWait waits for a rate limit another replica met, and with writes
// for this write's slot among every replica's writes. A database that does
// not answer leaves this process's own pacing in force.
func (t *installationTransport) sharedWait(ctx context.Context, write bool) error {
	if t.shared == nil {
		return nil
	}
	now := t.clock.Now()
	if until, err := t.shared.LimitedUntil(ctx, t.installation); err == nil {
		if wait := until.Sub(now); wait > maxInlineLimitWait {
			return &RateLimitedError{Wait: wait}
		} else if wait > 0 {
			if err := t.clock.Sleep(ctx, wait); err != nil {
				return err
			}
			now = t.clock.Now()
		}
	}
	if !write {
		return nil
	}
	slot, err := t.shared.WriteSlot(ctx, t.installation, now, minWriteGap)
	if err != nil {
		return nil
	}
	if gap := slot.Sub(now); gap > 0 {
		return t.clock.Sleep(ctx, gap)
	}
	return nil
}

// RoundTrip implements http.RoundTripper.
func (t *installationTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	ctx := req.Context()
	write := isWrite(req)
	if err := t.sharedWait(ctx, write); err != nil {
		return nil, err
	}
	if write && !t.lastW.IsZero() {
		if gap := t.lastW.Add(minWriteGap).Sub(t.clock.Now()); gap > 0 {
			if err := t.clock.Sleep(ctx, gap); err != nil {
				return nil, err
			}
		}
	}
	var prevWait time.Duration
	for try := 1; ; try++ {
		r := req
		if try > 1 {
			var err error
			if r, err = rewind(req); err != nil {
				return nil, err
			}
		}
		resp, err := t.base.RoundTrip(r)
		if write {
			t.lastW = t.clock.Now()
		}
		t.metrics.githubCall(req.Method, resp)
		if err != nil {
			return nil, err
		}
		wait, limited := rateLimitWait(resp, t.clock.Now())
		if !limited {
			return resp, nil
		}
		// Repeated limits back off exponentially from the hinted wait.
		wait = max(wait, 2*prevWait)
		prevWait = wait
		if try >= maxLimitTries || wait > maxInlineLimitWait {
			resp.Body.Close()
			if t.shared != nil {
				_ = t.shared.NoteLimit(ctx, t.installation, t.clock.Now().Add(wait))
			}
			return nil, &RateLimitedError{Wait: wait}
		}
		resp.Body.Close()
		if t.shared != nil {
			_ = t.shared.NoteLimit(ctx, t.installation, t.clock.Now().Add(wait))
		}
		t.metrics.rateLimitWait(wait)
		if err := t.clock.Sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// isWrite reports whether req creates or changes content; token requests
// are not content and are not paced.
func isWrite(req *http.Request) bool {
	if req.Method == http.MethodGet || req.Method == http.MethodHead {
		return false
	}
	return !strings.HasSuffix(req.URL.Path, "/access_tokens")
}

func rewind(req *http.Request) (*http.Request, error) {
	r := req.Clone(req.Context())
	if req.Body != nil && req.Body != http.NoBody {
		if req.GetBody == nil {
			return nil, fmt.Errorf("cannot resend %s %s: body not replayable", req.Method, req.URL.Path)
		}
		body, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		r.Body = body
	}
	return r, nil
}

// rateLimitWait reports whether resp is a rate-limit answer and how long to
// wait: Retry-After first, then x-ratelimit-reset when nothing remains, else
// at least a minute.
func rateLimitWait(resp *http.Response, now time.Time) (time.Duration, bool) {
	switch resp.StatusCode {
	case http.StatusTooManyRequests:
	case http.StatusForbidden:
		if resp.Header.Get("Retry-After") == "" && resp.Header.Get("X-RateLimit-Remaining") != "0" && !mentionsRateLimit(resp) {
			return 0, false // an ordinary permission error
		}
	default:
		return 0, false
	}
	if ra := resp.Header.Get("Retry-After"); ra != "" {
		if secs, err := strconv.Atoi(strings.TrimSpace(ra)); err == nil && secs >= 0 {
			return time.Duration(secs) * time.Second, true
		}
		if at, err := http.ParseTime(ra); err == nil {
			return max(at.Sub(now), time.Second), true
		}
	}
	if resp.Header.Get("X-RateLimit-Remaining") == "0" {
		if reset, err := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64); err == nil {
			return max(time.Unix(reset, 0).Sub(now), time.Second), true
		}
	}
	return defaultLimitWait, true
}

// mentionsRateLimit peeks at a 403's body (restoring it for the caller) to
// tell a secondary rate limit from a permission error.
func mentionsRateLimit(resp *http.Response) bool {
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return err == nil && bytes.Contains(bytes.ToLower(body), []byte("rate limit"))
}
