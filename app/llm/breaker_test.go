package llm

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// failingThenOK serves n server errors, then successes.
func failingThenOK(n int) []reply {
	rs := make([]reply, 0, n+1)
	for range n {
		rs = append(rs, serverError)
	}
	return append(rs, ok)
}

func TestBreakerOpensAfterConsecutiveFailures(t *testing.T) {
	f := newFake(t, failingThenOK(3)...)
	c, _, clk := testClient(t, f.srv.URL, func(o *Options) {
		o.MaxRetries, o.BreakerThreshold, o.BreakerCooldown = -1, 3, time.Minute
	})
	ctx := context.Background()
	for i := range 3 {
		if _, err := c.Complete(ctx, samplePrompt); err == nil || errors.Is(err, ErrCircuitOpen) {
			t.Fatalf("call %d: error %v, want a server error", i+1, err)
		}
	}
	_, err := c.Complete(ctx, samplePrompt)
	if !errors.Is(err, ErrCircuitOpen) {
		t.Fatalf("4th call: error %v, want ErrCircuitOpen", err)
	}
	if n := len(f.got()); n != 3 {
		t.Errorf("%d requests, want 3: an open circuit sends nothing", n)
	}
	clk.advance(59 * time.Second)
	if _, err := c.Complete(ctx, samplePrompt); !errors.Is(err, ErrCircuitOpen) {
		t.Errorf("before the cool-down ends: error %v, want ErrCircuitOpen", err)
	}
	clk.advance(time.Second)
	if _, err := c.Complete(ctx, samplePrompt); err != nil {
		t.Fatalf("trial call after the cool-down: %v", err)
	}
	if _, err := c.Complete(ctx, samplePrompt); err != nil {
		t.Errorf("after a successful trial the circuit is closed, got %v", err)
	}
	if n := len(f.got()); n != 5 {
		t.Errorf("%d requests, want 5", n)
	}
}

func TestBreakerFailedTrialReopens(t *testing.T) {
	f := newFake(t, failingThenOK(3)...)
	c, _, clk := testClient(t, f.srv.URL, func(o *Options) {
		o.MaxRetries, o.BreakerThreshold, o.BreakerCooldown = -1, 2, time.Minute
	})
	ctx := context.Background()
	c.Complete(ctx, samplePrompt)
	c.Complete(ctx, samplePrompt)
	clk.advance(time.Minute)
	if _, err := c.Complete(ctx, samplePrompt); err == nil || errors.Is(err, ErrCircuitOpen) {
		t.Fatalf("trial call: error %v, want the server's error", err)
	}
	if _, err := c.Complete(ctx, samplePrompt); !errors.Is(err, ErrCircuitOpen) {
		t.Errorf("after a failed trial: error %v, want ErrCircuitOpen again", err)
	}
	clk.advance(time.Minute)
	if _, err := c.Complete(ctx, samplePrompt); err != nil {
		t.Errorf("second trial: %v", err)
	}
}

func TestBreakerHalfOpenLetsOneCallThrough(t *testing.T) {
	gate := make(chan struct{})
	f := newFake(t, serverError, reply{status: 200, file: "chat_ok.json", gate: gate})
	c, _, clk := testClient(t, f.srv.URL, func(o *Options) {
		o.MaxRetries, o.BreakerThreshold, o.BreakerCooldown = -1, 1, time.Minute
	})
	ctx := context.Background()
	c.Complete(ctx, samplePrompt)
	clk.advance(time.Minute)

	var wg sync.WaitGroup
	var trialErr error
	wg.Go(func() { _, trialErr = c.Complete(ctx, samplePrompt) })
	waitFor(t, func() bool { return len(f.got()) == 2 }) // the trial reached the server
	const others = 5
	for range others {
		if _, err := c.Complete(ctx, samplePrompt); !errors.Is(err, ErrCircuitOpen) {
			t.Errorf("call during the trial: error %v, want ErrCircuitOpen", err)
		}
	}
	close(gate)
	wg.Wait()
	if trialErr != nil {
		t.Errorf("trial call: %v", trialErr)
	}
	if n := len(f.got()); n != 2 {
		t.Errorf("%d requests, want 2: only the trial goes through while half-open", n)
	}
}

func TestCallerCancelDoesNotCountAsFailure(t *testing.T) {
	f := newFake(t, reply{status: 200, file: "chat_ok.json", delay: 5 * time.Second})
	c, _, _ := testClient(t, f.srv.URL, func(o *Options) { o.BreakerThreshold = 1 })
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := c.Complete(ctx, samplePrompt); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v, want the caller's deadline", err)
	}
	if err := c.breaker.allow(); err != nil {
		t.Errorf("a caller's own deadline opened the circuit: %v", err)
	}
}

// waitFor polls cond for up to 5 s.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("condition not met within 5 s")
}
