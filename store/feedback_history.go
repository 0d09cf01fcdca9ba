package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/prcoach/prcoach/handlers/feedback"
)

// Failure-signature histories per repository, one JSON document per
// (repository, signature ID) in prcoach_failure_history: counts and
// times, never log text.

var _ feedback.HistoryStore = (*Store)(nil)

// Record applies e to the history of e.Repo and e.Signature.ID in one
// transaction that holds the row (BEGIN IMMEDIATE on SQLite, a row lock on
// PostgreSQL), so two replicas recording at once both count. An event
// that does not count (a repeat, say) writes nothing.
func (s *Store) Record(ctx context.Context, e feedback.Event) (feedback.History, error) {
	defer s.shared()()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return feedback.History{}, fmt.Errorf("recording a failure: %w", err)
	}
	defer tx.Rollback()
	h, err := s.lockHistory(ctx, tx, e.Repo, e.Signature.ID)
	if err != nil {
		return feedback.History{}, err
	}
	if !h.Apply(e) {
		return h, nil
	}
	doc, err := json.Marshal(h)
	if err != nil {
		return feedback.History{}, fmt.Errorf("recording a failure: %w", err)
	}
	if _, err := tx.ExecContext(ctx, s.Rebind(`INSERT INTO prcoach_failure_history (repo, signature_id, history, updated_at)
		VALUES (?, ?, ?, ?) ON CONFLICT (repo, signature_id) DO UPDATE SET history = excluded.history, updated_at = excluded.updated_at`),
		e.Repo, e.Signature.ID, string(doc), e.At.UnixMilli()); err != nil {
		return feedback.History{}, fmt.Errorf("recording a failure: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return feedback.History{}, fmt.Errorf("recording a failure: %w", err)
	}
	return h, nil
}

// lockHistory reads a history inside tx, locking its row on PostgreSQL
// (an empty row is made first so there is one to lock).
func (s *Store) lockHistory(ctx context.Context, tx *sql.Tx, repo, id string) (feedback.History, error) {
	q := `SELECT history FROM prcoach_failure_history WHERE repo = ? AND signature_id = ?`
	if s.dialect == Postgres {
		if _, err := tx.ExecContext(ctx, `INSERT INTO prcoach_failure_history (repo, signature_id, history, updated_at)
			VALUES ($1, $2, '{}', 0) ON CONFLICT DO NOTHING`, repo, id); err != nil {
			return feedback.History{}, fmt.Errorf("recording a failure: %w", err)
		}
		q += ` FOR UPDATE`
	}
	var doc string
	err := tx.QueryRowContext(ctx, s.Rebind(q), repo, id).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return feedback.History{}, nil
	}
	if err != nil {
		return feedback.History{}, fmt.Errorf("recording a failure: %w", err)
	}
	var h feedback.History
	if err := json.Unmarshal([]byte(doc), &h); err != nil {
		return feedback.History{}, fmt.Errorf("reading a failure history: %w", err)
	}
	return h, nil
}

// Lookup returns the history of a signature in a repository; ok is false
// when it was never recorded.
func (s *Store) Lookup(ctx context.Context, repo, signatureID string) (feedback.History, bool, error) {
	defer s.shared()()
	var doc string
	err := s.queryRow(ctx, `SELECT history FROM prcoach_failure_history WHERE repo = ? AND signature_id = ?`,
		repo, signatureID).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return feedback.History{}, false, nil
	}
	if err != nil {
		return feedback.History{}, false, fmt.Errorf("looking up a failure history: %w", err)
	}
	var h feedback.History
	if err := json.Unmarshal([]byte(doc), &h); err != nil {
		return feedback.History{}, false, fmt.Errorf("reading a failure history: %w", err)
	}
	if h.Signature.ID == "" { // a placeholder row of a rolled-back first record
		return feedback.History{}, false, nil
	}
	return h, true, nil
}
