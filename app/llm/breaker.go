package llm

import (
	"fmt"
	"sync"
	"time"
)

// breaker stops calling a model that keeps failing. After threshold
// consecutive failed calls it opens for cooldown; then it is half-open and
// lets one call through: success closes it, failure opens it again.
type breaker struct {
	threshold int
	cooldown  time.Duration
	now       func() time.Time

	mu        sync.Mutex
	failures  int       // consecutive failed calls
	openUntil time.Time // zero while closed
	probing   bool      // the half-open call is in flight
}

func newBreaker(threshold int, cooldown time.Duration, now func() time.Time) *breaker {
	return &breaker{threshold: threshold, cooldown: cooldown, now: now}
}

// allow reports whether a call may go ahead; a nil error lets it through,
// and the caller must then report success, failure or release.
func (b *breaker) allow() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.openUntil.IsZero() {
		return nil
	}
	if now := b.now(); now.Before(b.openUntil) {
		return fmt.Errorf("%w after %d failed calls in a row, retrying in %s", ErrCircuitOpen, b.failures, b.openUntil.Sub(now).Round(time.Second))
	}
	if b.probing {
		return fmt.Errorf("%w: a trial call is in flight", ErrCircuitOpen)
	}
	b.probing = true
	return nil
}

// success closes the breaker.
func (b *breaker) success() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.failures, b.openUntil, b.probing = 0, time.Time{}, false
}

// failure counts a failed call, opening the breaker at the threshold or
// again after a failed trial call.
func (b *breaker) failure() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.failures++
	if b.probing || b.failures >= b.threshold {
		b.openUntil = b.now().Add(b.cooldown)
	}
	b.probing = false
}

// release ends a call that says nothing about the model (the caller gave
// up), letting another trial call through.
func (b *breaker) release() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.probing = false
}
