package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// minFreeBytes is the free space below which the store is not ready: the
// intake could not be sure to store a delivery.
const minFreeBytes = 8 << 20

// probeInterval is how often the store's write probe runs.
const probeInterval = 2 * time.Second

// writeGrace is how long a failed intake write keeps the store not ready.
const writeGrace = 10 * time.Second

// storeHealth remembers the last write probe's result and the last failed
// intake write, for /readyz.
type storeHealth struct {
	mu        sync.Mutex
	probeErr  error
	writeErr  error
	writeFail time.Time
}

// noteWrite records an intake commit's result.
func (h *storeHealth) noteWrite(err error) {
	if err == nil {
		return
	}
	h.mu.Lock()
	h.writeErr, h.writeFail = err, time.Now()
	h.mu.Unlock()
}

// problem says why the store cannot take deliveries now, or "".
func (h *storeHealth) problem(now time.Time) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case h.probeErr != nil:
		return "store cannot write"
	case h.writeErr != nil && now.Sub(h.writeFail) < writeGrace:
		return "store failed to write a delivery"
	}
	return ""
}

// probe runs one write transaction and checks the free space beside the
// database, recording the result; it returns the error, and whether the
// result changed from the last probe's.
func (s *Store) probe(ctx context.Context, h *storeHealth) (changed bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	err = s.probeWrite(ctx)
	if err == nil {
		err = freeSpace(s.path)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	changed = (err == nil) != (h.probeErr == nil)
	h.probeErr = err
	return changed, err
}

// probeWrite commits one tiny write: a full disk, a read-only file or a
// damaged database make it fail.
func (s *Store) probeWrite(ctx context.Context) error {
	_, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS prcoach_probe (id INTEGER PRIMARY KEY, at INTEGER NOT NULL);
		INSERT INTO prcoach_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at`, time.Now().UnixMilli())
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

// probeLoop probes every interval until ctx ends, logging when the store
// stops or starts being able to write.
func (s *Store) probeLoop(ctx context.Context, h *storeHealth, interval time.Duration, log *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if changed, err := s.probe(ctx, h); changed && err != nil && ctx.Err() == nil {
			log.Error("the database cannot take writes; /readyz answers 503", "database", s.path, "error", err)
		} else if changed && err == nil {
			log.Info("the database takes writes again", "database", s.path)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// checkIntegrity runs SQLite's quick check on an existing database. A
// damaged file gives one error that names it and says how to recover.
func (s *Store) checkIntegrity(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, `PRAGMA quick_check(3)`)
	var problems []string
	if err == nil {
		for rows.Next() {
			var line string
			if err = rows.Scan(&line); err != nil {
				break
			}
			if line != "ok" {
				problems = append(problems, strings.Join(strings.Fields(line), " "))
			}
		}
		if err == nil {
			err = rows.Err()
		}
		rows.Close()
	}
	if err == nil && len(problems) == 0 {
		return nil
	}
	if err == nil {
		err = errors.New(strings.Join(problems, "; "))
	}
	return damaged(s.path, errors.New(strings.Join(strings.Fields(err.Error()), " ")))
}

// damaged is the error for a database that fails its integrity check.
func damaged(path string, err error) error {
	return fmt.Errorf("the database %s is damaged (%v). To recover: stop PR Coach; rename %s and its -wal and -shm files "+
		"to %s.broken (and .broken-wal, .broken-shm); run `sqlite3 %s.broken .recover | sqlite3 %s` to keep what can be read, "+
		"or skip that to start with an empty database; start PR Coach again (deliveries GitHub could not deliver meanwhile "+
		"are redelivered by the missed-delivery recovery)", path, err, path, path, path, path)
}
