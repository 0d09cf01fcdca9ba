package app

import (
	"context"
	"net/http"
	"slices"

	"github.com/prcoach/prcoach/handlers"
)

// adoptApp switches the running server to cfg, the configuration the setup
// flow hands over for the app it registered; login is that app's bot login,
// "" when GitHub did not say. GitHub clients and handlers are built with
// its credentials first, then its webhook secret, so no delivery is
// accepted before the handlers can act on it.
func (a *App) adoptApp(cfg Config, login string) error {
	gh, err := newGitHubClients(cfg, http.DefaultTransport, cfg.Clock, a.metrics)
	if err != nil {
		return err
	}
	gh.shared = a.sharedLimits()
	rec, err := newRecoverer(cfg, a.store, a.accepts, a.logger)
	if err != nil {
		return err
	}
	if login != "" {
		gh.login = login
	}
	opts := a.handlerOpts
	opts.Clients = gh
	opts.Secrets = append(slices.Clone(opts.Secrets), cfg.WebhookSecret, cfg.PrivateKey)
	a.redactor.set(opts.Secrets)
	a.live.Store(newRouter(handlers.All(handlers.NewBase(opts))))
	a.setSecrets(cfg.WebhookSecret, "")
	a.recoverer.Store(rec)
	a.configured.Store(true)
	return nil
}

// accepts reports whether the router in force takes event with action.
func (a *App) accepts(event, action string) bool { return a.live.Load().accepts(event, action) }

// dispatch hands a delivery to the handlers in force: those New built, or
// those the setup flow built with the app it registered.
func (a *App) dispatch(ctx context.Context, ev handlers.Event) (string, error) {
	return a.live.Load().dispatch(ctx, ev)
}
