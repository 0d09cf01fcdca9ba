package store

import (
	"context"
	"fmt"
	"time"
)

// The dashboard's and metrics' queries: every one reads a bounded slice,
// counts, names and times, never comment text.

// Count is a name and how many rows carry it.
type Count = map[string]int

// ActivityKinds counts activity by kind since a moment.
func (s *Store) ActivityKinds(ctx context.Context, since time.Time) (Count, error) {
	return s.tally(ctx, `SELECT kind, COUNT(*) FROM prcoach_activity WHERE at >= ? GROUP BY kind`, since.UnixMilli())
}

// ActivityCategories counts activity of kind by category since a moment,
// the largest limit categories.
func (s *Store) ActivityCategories(ctx context.Context, kind string, since time.Time, limit int) (Count, error) {
	return s.tally(ctx, `SELECT category, COUNT(*) FROM prcoach_activity WHERE kind = ? AND at >= ?
		GROUP BY category ORDER BY COUNT(*) DESC, category LIMIT ?`, kind, since.UnixMilli(), limit)
}

// ActivityVerdicts counts activity of kind by verdict since a moment.
func (s *Store) ActivityVerdicts(ctx context.Context, kind string, since time.Time) (Count, error) {
	return s.tally(ctx, `SELECT verdict, COUNT(*) FROM prcoach_activity WHERE kind = ? AND at >= ? GROUP BY verdict`,
		kind, since.UnixMilli())
}

// ActivityWording counts worded comments by who worded them since a moment.
func (s *Store) ActivityWording(ctx context.Context, since time.Time) (Count, error) {
	return s.tally(ctx, `SELECT wording, COUNT(*) FROM prcoach_activity WHERE wording != '' AND at >= ? GROUP BY wording`,
		since.UnixMilli())
}

// DeliveryTotals counts the kept deliveries by status.
func (s *Store) DeliveryTotals(ctx context.Context) (Count, error) {
	return s.tally(ctx, `SELECT status, COUNT(*) FROM prcoach_deliveries GROUP BY status`)
}

// tally runs a two-column query (name, count) with args.
func (s *Store) tally(ctx context.Context, query string, args ...any) (Count, error) {
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("dashboard query: %w", err)
	}
	defer rows.Close()
	out := Count{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, fmt.Errorf("dashboard query: %w", err)
		}
		out[k] = n
	}
	return out, rows.Err()
}

// PREvent is one activity row of a pull request.
type PREvent struct {
	Owner, Repo string
	PR          int
	Kind        string
	At          time.Time
}

