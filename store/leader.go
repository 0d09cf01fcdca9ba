package store

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// LeadLoop competes to be the replica that does the singleton work
// (missed-delivery recovery, cleanup, rescuing a dead replica's jobs) until
// ctx ends; IsLeader says whether this one is. The leader holds a
// database lock on a connection of its own, so when it dies or loses the
// database another replica takes over within interval. On SQLite, which
// one process owns, this process leads.
func (s *Store) LeadLoop(ctx context.Context, interval time.Duration, log *slog.Logger) {
	if s.dialect != Postgres {
		s.leader.Store(true)
		<-ctx.Done()
		s.leader.Store(false)
		return
	}
	var conn *pgxpool.Conn
	defer func() {
		s.leader.Store(false)
		if conn != nil {
			conn.Conn().Close(context.Background()) // ends the lock with the session
			conn.Release()
		}
	}()
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		conn = s.keepLead(ctx, conn, log)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// keepLead checks that a held lead still stands, or tries to take it.
func (s *Store) keepLead(ctx context.Context, conn *pgxpool.Conn, log *slog.Logger) *pgxpool.Conn {
	cctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	if conn != nil {
		if _, err := conn.Exec(cctx, `SELECT 1`); err == nil {
			return conn
		}
		log.Warn("lost the database connection that held the lead; singleton work stops here")
		s.leader.Store(false)
		conn.Conn().Close(context.Background())
		conn.Release()
		return nil
	}
	conn, err := s.tryLockKey(cctx, "leader")
	if err != nil || conn == nil {
		return nil
	}
	s.leader.Store(true)
	log.Info("this replica leads: it runs missed-delivery recovery, cleanup and job rescue")
	return conn
}

// IsLeader reports whether this process should do the singleton work now.
func (s *Store) IsLeader() bool { return s.leader.Load() }
