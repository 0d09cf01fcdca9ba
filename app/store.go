package app

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// Store is the app's database: its own tables and River's queue tables.
type Store struct {
	db *sql.DB
	// ckpt is a second connection that copies the WAL into the database in
	// the background, so no request's commit pays for a checkpoint.
	ckpt   *sql.DB
	lock   *os.File
	path   string
	health storeHealth // for /readyz
	// intakeFirst gives the intake's group commits the one connection
	// before workers: a commit holds it exclusively, a worker's store call
	// shares it, and a commit waiting keeps new worker calls from starting
	// (database/sql hands a freed connection to a random waiter).
	intakeFirst sync.RWMutex
}

// openStore opens (creating when absent) the database named by url and brings
// its schema up to date. Only SQLite is built so far.
func openStore(ctx context.Context, url string) (*Store, error) {
	path, ok := strings.CutPrefix(url, "sqlite:")
	if !ok {
		return nil, fmt.Errorf("PRCOACH_DATABASE_URL: PostgreSQL is not supported by this build yet; use sqlite:PATH")
	}
	path = strings.TrimPrefix(path, "//")
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
	// WAL lets readers run beside the writer; NORMAL synchronous is durable
	// across process crashes, which is what R3 asks. Automatic checkpoints
	// are off: checkpointLoop runs them on its own connection.
	dsn := "file:" + path + "?_pragma=page_size(16384)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)" +
		"&_pragma=busy_timeout(10000)&_pragma=foreign_keys(ON)&_pragma=wal_autocheckpoint(0)"
	db, err := sql.Open("sqlite", dsn+"&_txlock=immediate")
	if err != nil {
		lock.Close()
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
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
	s := &Store{db: db, ckpt: ckpt, lock: lock, path: path}
	if err := s.checkIntegrity(ctx); err != nil {
		s.Close()
		return nil, err
	}
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
		return nil, fmt.Errorf("another prcoach process is using %s; stop it or set PRCOACH_DATABASE_URL to another file", strings.TrimSuffix(path, ".lock"))
	}
	return f, nil
}

// checkpointLoop copies committed WAL frames into the database every
// interval without blocking writers (PASSIVE), until ctx ends; then it
// truncates the WAL once.
func (s *Store) checkpointLoop(ctx context.Context, interval time.Duration) {
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

// Close releases the database and its lock.
func (s *Store) Close() error {
	s.ckpt.Close()
	err := s.db.Close()
	if s.lock != nil {
		s.lock.Close()
	}
	return err
}

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return s.db.PingContext(ctx)
}

// migrations are applied in order, once each; append, never edit.
var migrations = []string{
	`CREATE TABLE prcoach_deliveries (
		id              TEXT PRIMARY KEY,
		event           TEXT NOT NULL,
		action          TEXT NOT NULL DEFAULT '',
		installation_id INTEGER NOT NULL DEFAULT 0,
		repository      TEXT NOT NULL DEFAULT '',
		received_at     INTEGER NOT NULL,
		status          TEXT NOT NULL DEFAULT 'queued',
		outcome         TEXT NOT NULL DEFAULT '',
		attempts        INTEGER NOT NULL DEFAULT 0,
		last_error      TEXT NOT NULL DEFAULT '',
		finished_at     INTEGER,
		payload         BLOB
	);
	CREATE INDEX prcoach_deliveries_received ON prcoach_deliveries (received_at);
	CREATE INDEX prcoach_deliveries_status ON prcoach_deliveries (status);`,
	`CREATE TABLE prcoach_activity (
		id              INTEGER PRIMARY KEY,
		at              INTEGER NOT NULL,
		kind            TEXT NOT NULL,
		installation_id INTEGER NOT NULL DEFAULT 0,
		owner           TEXT NOT NULL DEFAULT '',
		repo            TEXT NOT NULL DEFAULT '',
		pr              INTEGER NOT NULL DEFAULT 0,
		check_name      TEXT NOT NULL DEFAULT '',
		category        TEXT NOT NULL DEFAULT '',
		verdict         TEXT NOT NULL DEFAULT '',
		wording         TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX prcoach_activity_at ON prcoach_activity (at);
	CREATE TABLE prcoach_installations (
		id          INTEGER PRIMARY KEY,
		account     TEXT NOT NULL DEFAULT '',
		since       INTEGER NOT NULL,
		repositories TEXT NOT NULL DEFAULT '[]'
	);`,
}

func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS prcoach_schema (version INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("preparing schema table: %w", err)
	}
	var version int
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM prcoach_schema`).Scan(&version); err != nil {
		return fmt.Errorf("reading schema version: %w", err)
	}
	for i := version; i < len(migrations); i++ {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO prcoach_schema (version) VALUES (?)`, i+1); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
	}
	migrator, err := rivermigrate.New(riversqlite.New(s.db), nil)
	if err != nil {
		return fmt.Errorf("preparing queue migrations: %w", err)
	}
	if _, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("migrating queue tables: %w", err)
	}
	return nil
}
