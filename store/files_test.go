package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestDatabaseFilesArePrivate opens a new store and one whose files an
// older version left world-readable: the database, its WAL and -shm end up
// 0600 either way.
func TestDatabaseFilesArePrivate(t *testing.T) {
	for _, old := range []bool{false, true} {
		dir := t.TempDir()
		path := filepath.Join(dir, "prcoach.db")
		if old {
			for _, p := range []string{path, path + "-wal", path + "-shm"} {
				if err := os.WriteFile(p, nil, 0o644); err != nil {
					t.Fatal(err)
				}
				os.Chmod(p, 0o644)
			}
		}
		s, err := Open(context.Background(), "sqlite:"+path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.Exec(`INSERT INTO prcoach_deliveries (id, event, received_at, payload) VALUES ('x', 'e', 1, '{}')`); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{path, path + "-wal", path + "-shm"} {
			fi, err := os.Stat(p)
			if err != nil {
				t.Errorf("old files %v: %v", old, err)
				continue
			}
			if mode := fi.Mode().Perm(); mode != 0o600 {
				t.Errorf("old files %v: %s is %o, want 600", old, filepath.Base(p), mode)
			}
		}
		s.Close()
	}
}
