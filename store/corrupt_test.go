package store

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prcoach/prcoach/store/storetest"
)

// filledStore opens a SQLite store in a temporary folder and stores n
// deliveries with 3 kB payloads through the intake, so each has its job.
// The payloads are noise, which compression hardly shrinks, so the file
// grows as it would with real deliveries.
func filledStore(t *testing.T, n int) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "prcoach.db")
	s, err := Open(context.Background(), "sqlite:"+path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	q := newQueue(t, s, "corrupt")
	for i := 0; i < n; i += 50 {
		batch := make([]NewDelivery, 50)
		for j := range batch {
			batch[j] = NewDelivery{ID: "d" + strconv.Itoa(i+j), Event: "check_run", Action: "completed",
				InstallationID: 9, Repository: "octo/repo", Payload: []byte(`{"pad":"` + storetest.Noise(i+j, 3000) + `"}`)}
		}
		if _, err := q.Insert(batch); err != nil {
			t.Fatal(err)
		}
	}
	return s, path
}

// TestDamageWhileRunningIsSeen damages a running store's file under it
// after a checkpoint: the quick check, or any query reading a damaged page,
// marks the store damaged; Problem says so with the file's name, and the
// intake refuses deliveries instead of acknowledging them.
func TestDamageWhileRunningIsSeen(t *testing.T) {
	for _, tc := range []struct {
		name string
		find func(s *Store) error
	}{
		{"by the quick check", func(s *Store) error { return s.quickCheck(context.Background()) }},
		{"by a dashboard query", func(s *Store) error {
			var n int
			return s.queryRow(context.Background(), `SELECT COUNT(*) FROM prcoach_deliveries WHERE length(payload) > 0`).Scan(&n)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, path := filledStore(t, 400)
			if p := s.Problem(time.Now()); p != "" {
				t.Fatalf("Problem before the damage = %q", p)
			}
			if _, err := s.ckpt.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
				t.Fatal(err)
			}
			storetest.DamageMiddle(t, path)
			if err := tc.find(s); err == nil {
				t.Fatal("reading the damaged database gave no error")
			}
			p := s.Problem(time.Now())
			t.Logf("Problem: %s", p)
			if !strings.Contains(p, "damaged") || !strings.Contains(p, path) || !strings.Contains(p, "prcoach recover") {
				t.Errorf("Problem does not say the database %s is damaged and how to recover: %q", path, p)
			}
			q := newQueue(t, s, "after")
			if _, err := q.Insert(deliveries("late")); err == nil {
				t.Error("the intake stored a delivery in a damaged database")
			}
		})
	}
}

// TestWriteFailureIsNotDamage: a write refused for a reason other than a
// damaged file (here a trigger) does not mark the store damaged.
func TestWriteFailureIsNotDamage(t *testing.T) {
	s, _ := filledStore(t, 50)
	if _, err := s.db.Exec(`CREATE TRIGGER no_more BEFORE INSERT ON prcoach_deliveries BEGIN SELECT RAISE(FAIL, 'disk I/O error'); END`); err != nil {
		t.Fatal(err)
	}
	q := newQueue(t, s, "refused")
	if _, err := q.Insert(deliveries("x")); err == nil {
		t.Fatal("the trigger did not refuse the insert")
	}
	if err := s.Damaged(); err != nil {
		t.Errorf("a refused write marked the store damaged: %v", err)
	}
}

// TestQuickCheckTakesAtMostOnePercent: the wait after a quick check is 100
// times its duration, between MinIntegrityInterval and IntegrityInterval.
func TestQuickCheckTakesAtMostOnePercent(t *testing.T) {
	for _, tc := range []struct {
		name       string
		took, want time.Duration
	}{
		{"a small database waits the minimum", 5 * time.Millisecond, MinIntegrityInterval},
		{"4 s for 463 MB waits 400 s", 4 * time.Second, 400 * time.Second},
		{"a huge database waits at most the maximum", time.Minute, IntegrityInterval},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := nextCheck(tc.took); got != tc.want {
				t.Errorf("nextCheck(%s) = %s, want %s", tc.took, got, tc.want)
			}
		})
	}
}
