package settings

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/google/go-github/v60/github"
)

// DefaultTTL is how long a Loader keeps a repository's settings.
const DefaultTTL = 10 * time.Minute

// maxEntries bounds a Loader's cache; past it, expired entries are swept
// and, if that is not enough, the oldest go.
const maxEntries = 10000

// Loader fetches and caches settings per repository. It is safe for
// concurrent use.
type Loader struct {
	ttl time.Duration
	now func() time.Time

	mu      sync.Mutex
	entries map[string]entry // key: lower-case "owner/repo"
}

type entry struct {
	f  fetched
	at time.Time
}

// NewLoader returns a Loader that keeps settings for ttl ([DefaultTTL]
// when ttl <= 0), reading the time from now (time.Now when nil).
func NewLoader(ttl time.Duration, now func() time.Time) *Loader {
	if ttl <= 0 {
		ttl = DefaultTTL
	}
	if now == nil {
		now = time.Now
	}
	return &Loader{ttl: ttl, now: now, entries: map[string]entry{}}
}

// Load returns a repository's settings. defaultBranch is the repository's
// default branch from the event payload; when empty, the contents API's
// default (the default branch) is read.
//
// The three results keep apart what the caller does next:
//   - settings, nil, nil: use them.
//   - defaults, *ParseError, nil: the file has mistakes; use the defaults
//     and report the ParseError to the repository once. It is cached like
//     settings are, until the TTL passes or the file changes.
//   - defaults, nil, error: GitHub could not be asked (network, 5xx, rate
//     limit, 403); nothing is cached, and the job should be retried.
func (l *Loader) Load(ctx context.Context, gh *github.Client, owner, repo, defaultBranch string) (Settings, *ParseError, error) {
	key := cacheKey(owner, repo)
	if f, ok := l.get(key); ok {
		return f.s, f.perr, nil
	}
	f, err := fetch(ctx, gh, owner, repo, defaultBranch)
	if err != nil {
		return Default(), nil, err
	}
	l.put(key, f)
	return f.s, f.perr, nil
}

// Invalidate forgets a repository's settings, so the next Load reads them
// again; call it on a push to the default branch that touches [Path].
// Invalidating an owner's ".github" repository also forgets every
// repository of that owner that has no file of its own.
func (l *Loader) Invalidate(owner, repo string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.entries, cacheKey(owner, repo))
	if !strings.EqualFold(repo, orgRepo) {
		return
	}
	prefix := strings.ToLower(owner) + "/"
	for k, e := range l.entries {
		if strings.HasPrefix(k, prefix) && !e.f.inRepo {
			delete(l.entries, k)
		}
	}
}

func (l *Loader) get(key string) (fetched, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	e, ok := l.entries[key]
	if !ok || l.now().Sub(e.at) >= l.ttl {
		return fetched{}, false
	}
	return e.f, true
}

func (l *Loader) put(key string, f fetched) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.entries) >= maxEntries {
		l.sweep(now)
	}
	l.entries[key] = entry{f: f, at: now}
}

// sweep drops expired entries, then the oldest until there is room.
func (l *Loader) sweep(now time.Time) {
	for k, e := range l.entries {
		if now.Sub(e.at) >= l.ttl {
			delete(l.entries, k)
		}
	}
	for len(l.entries) >= maxEntries {
		var oldK string
		var oldT time.Time
		for k, e := range l.entries {
			if oldK == "" || e.at.Before(oldT) {
				oldK, oldT = k, e.at
			}
		}
		delete(l.entries, oldK)
	}
}

func cacheKey(owner, repo string) string { return strings.ToLower(owner + "/" + repo) }
