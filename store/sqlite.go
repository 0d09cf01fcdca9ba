package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver, used beside cachingConnector
)

// openSQLite opens the file an "sqlite:PATH" URL names, holding a file lock
// so one process owns it.
func openSQLite(ctx context.Context, url string) (*Store, error) {
	path := strings.TrimPrefix(strings.TrimPrefix(url, "sqlite:"), "//")
	if path == "" {
		return nil, errors.New("PRCOACH_DATABASE_URL: sqlite: needs a file path, for example sqlite:prcoach.db")
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("creating the database folder: %w", err)
		}
	}
	lock, err := lockFile(path + ".lock")
	if err != nil {
		return nil, err
	}
	if err := privateFiles(path); err != nil {
		lock.Close()
		return nil, err
	}
	if err := checkIntegrity(ctx, path); err != nil {
		lock.Close()
		return nil, err
	}
	// WAL lets readers run beside the writer; NORMAL synchronous keeps every
	// committed delivery across a crash of the process (not of the machine).
	// Automatic checkpoints are off: CheckpointLoop runs them on its own
	// connection. Pages keep SQLite's default 4 KiB: 16 KiB pages cost about
	// a fifth more CPU per delivery at 1,000 deliveries/s in the intake bench.
	// (A page_size pragma here never took effect: the driver turns on WAL,
	// which fixes the page size, before the DSN's other pragmas.)
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)" +
		"&_pragma=busy_timeout(10000)&_pragma=foreign_keys(ON)&_pragma=wal_autocheckpoint(0)"
	// The one connection keeps its queries prepared (cachingConnector).
	db := sql.OpenDB(&cachingConnector{dsn: dsn + "&_txlock=immediate"})
	ckpt, err := sql.Open("sqlite", dsn)
	if err != nil {
		db.Close()
		lock.Close()
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	ckpt.SetMaxOpenConns(1)
	// One connection: SQLite has one writer, and River's SQLite driver asks for it.
	db.SetMaxOpenConns(1)
	db.SetConnMaxIdleTime(0)
	db.SetConnMaxLifetime(0)
	s := &Store{dialect: SQLite, db: db, ckpt: ckpt, lock: lock, name: path}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// lockFile takes an exclusive lock so that one process owns the SQLite
// queue; that is what makes recovering its orphaned jobs at startup safe.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening lock file: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("another prcoach process is using %s; stop it, set PRCOACH_DATABASE_URL to another file, "+
			"or use PostgreSQL to run several", strings.TrimSuffix(path, ".lock"))
	}
	return f, nil
}

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

// CheckpointLoop copies committed WAL frames into a SQLite database every
// interval without blocking writers (PASSIVE), until ctx ends; then it
// truncates the WAL once. On PostgreSQL it returns at once: the server
// checkpoints by itself.
func (s *Store) CheckpointLoop(ctx context.Context, interval time.Duration) {
	if s.ckpt == nil {
		return
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			_, _ = s.ckpt.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
			return
		case <-t.C:
			_, _ = s.ckpt.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`)
		}
	}
}

// checkIntegrity runs SQLite's quick check on an existing database
// through a read-only connection, which reads the WAL but never
// checkpoints it: a damaged file is left as it was found, its -wal file
// (acknowledged deliveries not yet copied into the database) intact. A
// damaged file gives one error that names it and says how to recover.
func checkIntegrity(ctx context.Context, path string) error {
	if st, err := os.Stat(path); err != nil || st.Size() == 0 {
		return nil // new: nothing to check
	}
	ro, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return fmt.Errorf("opening %s: %w", path, err)
	}
	defer ro.Close()
	problem, err := quickCheckOn(ctx, ro)
	if err == nil && problem == "" {
		return nil
	}
	if err == nil {
		err = errors.New(problem)
	}
	return damaged(path, errors.New(oneLine(err)))
}

// quickCheckOn runs PRAGMA quick_check(3) on db and returns its findings
// on one line, or "" when the database is sound.
func quickCheckOn(ctx context.Context, db *sql.DB) (string, error) {
	rows, err := db.QueryContext(ctx, `PRAGMA quick_check(3)`)
	if err != nil {
		return "", fmt.Errorf("quick check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return "", fmt.Errorf("quick check: %w", err)
		}
		if line != "ok" {
			problems = append(problems, strings.Join(strings.Fields(line), " "))
		}
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("quick check: %w", err)
	}
	return strings.Join(problems, "; "), nil
}
