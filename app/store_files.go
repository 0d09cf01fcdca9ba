package app

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// privateFiles makes the database file and its WAL and shared-memory files
// readable by the owner only: they hold delivery payloads. The database is
// created 0600 when absent (SQLite gives its WAL and -shm files the
// database's mode), and files an earlier version left wider are narrowed.
func privateFiles(path string) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return fmt.Errorf("opening the database file %s: %w", path, err)
	}
	f.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		err := os.Chmod(p, 0o600)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("making %s private: %w", p, err)
		}
	}
	return nil
}
