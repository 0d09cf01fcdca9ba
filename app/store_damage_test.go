package app

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prcoach/prcoach/store"

	"github.com/prcoach/prcoach/store/storetest"
)

// TestReadyzTurnsRedOnADamagedDatabase runs the app on a SQLite file,
// stores deliveries, checkpoints, then overwrites the middle third of the
// file under the running process: /readyz turns red saying the database is
// damaged, the intake stops acknowledging (503, never 202), and one log line
// names the file and how to recover.
func TestReadyzTurnsRedOnADamagedDatabase(t *testing.T) {
	r := start(t, testConfig(t, nil))
	r.store.SetIntegrityInterval(time.Second)
	for i := range 400 {
		pad := []byte(`{"action":"completed","pad":"` + storetest.Noise(i, 3000) + `"}`)
		if code := r.deliver(t, "check_run", newDeliveryID(), pad); code != http.StatusAccepted {
			t.Fatalf("delivery answered %d before any damage", code)
		}
	}
	if code, body := get(t, r.URL+"/readyz"); code != http.StatusOK {
		t.Fatalf("/readyz before the damage: %d %s", code, body)
	}
	waitFor(t, 10*time.Second, "a full checkpoint", func() bool {
		var busy, logged, done int
		err := r.store.DB().QueryRow(`PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logged, &done)
		return err == nil && busy == 0
	})
	path := r.store.Name()
	storetest.DamageMiddle(t, path)
	started := time.Now()
	waitFor(t, 10*time.Second, "/readyz to say the database is damaged", func() bool {
		code, body := get(t, r.URL+"/readyz")
		return code == http.StatusServiceUnavailable && strings.Contains(body, "damaged")
	})
	t.Logf("/readyz red %s after the damage", time.Since(started).Round(time.Millisecond))
	_, body := get(t, r.URL+"/readyz")
	t.Logf("/readyz: %s", body)
	for range 5 {
		if code := r.deliver(t, "check_run", newDeliveryID(), []byte(`{"action":"completed"}`)); code != http.StatusServiceUnavailable {
			t.Errorf("a delivery to a damaged database answered %d, want 503", code)
		}
	}
	logs := r.logs.String()
	if n := strings.Count(logs, "is damaged"); n < 1 || !strings.Contains(logs, path) || !strings.Contains(logs, "prcoach recover") {
		t.Errorf("no log line names %s as damaged and says how to recover (%d lines say damaged)", path, n)
	}
}

// TestAcknowledgedDeliveriesSurviveDamage acknowledges deliveries that stay
// in the WAL, takes the files as a crash leaves them and damages the middle
// of the database: the restart is refused with the -wal file left as it
// was, and after the recovery the refusal names, the app starts and
// processes every one of those deliveries.
func TestAcknowledgedDeliveriesSurviveDamage(t *testing.T) {
	live := filepath.Join(t.TempDir(), "prcoach.db")
	s, err := store.Open(context.Background(), "sqlite:"+live, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	q, err := s.NewQueue(store.QueueConfig{ID: "before"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	batch := func(prefix string, n, pad int) []store.NewDelivery {
		out := make([]store.NewDelivery, n)
		for i := range out {
			out[i] = store.NewDelivery{ID: prefix + strconv.Itoa(i), Event: "check_run", Action: "completed",
				InstallationID: 9, Repository: "octo/repo", Payload: []byte(`{"action":"completed","pad":"` + storetest.Noise(i, pad) + `"}`)}
		}
		return out
	}
	if _, err := q.Insert(batch("old", 300, 3000)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	if _, err := q.Insert(batch("wal", 20, 10)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "prcoach.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		b, err := os.ReadFile(live + suffix)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(path+suffix, b, 0o600)
	}
	storetest.DamageMiddle(t, path)
	cfg := testConfig(t, nil)
	cfg.DatabaseURL = "sqlite:" + path
	if _, err := New(cfg, slog.New(slog.DiscardHandler)); err == nil || !strings.Contains(err.Error(), "prcoach recover") {
		t.Fatalf("the app started on a damaged database, or without saying how to recover: %v", err)
	}
	if st, err := os.Stat(path + "-wal"); err != nil || st.Size() == 0 {
		t.Fatalf("the refused start did not leave the WAL: %v", err)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Rename(path+suffix, path+".broken"+suffix)
	}
	if _, err := store.RecoverSQLite(context.Background(), path+".broken", path); err != nil {
		t.Fatal(err)
	}
	r := start(t, cfg)
	waitFor(t, 20*time.Second, "the WAL's deliveries to be processed", func() bool {
		return r.count(t, `SELECT COUNT(*) FROM prcoach_deliveries WHERE id LIKE 'wal%' AND status != 'queued'`) == 20
	})
	var old int
	r.store.DB().QueryRow(`SELECT COUNT(*) FROM prcoach_deliveries WHERE id LIKE 'old%'`).Scan(&old)
	t.Logf("all 20 deliveries from the WAL processed after the recovery; %d of 300 older ones recovered", old)
}
