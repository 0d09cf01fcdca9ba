package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/prcoach/prcoach/handlers"
)

// activityRetention is how long the dashboard's history is kept.
const activityRetention = 90 * 24 * time.Hour

// activityRecorder stores what handlers did in prcoach_activity.
type activityRecorder struct {
	store  *Store
	logger *slog.Logger
}

// Record implements handlers.Recorder. A failure to record is logged, never
// returned: the comment was posted, which is what matters.
func (r *activityRecorder) Record(ctx context.Context, a handlers.Activity) {
	_, err := r.store.db.ExecContext(context.WithoutCancel(ctx), `INSERT INTO prcoach_activity
		(at, kind, installation_id, owner, repo, pr, check_name, category, verdict, wording)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.At.UnixMilli(), a.Kind, a.InstallationID, a.Owner, a.Repo, a.PR, a.Check, a.Category, a.Verdict, a.Wording)
	if err != nil {
		r.logger.Warn("could not record activity", "kind", a.Kind, "error", err)
	}
}

// purgeActivity forgets activity older than the retention window.
func (s *Store) purgeActivity(ctx context.Context, now time.Time) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM prcoach_activity WHERE at < ?`, now.Add(-activityRetention).UnixMilli())
	return err
}
