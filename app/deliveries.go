package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/prcoach/prcoach/handlers"
)

// Delivery states in prcoach_deliveries.
const (
	statusQueued = "queued"
	statusDone   = "done"
	statusFailed = "failed" // a permanent error: retrying would not help
	statusDead   = "dead"   // every attempt failed; the payload is kept for replay
)

// deliveryRetention is how long a delivery's GUID is remembered, so GitHub's
// redeliveries (possible for 3 days) are recognised; R2 asks for 8 days.
const deliveryRetention = 8 * 24 * time.Hour

// loadDelivery reads a stored delivery as the event its handler receives.
func (s *Store) loadDelivery(ctx context.Context, id string) (handlers.Event, string, error) {
	var ev handlers.Event
	var repo, status string
	err := s.db.QueryRowContext(ctx, `SELECT event, action, installation_id, repository, status, payload
		FROM prcoach_deliveries WHERE id = ?`, id).
		Scan(&ev.Name, &ev.Action, &ev.InstallationID, &repo, &status, &ev.Payload)
	if err != nil {
		return ev, "", err
	}
	ev.DeliveryID = id
	ev.Owner, ev.Repo, _ = strings.Cut(repo, "/")
	return ev, status, nil
}

// finishDelivery records a delivery's end. A done delivery drops its payload
// (the GUID stays, for deduplication); a dead one keeps it for replay.
func (s *Store) finishDelivery(ctx context.Context, id, status, outcome string, attempts int, lastErr string) {
	q := `UPDATE prcoach_deliveries SET status = ?, outcome = ?, attempts = ?, last_error = ?, finished_at = ?`
	if status == statusDone {
		q += `, payload = NULL`
	}
	// A failure to record the outcome must not fail the job: the work is done.
	_, _ = s.db.ExecContext(context.WithoutCancel(ctx), q+` WHERE id = ?`,
		status, outcome, attempts, truncate(lastErr, 500), time.Now().UnixMilli(), id)
}

// noteAttempt records a failed attempt that will be retried.
func (s *Store) noteAttempt(ctx context.Context, id string, attempts int, lastErr string) {
	_, _ = s.db.ExecContext(context.WithoutCancel(ctx),
		`UPDATE prcoach_deliveries SET attempts = ?, last_error = ? WHERE id = ?`, attempts, truncate(lastErr, 500), id)
}

// purgeDeliveries forgets finished deliveries older than the retention
// window; dead letters are kept three times as long.
func (s *Store) purgeDeliveries(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM prcoach_deliveries
		WHERE (status != ? AND status != ? AND received_at < ?) OR received_at < ?`,
		statusDead, statusQueued, now.Add(-deliveryRetention).UnixMilli(), now.Add(-3*deliveryRetention).UnixMilli())
	if err != nil {
		return 0, fmt.Errorf("purging old deliveries: %w", err)
	}
	return res.RowsAffected()
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
