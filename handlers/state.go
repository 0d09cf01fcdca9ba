package handlers

import (
	"errors"
	"fmt"
	"sync"
	"time"
)

// The state handlers share across deliveries, all in memory and bounded:
// per-PR locks, caches of finished runs' analyses, the model-call budget
// and the /explain cooldowns.

// keyedMutex serialises work per key (a pull request), so two deliveries for
// the same PR never both decide to create its comment.
type keyedMutex struct {
	mu    sync.Mutex
	locks map[string]*refLock
}

type refLock struct {
	sync.Mutex
	refs int
}

// Lock locks key and returns its unlock function.
func (k *keyedMutex) Lock(key string) (unlock func()) {
	k.mu.Lock()
	if k.locks == nil {
		k.locks = map[string]*refLock{}
	}
	l := k.locks[key]
	if l == nil {
		l = &refLock{}
		k.locks[key] = l
	}
	l.refs++
	k.mu.Unlock()
	l.Lock()
	return func() {
		l.Unlock()
		k.mu.Lock()
		if l.refs--; l.refs == 0 {
			delete(k.locks, key)
		}
		k.mu.Unlock()
	}
}

// lru remembers results for finished runs (a finished run's log never
// changes), bounded, evicting the oldest.
type lru[V any] struct {
	mu    sync.Mutex
	max   int
	order []string
	items map[string]V
}

func newLRU[V any](n int) *lru[V] {
	return &lru[V]{max: n, items: map[string]V{}}
}

func (c *lru[V]) get(key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.items[key]
	return v, ok
}

func (c *lru[V]) put(key string, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[key]; ok {
		return
	}
	if len(c.order) >= c.max {
		delete(c.items, c.order[0])
		c.order = c.order[1:]
	}
	c.order = append(c.order, key)
	c.items[key] = v
}

// Model-call budget per installation: a noisy repository cannot spend
// everyone's quota; past it the offline coach answers.
const (
	modelCallsPerHour = 120
)

// errModelBudget says an installation used its model calls for the hour.
var errModelBudget = errors.New("model call budget for this installation reached; offline wording used")

// modelBudget counts model calls per installation in fixed hourly windows.
type modelBudget struct {
	mu     sync.Mutex
	window time.Time
	used   map[int64]int
}

func (m *modelBudget) take(installation int64, now time.Time) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	w := now.Truncate(time.Hour)
	if !w.Equal(m.window) || m.used == nil {
		m.window, m.used = w, map[int64]int{}
	}
	if m.used[installation] >= modelCallsPerHour {
		return false
	}
	m.used[installation]++
	return true
}

// Cooldowns for /explain, per pull request and per person, so no one can
// make the app answer in a burst; each window gets at most one friendly
// "try again later".
const (
	explainCooldownPR   = 30 * time.Second
	explainCooldownUser = 60 * time.Second
)

// explainCooldown remembers recent /explain answers per PR and per user.
type explainCooldown struct {
	mu   sync.Mutex
	last map[string]time.Time // key → when the last answer was given
	told map[string]bool      // key → a "try again later" note was posted in this window
}

// hit reports whether c falls in a cooldown, and whether this is the first
// time in the window (so one friendly note is posted, never more).
func (e *explainCooldown) hit(c Comment, now time.Time) (wait, first bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.last == nil {
		e.last, e.told = map[string]time.Time{}, map[string]bool{}
	}
	prKey := fmt.Sprintf("pr:%s/%s#%d", c.Owner, c.Repo, c.Number)
	userKey := "user:" + c.Author
	keys := []struct {
		key string
		d   time.Duration
	}{{prKey, explainCooldownPR}, {userKey, explainCooldownUser}}
	for _, k := range keys {
		if t, ok := e.last[k.key]; ok && now.Sub(t) < k.d {
			wait = true
		}
	}
	if wait {
		first = !e.told[prKey] && !e.told[userKey]
		e.told[prKey], e.told[userKey] = true, true
		return true, first
	}
	e.last[prKey], e.last[userKey] = now, now
	delete(e.told, prKey)
	delete(e.told, userKey)
	return false, false
}
