package app

import (
	"context"
	"log/slog"

	"github.com/prcoach/prcoach/handlers"
	"github.com/prcoach/prcoach/store"
)

// activityRecorder stores what handlers did, for the dashboard.
type activityRecorder struct {
	store  *store.Store
	logger *slog.Logger
}

// Record implements handlers.Recorder. A failure to record is logged, never
// returned: the comment was posted, which is what matters.
func (r *activityRecorder) Record(ctx context.Context, a handlers.Activity) {
	err := r.store.RecordActivity(ctx, store.Activity{At: a.At, Kind: a.Kind, InstallationID: a.InstallationID,
		Owner: a.Owner, Repo: a.Repo, PR: a.PR, Check: a.Check, Category: a.Category, Verdict: a.Verdict, Wording: a.Wording})
	if err != nil {
		r.logger.Warn("could not record activity", "kind", a.Kind, handlers.LogError, err)
	}
}
