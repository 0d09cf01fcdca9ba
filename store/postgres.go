package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"net"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
)

// The transaction types River's drivers use.
type (
	pgxTx = pgx.Tx
	sqlTx = *sql.Tx
)

// openPostgres connects a pool to the database a postgres:// URL names and
// migrates it. An unreachable server or a refused login is one error that
// says which.
func openPostgres(ctx context.Context, rawURL string, o Options) (*Store, error) {
	name := redactURL(rawURL)
	cfg, err := pgxpool.ParseConfig(rawURL)
	if err != nil {
		return nil, fmt.Errorf("PRCOACH_DATABASE_URL is not a PostgreSQL URL PR Coach can use (%s): %s", name, oneLine(err))
	}
	cfg.MaxConns = int32(DefaultPoolSize)
	if o.PoolSize > 0 {
		cfg.MaxConns = int32(o.PoolSize)
	}
	cfg.ConnConfig.ConnectTimeout = 10 * time.Second
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("PRCOACH_DATABASE_URL (%s): %s", name, oneLine(err))
	}
	pingCtx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := pool.Ping(pingCtx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("cannot reach PostgreSQL at %s: %s", name, reason(err))
	}
	s := &Store{dialect: Postgres, pool: pool, db: stdlib.OpenDBFromPool(pool), name: name}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("migrating %s: %w", name, err)
	}
	return s, nil
}

// reason is a connection error's cause, in one line.
func reason(err error) string {
	var pgErr *pgconn.PgError
	var netErr net.Error
	var opErr *net.OpError
	var dnsErr *net.DNSError
	switch {
	case errors.As(err, &pgErr):
		return pgErr.Message + " (" + pgErr.Code + ")"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return "no answer within 15 s"
	case errors.As(err, &dnsErr):
		return dnsErr.Error()
	case errors.As(err, &opErr):
		return opErr.Error()
	}
	return oneLine(err)
}

func oneLine(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }

// lockID turns a lock's name into PostgreSQL's 64-bit advisory lock key.
func lockID(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte("prcoach:" + name))
	return int64(h.Sum64())
}

// LockKey waits for the database-wide lock called name and returns its
// release; the lock also ends with the connection, so a killed replica
// never leaves it held. On SQLite, which one process owns, it is a no-op:
// callers keep their in-process locks.
func (s *Store) LockKey(ctx context.Context, name string) (unlock func(), err error) {
	if s.dialect != Postgres {
		return func() {}, nil
	}
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", name, err)
	}
	id := lockID(name)
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, id); err != nil {
		conn.Release()
		return nil, fmt.Errorf("locking %s: %w", name, err)
	}
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if _, err := conn.Exec(ctx, `SELECT pg_advisory_unlock($1)`, id); err != nil {
			// The lock's fate is unknown: drop the connection, which ends it.
			conn.Conn().Close(ctx)
		}
		conn.Release()
	}, nil
}

// tryLockKey takes the lock called name if no one holds it, returning the
// connection that holds it (nil when someone else does).
func (s *Store) tryLockKey(ctx context.Context, name string) (*pgxpool.Conn, error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	var ok bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, lockID(name)).Scan(&ok); err != nil {
		conn.Release()
		return nil, err
	}
	if !ok {
		conn.Release()
		return nil, nil
	}
	return conn, nil
}
