package store

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"syscall"
	"time"
)

// minFreeBytes is the free space below which a SQLite store is not ready:
// the intake could not be sure to store a delivery.
const minFreeBytes = 8 << 20

// WriteGrace is how long a failed intake write keeps the store not ready.
const WriteGrace = 10 * time.Second

// health remembers the last write probe's result and the last failed
// intake write, for /readyz.
type health struct {
	mu        sync.Mutex
	probeErr  error
	writeErr  error
	writeFail time.Time
	// damaged is set once an operation or the quick check finds the
	// SQLite file damaged; it stays until restart.
	damaged error
	// checked is when the last periodic quick check ended, took how long
	// it ran (Open's check counts as the first).
	checked time.Time
	took    time.Duration
}

// noteWrite records an intake commit's result.
func (s *Store) noteWrite(err error) {
	if s.noteErr(err) == nil {
		return
	}
	h := &s.health
	h.mu.Lock()
	h.writeErr, h.writeFail = err, time.Now()
	h.mu.Unlock()
}

// Problem says why the store cannot take deliveries now, or "".
func (s *Store) Problem(now time.Time) string {
	h := &s.health
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case h.damaged != nil:
		return "database damaged: " + h.damaged.Error()
	case h.probeErr != nil:
		return "store cannot write"
	case h.writeErr != nil && now.Sub(h.writeFail) < WriteGrace:
		return "store failed to write a delivery"
	}
	return ""
}

// probe runs one write transaction and, on SQLite, checks the free space
// beside the database, recording the result; it returns the error, and
// whether the result changed from the last probe's.
func (s *Store) probe(ctx context.Context) (changed bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	err = s.probeWrite(ctx)
	if err == nil && s.dialect == SQLite {
		err = freeSpace(s.name)
	}
	h := &s.health
	h.mu.Lock()
	defer h.mu.Unlock()
	changed = (err == nil) != (h.probeErr == nil)
	h.probeErr = err
	return changed, err
}

// probeWrite commits one tiny write: a full disk, a read-only file, a
// damaged database or a lost server make it fail.
func (s *Store) probeWrite(ctx context.Context) error {
	defer s.shared()()
	_, err := s.exec(ctx, `CREATE TABLE IF NOT EXISTS prcoach_probe (id INTEGER PRIMARY KEY, at BIGINT NOT NULL)`)
	if err == nil {
		_, err = s.exec(ctx, `INSERT INTO prcoach_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at`,
			time.Now().UnixMilli())
	}
	if err != nil {
		return fmt.Errorf("write probe: %w", err)
	}
	return nil
}

// freeSpace fails when the database's file system is nearly full.
func freeSpace(path string) error {
	var st syscall.Statfs_t
	if err := syscall.Statfs(filepath.Dir(path), &st); err != nil {
		return nil // not knowable here; the write probe still runs
	}
	if free := int64(st.Bavail) * int64(st.Bsize); free < minFreeBytes {
		return fmt.Errorf("%d KiB free beside %s", free>>10, path)
	}
	return nil
}

// ProbeLoop probes every interval until ctx ends, logging when the store
// stops or starts being able to write. On SQLite it also runs the quick
// check (see IntegrityInterval), and logs once, naming the file and how to
// recover it, when anything found the database damaged.
func (s *Store) ProbeLoop(ctx context.Context, interval time.Duration, log *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	s.health.mu.Lock()
	s.health.checked = time.Now() // Open has just checked
	s.health.mu.Unlock()
	toldDamage := false
	for {
		if changed, err := s.probe(ctx); changed && err != nil && ctx.Err() == nil {
			log.Error("the database cannot take writes; /readyz answers 503", "database", s.name, "error", err)
		} else if changed && err == nil {
			log.Info("the database takes writes again", "database", s.name)
		}
		s.checkIfDue(ctx)
		if err := s.Damaged(); err != nil && !toldDamage && ctx.Err() == nil {
			toldDamage = true
			log.Error(err.Error()+"; until then /readyz and the intake answer 503", "database", s.name)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// checkIfDue runs the quick check when the wait after the last is over.
func (s *Store) checkIfDue(ctx context.Context) {
	if s.dialect != SQLite || s.Damaged() != nil {
		return
	}
	h := &s.health
	h.mu.Lock()
	due := time.Since(h.checked) >= s.integrityEvery(h.took)
	h.mu.Unlock()
	if !due {
		return
	}
	start := time.Now()
	_ = s.quickCheck(ctx)
	h.mu.Lock()
	h.checked, h.took = time.Now(), time.Since(start)
	h.mu.Unlock()
}
