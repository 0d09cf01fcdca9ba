package handlers

import (
	"context"

	"github.com/prcoach/prcoach/handlers/pull"
	"github.com/prcoach/prcoach/handlers/settings"
	"github.com/prcoach/prcoach/prompts"
)

// delivery is what one delivery reads at most once and shares between its
// steps: the repository it is about and that repository's settings.
type delivery struct {
	pull.Repo
	loader *settings.Loader
	read   bool
	conf   settings.Settings
	// problem describes mistakes in the settings file, for the checks
	// comment to mention; the defaults apply meanwhile.
	problem string
	err     error
}

// delivery starts the shared state of one delivery on r.
func (b *Base) delivery(r pull.Repo) *delivery {
	return &delivery{Repo: r, loader: b.settings}
}

// settings loads the repository's .github/prcoach.yml once per delivery
// (the loader caches it across deliveries too). A mistake in the file is
// logged and returned as text; load errors are returned, so the job retries.
func (d *delivery) settings(ctx context.Context) (settings.Settings, string, error) {
	if d.read {
		return d.conf, d.problem, d.err
	}
	d.read = true
	s, perr, err := d.loader.Load(ctx, d.GH, d.Owner, d.Name, "")
	d.conf, d.err = s, err
	if err == nil && perr != nil {
		Logger(ctx).Info("repository settings have mistakes; using defaults", "problems", len(perr.Problems))
		d.problem = perr.In(prompts.ResolveLocale(s.Language()).Tag)
	}
	return d.conf, d.problem, d.err
}

// language is the repository's reply language setting, for every text the
// delivery writes; English ("") when the settings cannot be read.
func (d *delivery) language(ctx context.Context) string {
	conf, _, err := d.settings(ctx)
	if err != nil {
		return ""
	}
	return conf.Language()
}
