package app

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// installationStore records installations in prcoach_installations and
// forgets an installation's stored state when the app is uninstalled.
type installationStore struct{ store *Store }

// Installed implements handlers.Installations.
func (s *installationStore) Installed(ctx context.Context, id int64, account string, repos []string) error {
	slices.Sort(repos)
	list, _ := json.Marshal(repos)
	_, err := s.store.db.ExecContext(ctx, `INSERT INTO prcoach_installations (id, account, since, repositories)
		VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET account = excluded.account, repositories = excluded.repositories`,
		id, account, time.Now().UnixMilli(), string(list))
	if err != nil {
		return fmt.Errorf("recording installation %d: %w", id, err)
	}
	return nil
}

// ReposChanged implements handlers.Installations.
func (s *installationStore) ReposChanged(ctx context.Context, id int64, account string, added, removed []string) error {
	var current string
	err := s.store.db.QueryRowContext(ctx, `SELECT repositories FROM prcoach_installations WHERE id = ?`, id).Scan(&current)
	var repos []string
	if err == nil {
		_ = json.Unmarshal([]byte(current), &repos)
	}
	for _, r := range added {
		if !slices.Contains(repos, r) {
			repos = append(repos, r)
		}
	}
	repos = slices.DeleteFunc(repos, func(r string) bool { return slices.Contains(removed, r) })
	return s.Installed(ctx, id, account, repos)
}

// Uninstalled implements handlers.Installations: the installation, its
// activity and its finished deliveries are deleted.
func (s *installationStore) Uninstalled(ctx context.Context, id int64) error {
	tx, err := s.store.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("forgetting installation %d: %w", id, err)
	}
	defer tx.Rollback()
	for _, q := range []string{
		`DELETE FROM prcoach_installations WHERE id = ?`,
		`DELETE FROM prcoach_activity WHERE installation_id = ?`,
		`DELETE FROM prcoach_deliveries WHERE installation_id = ? AND status != 'queued'`,
	} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return fmt.Errorf("forgetting installation %d: %w", id, err)
		}
	}
	return tx.Commit()
}
