package app

import (
	"context"
	"slices"

	"github.com/prcoach/prcoach/handlers"
)

// adoptApp switches the running server to cfg, the configuration the setup
// flow hands over for the app it registered; login is that app's bot login,
// "" when GitHub did not say. GitHub clients and handlers are built with
// its credentials first, then its webhook secret, so no delivery is
// accepted before the handlers can act on it.
func (a *App) adoptApp(cfg Config, login string) error {
	gh, err := newGitHubAccess(cfg, a.githubDeps(login))
	if err != nil {
		return err
	}
	opts := a.handlerOpts
	opts.Clients = gh.clients
	opts.Secrets = append(slices.Clone(opts.Secrets), cfg.WebhookSecret, cfg.PrivateKey)
	a.redactor.set(opts.Secrets)
	a.live.Store(newRouter(handlers.All(handlers.NewBase(opts))))
	a.setSecrets(cfg.WebhookSecret, "")
	a.github.Store(gh)
	a.configured.Store(true)
	return nil
}

// githubDeps is what the app's way to GitHub takes from the app, with the
// app's bot login when known.
func (a *App) githubDeps(login string) githubDeps {
	return githubDeps{store: a.store, metrics: a.metrics, logger: a.logger, accepts: a.accepts, login: login}
}

// accepts reports whether the router in force takes event with action.
func (a *App) accepts(event, action string) bool { return a.live.Load().accepts(event, action) }

// dispatch hands a delivery to the handlers in force: those New built, or
// those the setup flow built with the app it registered.
func (a *App) dispatch(ctx context.Context, ev handlers.Event) (string, error) {
	return a.live.Load().dispatch(ctx, ev)
}
