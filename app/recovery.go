package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers"
	"github.com/prcoach/prcoach/store"
)

// Missed-delivery recovery: GitHub never retries a
// failed delivery by itself, so the app looks back at its own deliveries
// and asks GitHub to redeliver those that never succeeded and are not stored.
const (
	recoveryInterval = 10 * time.Minute
	recoveryWindow   = 2 * time.Hour // how far back each pass looks
	recoveryPages    = 10            // at most 1,000 deliveries a pass
)

// recoverer redelivers missed deliveries through the app's JWT client.
type recoverer struct {
	gh      *github.Client
	store   *store.Store
	accepts func(event, action string) bool
	logger  *slog.Logger
	now     func() time.Time

	mu    sync.Mutex
	asked map[string]time.Time // GUID → when a redelivery was requested
}

// newRecoverer builds the client recovery needs, authenticated with the
// app's JWT from jwt, the cache the installation clients sign with.
func newRecoverer(cfg Config, jwt *jwtCache, store *store.Store, accepts func(event, action string) bool, logger *slog.Logger) (*recoverer, error) {
	atr, err := jwt.appsTransport(http.DefaultTransport, strings.TrimSuffix(cfg.APIURL, "/"))
	if err != nil {
		return nil, err
	}
	gh := github.NewClient(&http.Client{Transport: atr, Timeout: 30 * time.Second})
	base, err := gh.BaseURL.Parse(cfg.APIURL)
	if err != nil {
		return nil, fmt.Errorf("GITHUB_API_URL: %w", err)
	}
	gh.BaseURL = base
	return &recoverer{gh: gh, store: store, accepts: accepts, logger: logger.With("component", "recovery"),
		now: cfg.Clock.Now, asked: map[string]time.Time{}}, nil
}

// recoverMissed makes a recovery pass every recoveryInterval until ctx
// ends, with the recovery of the GitHub access in force (none while unconfigured),
// on the leader only.
func (a *App) recoverMissed(ctx context.Context) {
	a.onLeaderEvery(ctx, recoveryInterval, func(ctx context.Context) {
		gh := a.github.Load()
		if gh == nil {
			return
		}
		r := gh.recovery
		if n, err := r.once(ctx); err != nil {
			r.logger.Warn("looking for missed deliveries failed", handlers.LogError, err)
		} else if n > 0 {
			r.logger.Info("asked GitHub to redeliver missed deliveries", "count", n)
		}
	})
}

// once lists recent deliveries and asks for each missed one to be sent
// again, at most once per GUID. It returns how many it asked for.
func (r *recoverer) once(ctx context.Context) (int, error) {
	since := r.now().Add(-recoveryWindow)
	ok := map[string]bool{}
	latest := map[string]*github.HookDelivery{}
	opts := &github.ListCursorOptions{PerPage: 100}
	for page := 0; page < recoveryPages; page++ {
		ds, resp, err := r.gh.Apps.ListHookDeliveries(ctx, opts)
		if err != nil {
			return 0, fmt.Errorf("listing the app's deliveries: %w", err)
		}
		old := false
		for _, d := range ds {
			if d.GetDeliveredAt().Time.Before(since) {
				old = true
				continue
			}
			guid := d.GetGUID()
			if code := d.GetStatusCode(); code >= 200 && code < 300 {
				ok[guid] = true
			}
			if cur := latest[guid]; cur == nil || d.GetDeliveredAt().After(cur.GetDeliveredAt().Time) {
				latest[guid] = d
			}
		}
		if old || resp.Cursor == "" {
			break
		}
		opts.Cursor = resp.Cursor
	}
	asked := 0
	for guid, d := range latest {
		if ok[guid] || !r.accepts(d.GetEvent(), d.GetAction()) || r.alreadyAsked(guid) {
			continue
		}
		stored, err := r.store.HasDelivery(ctx, guid)
		if err != nil {
			return asked, err
		}
		if stored {
			continue
		}
		// GitHub answers 202, which go-github reports as an AcceptedError.
		if _, _, err := r.gh.Apps.RedeliverHookDelivery(ctx, d.GetID()); err != nil && !errors.As(err, new(*github.AcceptedError)) {
			return asked, fmt.Errorf("redelivering %s: %w", guid, err)
		}
		r.remember(guid)
		asked++
	}
	return asked, nil
}

func (r *recoverer) alreadyAsked(guid string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.asked[guid]
	return ok
}

// remember notes a request, forgetting ones older than the window.
func (r *recoverer) remember(guid string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	for g, t := range r.asked {
		if now.Sub(t) > recoveryWindow {
			delete(r.asked, g)
		}
	}
	r.asked[guid] = now
}
