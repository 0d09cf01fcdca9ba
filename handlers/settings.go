package handlers

import (
	"context"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/settings"
)

// repoSettings loads the repository's .github/prcoach.yml (cached). A
// mistake in the file is logged and returned as text for the checks comment
// to mention; the defaults apply meanwhile. Load errors are returned, so
// the job retries.
func (b *Base) repoSettings(ctx context.Context, gh *github.Client, owner, repo string) (settings.Settings, string, error) {
	s, perr, err := b.settings.Load(ctx, gh, owner, repo, "")
	if err != nil {
		return s, "", err
	}
	if perr != nil {
		Logger(ctx).Info("repository settings have mistakes; using defaults", "problems", len(perr.Problems))
		return s, perr.Error(), nil
	}
	return s, "", nil
}