// PRActivity is the activity of the given kinds on pull requests since a
// moment, ordered by pull request then time, at most limit rows.
func (s *Store) PRActivity(ctx context.Context, since time.Time, kindA, kindB string, limit int) ([]PREvent, error) {
	rows, err := s.query(ctx, `SELECT owner, repo, pr, kind, at FROM prcoach_activity
		WHERE at >= ? AND pr > 0 AND kind IN (?, ?) ORDER BY owner, repo, pr, at, id LIMIT ?`,
		since.UnixMilli(), kindA, kindB, limit)
	if err != nil {
		return nil, fmt.Errorf("dashboard query: %w", err)
	}
	defer rows.Close()
	var out []PREvent
	for rows.Next() {
		var e PREvent
		var at int64
		if err := rows.Scan(&e.Owner, &e.Repo, &e.PR, &e.Kind, &at); err != nil {
			return nil, fmt.Errorf("dashboard query: %w", err)
		}
		e.At = time.UnixMilli(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// Installation is an account the app is installed on.
type Installation struct {
	ID      int64
	Account string
	Since   time.Time
	// Repositories is a JSON list, or when FromDeliveries a comma list.
	Repositories string
	// FromDeliveries says the row was inferred from deliveries: nothing
	// recorded installations yet.
	FromDeliveries bool
}

// Installations lists the newest limit installations. Until the
// installation table has rows, the installations seen in deliveries stand in.
func (s *Store) Installations(ctx context.Context, limit int) ([]Installation, error) {
	out, err := s.listInstallations(ctx, `SELECT id, account, since, repositories FROM prcoach_installations
		ORDER BY since DESC LIMIT ?`, limit, false)
	if err != nil || len(out) > 0 {
		return out, err
	}
	concat := `COALESCE(GROUP_CONCAT(DISTINCT repository), '')`
	if s.dialect == Postgres {
		concat = `COALESCE(string_agg(DISTINCT repository, ','), '')`
	}
	return s.listInstallations(ctx, `SELECT installation_id, '', MIN(received_at), `+concat+`
		FROM prcoach_deliveries WHERE installation_id != 0 GROUP BY installation_id ORDER BY MIN(received_at) DESC LIMIT ?`,
		limit, true)
}

func (s *Store) listInstallations(ctx context.Context, query string, limit int, inferred bool) ([]Installation, error) {
	rows, err := s.query(ctx, query, limit)
	if err != nil {
		return nil, fmt.Errorf("dashboard query: %w", err)
	}
	defer rows.Close()
	var out []Installation
	for rows.Next() {
		in := Installation{FromDeliveries: inferred}
		var since int64
		if err := rows.Scan(&in.ID, &in.Account, &since, &in.Repositories); err != nil {
			return nil, fmt.Errorf("dashboard query: %w", err)
		}
		in.Since = time.UnixMilli(since)
		out = append(out, in)
	}
	return out, rows.Err()
}

// DayCount is how many deliveries of a status arrived on a UTC day.
type DayCount struct {
	Day    time.Time
	Status string
	N      int
}

// DeliveriesByDay counts deliveries by UTC day and status since a moment.
func (s *Store) DeliveriesByDay(ctx context.Context, since time.Time) ([]DayCount, error) {
	rows, err := s.query(ctx, `SELECT received_at / 86400000, status, COUNT(*) FROM prcoach_deliveries
		WHERE received_at >= ? GROUP BY 1, 2`, since.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("dashboard query: %w", err)
	}
	defer rows.Close()
	var out []DayCount
	for rows.Next() {
		var c DayCount
		var day int64
		if err := rows.Scan(&day, &c.Status, &c.N); err != nil {
			return nil, fmt.Errorf("dashboard query: %w", err)
		}
		c.Day = time.Unix(day*86400, 0).UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}

// DeliveryRow is a stored delivery as the dashboard lists it.
type DeliveryRow struct {
	ID, Event, Action, Repository string
	Received                      time.Time
	Status, Outcome               string
	Attempts                      int
}

// RecentDeliveries lists the newest limit deliveries.
func (s *Store) RecentDeliveries(ctx context.Context, limit int) ([]DeliveryRow, error) {
	rows, err := s.query(ctx, `SELECT id, event, action, repository, received_at, status, outcome, attempts
		FROM prcoach_deliveries ORDER BY received_at DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("dashboard query: %w", err)
	}
	defer rows.Close()
	var out []DeliveryRow
	for rows.Next() {
		var d DeliveryRow
		var at int64
		if err := rows.Scan(&d.ID, &d.Event, &d.Action, &d.Repository, &at, &d.Status, &d.Outcome, &d.Attempts); err != nil {
			return nil, fmt.Errorf("dashboard query: %w", err)
		}
		d.Received = time.UnixMilli(at)
		out = append(out, d)
	}
	return out, rows.Err()
}

// QueueStats is the queue's state for the metrics.
type QueueStats struct {
	Depth, Dead int
	// Oldest is when the oldest unprocessed delivery arrived (zero when none).
	Oldest time.Time
}

// QueueStats reads the queue's depth, oldest delivery and dead letters.
func (s *Store) QueueStats(ctx context.Context) (QueueStats, error) {
	var q QueueStats
	var oldest *int64
	err := s.queryRow(ctx, `SELECT
		COUNT(*) FILTER (WHERE status = 'queued'), MIN(received_at) FILTER (WHERE status = 'queued'),
		COUNT(*) FILTER (WHERE status = 'dead') FROM prcoach_deliveries`).Scan(&q.Depth, &oldest, &q.Dead)
	if err == nil && oldest != nil {
		q.Oldest = time.UnixMilli(*oldest)
	}
	return q, err
}
