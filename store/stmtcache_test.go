package store

import (
	"context"
	"fmt"
	"testing"
)

// cached is how many statements the store's SQLite connection keeps.
func cached(t *testing.T, s *Store) int {
	t.Helper()
	conn, err := s.db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	n := -1
	if err := conn.Raw(func(dc any) error {
		c := dc.(*cachingConn)
		c.mu.Lock()
		n = len(c.stmts)
		c.mu.Unlock()
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestStatementsPreparedOnce runs queries as River and the store do: a
// query run again reuses its statement, the same query run while its rows
// are still open (nested) answers right, and a closed query leaves no read
// transaction behind that would stop a checkpoint.
func TestStatementsPreparedOnce(t *testing.T) {
	s := open(t, dialects[0].url(t))
	ctx := context.Background()
	if _, err := s.db.Exec(`CREATE TABLE t (n INTEGER)`); err != nil {
		t.Fatal(err)
	}
	before := cached(t, s)
	const insert = `INSERT INTO t (n) VALUES (?)`
	for n := range 5 {
		if _, err := s.db.ExecContext(ctx, insert, n); err != nil {
			t.Fatal(err)
		}
	}
	if got := cached(t, s) - before; got != 1 {
		t.Errorf("five runs of one insert cached %d statements, want 1", got)
	}
	const sum = `SELECT n FROM t WHERE n >= ? ORDER BY n`
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	outer, err := tx.QueryContext(ctx, sum, 3)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for outer.Next() {
		var n int
		outer.Scan(&n)
		inner := 0
		// The same text while outer's rows are open.
		if err := tx.QueryRowContext(ctx, sum, n).Scan(&inner); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%d:%d", n, inner))
	}
	outer.Close()
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if want := "[3:3 4:4]"; fmt.Sprint(got) != want {
		t.Errorf("nested queries read %v, want %s", got, want)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, sum, 0).Scan(&n); err != nil || n != 0 {
		t.Errorf("the cached query after the nested one read %d, %v", n, err)
	}
	var busy, logFrames, done int
	if err := s.ckpt.QueryRow(`PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logFrames, &done); err != nil || busy != 0 {
		t.Errorf("checkpoint busy=%d (%v): a cached statement holds a read transaction", busy, err)
	}
}

// TestStatementCacheBounded runs more distinct queries than the cache holds:
// it never grows past its bound, and every query still answers.
func TestStatementCacheBounded(t *testing.T) {
	s := open(t, dialects[0].url(t))
	for i := range 3 * maxCachedStmts {
		var n int
		if err := s.db.QueryRow(fmt.Sprintf(`SELECT %d`, i)).Scan(&n); err != nil || n != i {
			t.Fatalf("SELECT %d read %d, %v", i, n, err)
		}
		if got := cached(t, s); got > maxCachedStmts {
			t.Fatalf("%d statements cached, bound %d", got, maxCachedStmts)
		}
	}
}
