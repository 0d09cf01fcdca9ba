package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Limits every replica shares, per installation, in prcoach_limits.

// TakeModelCall counts one model call against installation's budget of
// limit calls in the window starting at window; it reports false, counting
// nothing, when the window's calls are used up.
func (s *Store) TakeModelCall(ctx context.Context, installation int64, window time.Time, limit int) (bool, error) {
	defer s.shared()()
	var used int
	err := s.queryRow(ctx, `INSERT INTO prcoach_limits (installation_id, budget_window, budget_used) VALUES (?, ?, 1)
		ON CONFLICT (installation_id) DO UPDATE SET
			budget_used = CASE WHEN prcoach_limits.budget_window = excluded.budget_window
				THEN prcoach_limits.budget_used + 1 ELSE 1 END,
			budget_window = excluded.budget_window
		WHERE prcoach_limits.budget_window != excluded.budget_window OR prcoach_limits.budget_used < ?
		RETURNING budget_used`, installation, window.UnixMilli(), limit).Scan(&used)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("counting a model call: %w", err)
	}
	return true, nil
}

// WriteSlot reserves installation's next write to GitHub: the returned
// moment is at least gap after the previous reservation, whichever
// replica made it, and not before now.
func (s *Store) WriteSlot(ctx context.Context, installation int64, now time.Time, gap time.Duration) (time.Time, error) {
	defer s.shared()()
	var next int64
	n, g := now.UnixMilli(), gap.Milliseconds()
	err := s.queryRow(ctx, `INSERT INTO prcoach_limits (installation_id, next_write) VALUES (?, ?)
		ON CONFLICT (installation_id) DO UPDATE SET
			next_write = CASE WHEN prcoach_limits.next_write > ? THEN prcoach_limits.next_write ELSE ? END + ?
		RETURNING next_write`, installation, n+g, n, n, g).Scan(&next)
	if err != nil {
		return now, fmt.Errorf("reserving a write slot: %w", err)
	}
	return time.UnixMilli(next - g), nil
}

// LimitedUntil is when a rate limit GitHub set on installation ends, as
// any replica recorded it (before now when there is none).
func (s *Store) LimitedUntil(ctx context.Context, installation int64) (time.Time, error) {
	defer s.shared()()
	var until int64
	err := s.queryRow(ctx, `SELECT wait_until FROM prcoach_limits WHERE installation_id = ?`, installation).Scan(&until)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("reading rate limits: %w", err)
	}
	return time.UnixMilli(until), nil
}

// NoteLimit records that GitHub asked installation's requests to wait until until.
func (s *Store) NoteLimit(ctx context.Context, installation int64, until time.Time) error {
	defer s.shared()()
	u := until.UnixMilli()
	_, err := s.exec(ctx, `INSERT INTO prcoach_limits (installation_id, wait_until) VALUES (?, ?)
		ON CONFLICT (installation_id) DO UPDATE SET
			wait_until = CASE WHEN prcoach_limits.wait_until > ? THEN prcoach_limits.wait_until ELSE ? END`,
		installation, u, u, u)
	if err != nil {
		return fmt.Errorf("recording a rate limit: %w", err)
	}
	return nil
}

// PutSetupState keeps a setup page's one-time state until expires, so the
// callback may reach any replica; past max kept states the oldest go.
func (s *Store) PutSetupState(ctx context.Context, state string, now, expires time.Time, max int) error {
	defer s.shared()()
	if _, err := s.exec(ctx, `DELETE FROM prcoach_setup_states WHERE expires_at <= ? OR state NOT IN
		(SELECT state FROM prcoach_setup_states ORDER BY expires_at DESC LIMIT ?)`,
		now.UnixMilli(), max-1); err != nil {
		return fmt.Errorf("keeping a setup state: %w", err)
	}
	if _, err := s.exec(ctx, `INSERT INTO prcoach_setup_states (state, expires_at) VALUES (?, ?)`,
		state, expires.UnixMilli()); err != nil {
		return fmt.Errorf("keeping a setup state: %w", err)
	}
	return nil
}

// TakeSetupState reports whether state was handed out and has not expired,
// and forgets it: whichever replica asks, it is taken once.
func (s *Store) TakeSetupState(ctx context.Context, state string, now time.Time) (bool, error) {
	defer s.shared()()
	var exp int64
	err := s.queryRow(ctx, `DELETE FROM prcoach_setup_states WHERE state = ? RETURNING expires_at`, state).Scan(&exp)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("taking a setup state: %w", err)
	}
	return exp > now.UnixMilli(), nil
}
