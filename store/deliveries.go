package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Delivery states in prcoach_deliveries.
const (
	StatusQueued = "queued"
	StatusDone   = "done"
	StatusFailed = "failed" // a permanent error: retrying would not help
	StatusDead   = "dead"   // every attempt failed; the payload is kept for replay
)

// DeliveryRetention is how long a delivery's GUID is remembered, so GitHub's
// redeliveries (possible for 3 days) are recognised, with five days to
// spare for a server that was down or a GUID replayed by hand.
const DeliveryRetention = 8 * 24 * time.Hour

// ErrNotFound says a delivery is not stored (never was, or was purged).
var ErrNotFound = errors.New("delivery not stored")

// StoredDelivery is a stored delivery as its worker reads it.
type StoredDelivery struct {
	ID, Event, Action string
	InstallationID    int64
	Repository        string
	Status            string
	Payload           []byte
}

// LoadDelivery reads a stored delivery; ErrNotFound when it is not stored.
func (s *Store) LoadDelivery(ctx context.Context, id string) (StoredDelivery, error) {
	defer s.shared()()
	d := StoredDelivery{ID: id}
	err := s.queryRow(ctx, `SELECT event, action, installation_id, repository, status, payload
		FROM prcoach_deliveries WHERE id = ?`, id).
		Scan(&d.Event, &d.Action, &d.InstallationID, &d.Repository, &d.Status, &d.Payload)
	if errors.Is(err, sql.ErrNoRows) {
		return d, ErrNotFound
	}
	if err != nil {
		return d, err
	}
	d.Payload, err = unpackPayload(d.Payload)
	return d, err
}

// FinishDelivery records a delivery's end. A done delivery drops its
// payload (the GUID stays, for deduplication); a dead one keeps it for
// replay. A failure to record is ignored: the work is done.
func (s *Store) FinishDelivery(ctx context.Context, id, status, outcome string, attempts int, lastErr string) {
	defer s.shared()()
	q := `UPDATE prcoach_deliveries SET status = ?, outcome = ?, attempts = ?, last_error = ?, finished_at = ?`
	if status == StatusDone {
		q += `, payload = NULL`
	}
	_, _ = s.exec(context.WithoutCancel(ctx), q+` WHERE id = ?`,
		status, outcome, attempts, truncate(lastErr, 500), time.Now().UnixMilli(), id)
}

// NoteAttempt records a failed attempt that will be retried.
func (s *Store) NoteAttempt(ctx context.Context, id string, attempts int, lastErr string) {
	defer s.shared()()
	_, _ = s.exec(context.WithoutCancel(ctx),
		`UPDATE prcoach_deliveries SET attempts = ?, last_error = ? WHERE id = ?`, attempts, truncate(lastErr, 500), id)
}

// PurgeDeliveries forgets finished deliveries older than the retention
// window; dead letters are kept three times as long.
func (s *Store) PurgeDeliveries(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.exec(ctx, `DELETE FROM prcoach_deliveries
		WHERE (status != ? AND status != ? AND received_at < ?) OR received_at < ?`,
		StatusDead, StatusQueued, now.Add(-DeliveryRetention).UnixMilli(), now.Add(-3*DeliveryRetention).UnixMilli())
	if err != nil {
		return 0, fmt.Errorf("purging old deliveries: %w", err)
	}
	return res.RowsAffected()
}

// HasDelivery reports whether a delivery with this GUID is stored.
func (s *Store) HasDelivery(ctx context.Context, guid string) (bool, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM prcoach_deliveries WHERE id = ?`, guid).Scan(&n)
	return n > 0, err
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
