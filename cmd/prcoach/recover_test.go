package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/prcoach/prcoach/store"
)

// TestRecoverCopiesIntoANewDatabase runs `prcoach recover` on a database
// whose deliveries are still in its WAL (copied as a crash leaves it): the
// new database opens and holds them, and the output says how many rows
// each table got.
func TestRecoverCopiesIntoANewDatabase(t *testing.T) {
	dir := t.TempDir()
	live := filepath.Join(dir, "live.db")
	s, err := store.Open(context.Background(), "sqlite:"+live, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, id := range []string{"a", "b", "c"} {
		if _, err := s.DB().Exec(`INSERT INTO prcoach_deliveries (id, event, received_at, payload) VALUES (?, 'e', 1, '{}')`, id); err != nil {
			t.Fatal(err)
		}
	}
	crashed := filepath.Join(dir, "crashed.db")
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(live + suffix)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(crashed+suffix, b, 0o600)
	}
	var out bytes.Buffer
	fresh := filepath.Join(dir, "new.db")
	if err := run(context.Background(), []string{"recover", crashed, fresh}, nil, &out, &out); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", out.String())
	if !strings.Contains(out.String(), "prcoach_deliveries") || !regexp.MustCompile(`prcoach_deliveries +3 rows`).MatchString(out.String()) {
		t.Errorf("the output does not say 3 deliveries were recovered:\n%s", out.String())
	}
	r, err := store.Open(context.Background(), "sqlite:"+fresh, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var n int
	r.DB().QueryRow(`SELECT COUNT(*) FROM prcoach_deliveries`).Scan(&n)
	if n != 3 {
		t.Errorf("the new database holds %d deliveries, want 3", n)
	}
	if err := run(context.Background(), []string{"recover", crashed, fresh}, nil, &out, &out); err == nil {
		t.Error("recover overwrote an existing database")
	}
}
