package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// ActivityRetention is how long the dashboard's history is kept.
const ActivityRetention = 90 * 24 * time.Hour

// Activity is one thing the handlers did, as prcoach_activity keeps it.
type Activity struct {
	At                                time.Time
	Kind                              string
	InstallationID                    int64
	Owner, Repo                       string
	PR                                int
	Check, Category, Verdict, Wording string
}

// RecordActivity stores a.
func (s *Store) RecordActivity(ctx context.Context, a Activity) error {
	defer s.shared()()
	_, err := s.exec(context.WithoutCancel(ctx), `INSERT INTO prcoach_activity
		(at, kind, installation_id, owner, repo, pr, check_name, category, verdict, wording)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.At.UnixMilli(), a.Kind, a.InstallationID, a.Owner, a.Repo, a.PR, a.Check, a.Category, a.Verdict, a.Wording)
	return err
}

// PurgeActivity forgets activity older than the retention window.
func (s *Store) PurgeActivity(ctx context.Context, now time.Time) error {
	_, err := s.exec(ctx, `DELETE FROM prcoach_activity WHERE at < ?`, now.Add(-ActivityRetention).UnixMilli())
	return err
}

// Installed records an installation and its repositories.
func (s *Store) Installed(ctx context.Context, id int64, account string, repos []string) error {
	defer s.shared()()
	return s.installed(ctx, id, account, repos)
}

func (s *Store) installed(ctx context.Context, id int64, account string, repos []string) error {
	repos = slices.Clone(repos)
	slices.Sort(repos)
	if repos == nil {
		repos = []string{}
	}
	list, _ := json.Marshal(repos)
	_, err := s.exec(ctx, `INSERT INTO prcoach_installations (id, account, since, repositories)
		VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET account = excluded.account, repositories = excluded.repositories`,
		id, account, time.Now().UnixMilli(), string(list))
	if err != nil {
		return fmt.Errorf("recording installation %d: %w", id, err)
	}
	return nil
}

// ReposChanged adds and removes repositories of an installation.
func (s *Store) ReposChanged(ctx context.Context, id int64, account string, added, removed []string) error {
	defer s.shared()()
	var current string
	err := s.queryRow(ctx, `SELECT repositories FROM prcoach_installations WHERE id = ?`, id).Scan(&current)
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
	return s.installed(ctx, id, account, repos)
}

// Uninstalled deletes the installation, its activity and its finished deliveries.
func (s *Store) Uninstalled(ctx context.Context, id int64) error {
	defer s.shared()()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("forgetting installation %d: %w", id, err)
	}
	defer tx.Rollback()
	for _, q := range []string{
		`DELETE FROM prcoach_installations WHERE id = ?`,
		`DELETE FROM prcoach_activity WHERE installation_id = ?`,
		`DELETE FROM prcoach_deliveries WHERE installation_id = ? AND status != 'queued'`,
	} {
		if _, err := tx.ExecContext(ctx, s.Rebind(q), id); err != nil {
			return fmt.Errorf("forgetting installation %d: %w", id, err)
		}
	}
	return tx.Commit()
}
