package app

import (
	"log/slog"
	"net/http"

	"github.com/prcoach/prcoach/store"
)

// githubAccess is how the app reaches GitHub as one GitHub App, built in
// one place from the app's credentials:
//   - clients, the installation clients the handlers use: the app's JWT
//     signed once per nine minutes (github_jwt.go), and per installation a
//     transport that paces writes and waits out rate limits (ratelimit.go),
//     those waits shared by every replica when they share PostgreSQL;
//   - recovery, which asks GitHub to redeliver missed deliveries
//     (recovery.go), signing with the same JWT cache.
//
// The app holds one while it has a GitHub App; setup builds a new one for
// the app it registers.
type githubAccess struct {
	clients  *githubClients
	recovery *recoverer
}

// githubDeps is what githubAccess takes from the app around it.
type githubDeps struct {
	store   *store.Store
	metrics *metrics
	logger  *slog.Logger
	// accepts reports whether the router in force takes an event with an
	// action; recovery asks again only for those.
	accepts func(event, action string) bool
	// login is the app's bot login when known (setup knows it), else ""
	// and it is asked of GitHub once.
	login string
}

// newGitHubAccess builds the app's way to GitHub from cfg's credentials.
func newGitHubAccess(cfg Config, d githubDeps) (*githubAccess, error) {
	gh, err := newGitHubClients(cfg, http.DefaultTransport, cfg.Clock, d.metrics)
	if err != nil {
		return nil, err
	}
	gh.shared = sharedLimitsIn(d.store)
	if d.login != "" {
		gh.login = d.login
	}
	rec, err := newRecoverer(cfg, gh.jwt, d.store, d.accepts, d.logger)
	if err != nil {
		return nil, err
	}
	return &githubAccess{clients: gh, recovery: rec}, nil
}

// sharedLimitsIn is where GitHub's waits are kept: the database when
// replicas share one (PostgreSQL), else nil, this process's memory.
func sharedLimitsIn(s *store.Store) sharedLimits {
	if s.Dialect() != store.Postgres {
		return nil
	}
	return s
}
