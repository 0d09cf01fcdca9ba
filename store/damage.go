package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"modernc.org/sqlite"
)

// SQLite's result codes (https://sqlite.org/rescode.html) that mean the
// database file itself is damaged, not that a write failed for now.
const (
	sqliteCorrupt       = 11
	sqliteNotADB        = 26
	sqliteIOErrRead     = 266 // SQLITE_IOERR_READ
	sqliteIOErrShortRd  = 522 // SQLITE_IOERR_SHORT_READ: the file is shorter than its pages say
	sqlitePrimaryCodeOf = 0xff
)

// ProbeLoop runs SQLite's quick check on a running database, on the
// checkpoint connection so the intake never waits, at most 1% of the time:
// the next check waits 100 times as long as the last took, and at least
// MinIntegrityInterval and at most IntegrityInterval. A check reads the
// whole file: measured 1 to 4 s for 100,000 deliveries (463 MB), a few
// milliseconds for a few megabytes.
const (
	MinIntegrityInterval = 30 * time.Second
	IntegrityInterval    = 10 * time.Minute
	integrityShare       = 100
)

// nextCheck is how long after a quick check that took took the next runs.
func nextCheck(took time.Duration) time.Duration {
	return min(max(integrityShare*took, MinIntegrityInterval), IntegrityInterval)
}

// SetIntegrityInterval fixes how often ProbeLoop runs the quick check
// instead of letting the check's own duration decide.
func (s *Store) SetIntegrityInterval(d time.Duration) { s.integrity.Store(int64(d)) }

// integrityEvery is the wait after a quick check that took took.
func (s *Store) integrityEvery(took time.Duration) time.Duration {
	if d := time.Duration(s.integrity.Load()); d > 0 {
		return d
	}
	return nextCheck(took)
}

// isDamage says whether err is SQLite reporting a damaged file.
func isDamage(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	switch code := se.Code(); {
	case code&sqlitePrimaryCodeOf == sqliteCorrupt, code&sqlitePrimaryCodeOf == sqliteNotADB:
		return true
	case code == sqliteIOErrRead, code == sqliteIOErrShortRd:
		return true
	}
	return false
}

// noteErr marks a SQLite store damaged when err says its file is, and
// returns err unchanged. Damage stays until restart: it does not heal.
func (s *Store) noteErr(err error) error {
	if err == nil || s.dialect != SQLite || !isDamage(err) {
		return err
	}
	h := &s.health
	h.mu.Lock()
	if h.damaged == nil {
		h.damaged = damaged(s.name, errors.New(oneLine(err)))
	}
	h.mu.Unlock()
	return err
}

// Damaged is the error saying the database file is damaged and how to
// recover it, or nil while no operation has found damage.
func (s *Store) Damaged() error {
	s.health.mu.Lock()
	defer s.health.mu.Unlock()
	return s.health.damaged
}

// quickCheck runs SQLite's quick check on the checkpoint connection (a
// reader: WAL lets the intake write meanwhile) and marks the store damaged
// if it finds a problem.
func (s *Store) quickCheck(ctx context.Context) error {
	if s.ckpt == nil {
		return nil
	}
	problem, err := quickCheckOn(ctx, s.ckpt)
	if err == nil && problem != "" {
		s.health.mu.Lock()
		if s.health.damaged == nil {
			s.health.damaged = damaged(s.name, errors.New(problem))
		}
		s.health.mu.Unlock()
		return s.Damaged()
	}
	return s.noteErr(err)
}

// damaged is the error for a database that is damaged: it names the file
// and says how to recover everything readable, the WAL's rows included. It
// never suggests deleting the -wal file: it holds acknowledged deliveries.
func damaged(path string, err error) error {
	return fmt.Errorf("the database %s is damaged (%v). To recover: stop PR Coach; rename %s and its -wal and -shm files "+
		"to %s.broken, %s.broken-wal and %s.broken-shm, keeping all three; run `prcoach recover %s.broken %s` to copy every "+
		"readable row, acknowledged deliveries still in the WAL included, into a new %s (or skip that to start with an empty "+
		"database); start PR Coach again (deliveries GitHub could not deliver meanwhile are redelivered by the "+
		"missed-delivery recovery)", path, err, path, path, path, path, path, path, path)
}
