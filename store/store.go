// Package store is PR Coach's database: opening and migrating it, the
// delivery queue's tables (River's and the app's), activity, installations,
// shared limits, and the queries the dashboard and metrics read. It speaks
// two dialects: SQLite (one process, the embedded default) and PostgreSQL
// (any number of replicas sharing one database). It returns plain rows and
// knows nothing of the web pages that show them.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Dialect names the database behind a Store.
type Dialect int

// The dialects a Store speaks.
const (
	SQLite Dialect = iota
	Postgres
)

// Options tune Open; the zero value is fine.
type Options struct {
	// PoolSize is the most connections a PostgreSQL store opens (0: DefaultPoolSize).
	PoolSize int
}

// DefaultPoolSize is a PostgreSQL store's connection pool size when not set.
const DefaultPoolSize = 20

// Store is the app's database: its own tables and River's queue tables.
type Store struct {
	dialect Dialect
	db      *sql.DB
	// pool is PostgreSQL's connection pool (db shares it); nil on SQLite.
	pool *pgxpool.Pool
	// ckpt is SQLite's second connection that copies the WAL into the
	// database in the background, so no request's commit pays for a
	// checkpoint; nil on PostgreSQL.
	ckpt *sql.DB
	lock *os.File
	// name is the SQLite file, or the PostgreSQL URL without its password.
	name   string
	health health // for /readyz
	// intakeFirst gives the intake's group commits SQLite's one connection
	// before workers: a commit holds it exclusively, a worker's store call
	// shares it, and a commit waiting keeps new worker calls from starting
	// (database/sql hands a freed connection to a random waiter). Unused
	// on PostgreSQL, whose pool serves both at once.
	intakeFirst sync.RWMutex
	// leader is whether this process does the singleton work (LeadLoop).
	leader atomic.Bool
	// integrity fixes how often ProbeLoop runs the quick check (0: nextCheck decides).
	integrity atomic.Int64
}

// Open opens (creating when absent) the database named by rawURL,
// "sqlite:PATH" or "postgres://…", and brings its schema up to date.
func Open(ctx context.Context, rawURL string, o Options) (*Store, error) {
	switch {
	case strings.HasPrefix(rawURL, "sqlite:"):
		return openSQLite(ctx, rawURL)
	case strings.HasPrefix(rawURL, "postgres://"), strings.HasPrefix(rawURL, "postgresql://"):
		return openPostgres(ctx, rawURL, o)
	}
	return nil, fmt.Errorf("PRCOACH_DATABASE_URL: use sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DATABASE")
}

// Dialect says which database this is.
func (s *Store) Dialect() Dialect { return s.dialect }

// Name is the SQLite file or the PostgreSQL URL without its password, for logs.
func (s *Store) Name() string { return s.name }

// DB is the database/sql handle, for tests and one-off tools; queries
// written with ? placeholders must go through Rebind on PostgreSQL.
func (s *Store) DB() *sql.DB { return s.db }

// Close releases the database and, on SQLite, its lock.
func (s *Store) Close() error {
	if s.ckpt != nil {
		s.ckpt.Close()
	}
	err := s.db.Close()
	if s.pool != nil {
		// pgxpool waits for every connection to come back; a job still
		// running after shutdown's deadline must not keep the process up.
		closed := make(chan struct{})
		go func() { s.pool.Close(); close(closed) }()
		select {
		case <-closed:
		case <-time.After(5 * time.Second):
		}
	}
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

// Rebind turns a query's ? placeholders into PostgreSQL's $1, $2, …; the
// queries here hold no literal question marks.
func (s *Store) Rebind(q string) string {
	if s.dialect != Postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (s *Store) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	res, err := s.db.ExecContext(ctx, s.Rebind(q), args...)
	return res, s.noteErr(err)
}

func (s *Store) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	rows, err := s.db.QueryContext(ctx, s.Rebind(q), args...)
	return rows, s.noteErr(err)
}

func (s *Store) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	row := s.db.QueryRowContext(ctx, s.Rebind(q), args...)
	s.noteErr(row.Err())
	return row
}

// shared takes the SQLite connection's shared side for a worker's call.
func (s *Store) shared() func() {
	if s.dialect != SQLite {
		return func() {}
	}
	s.intakeFirst.RLock()
	return s.intakeFirst.RUnlock
}

// redactURL drops the password from a database URL.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "the PostgreSQL URL"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
