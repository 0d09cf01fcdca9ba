package web

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sync"
	"time"
)

const (
	// StateTTL bounds how long a state is honoured. GitHub's manifest code
	// lasts an hour; registering takes a minute or two.
	StateTTL = 30 * time.Minute
	// MaxStates bounds the states kept for pages opened but never used.
	MaxStates = 64
)

// States hands out random, single-use, short-lived states for forms that
// come back through another site (the manifest flow's state parameter).
// They live in memory only. The zero value is ready to use.
type States struct {
	mu      sync.Mutex
	pending map[string]time.Time // state → expiry
}

// New hands out a fresh state, forgetting expired ones and, past MaxStates,
// the one closest to expiring.
func (s *States) New(now time.Time) (string, error) {
	var b [24]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("making a state: %w", err)
	}
	state := hex.EncodeToString(b[:])
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pending == nil {
		s.pending = map[string]time.Time{}
	}
	oldest, oldestAt := "", now.Add(StateTTL)
	for st, exp := range s.pending {
		if !exp.After(now) {
			delete(s.pending, st)
		} else if exp.Before(oldestAt) {
			oldest, oldestAt = st, exp
		}
	}
	if len(s.pending) >= MaxStates {
		delete(s.pending, oldest)
	}
	s.pending[state] = now.Add(StateTTL)
	return state, nil
}

// Take reports whether state was handed out and is still valid, and
// forgets it either way: a state works once.
func (s *States) Take(state string, now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	exp, ok := s.pending[state]
	delete(s.pending, state)
	return ok && exp.After(now)
}
