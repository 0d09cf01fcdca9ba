package app

import (
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

// TestReadyzTurnsRedOnADamagedDatabase runs the app on a SQLite file,
// stores deliveries, checkpoints, then overwrites the middle third of the
// file under the running process: /readyz turns red saying the database is
// damaged, the intake stops acknowledging (503, never 202), and one log line
// names the file and how to recover.
func TestReadyzTurnsRedOnADamagedDatabase(t *testing.T) {
	r := start(t, testConfig(t, nil))
	r.store.SetIntegrityInterval(time.Second)
	pad := []byte(`{"action":"completed","pad":"` + strings.Repeat("x", 3000) + `"}`)
	for range 400 {
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
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := f.Stat()
	junk := []byte(strings.Repeat("\xde\xad\xbe\xef", 4096))
	for off := st.Size() / 3; off < 2*st.Size()/3; off += int64(len(junk)) {
		f.WriteAt(junk, off)
	}
	f.Close()
	started := time.Now()
	waitFor(t, 10*time.Second, "/readyz to say the database is damaged", func() bool {
		code, body := get(t, r.URL+"/readyz")
		return code == http.StatusServiceUnavailable && strings.Contains(body, "damaged")
	})
	t.Logf("/readyz red %s after the damage", time.Since(started).Round(time.Millisecond))
	_, body := get(t, r.URL+"/readyz")
	t.Logf("/readyz: %s", body)
	for range 5 {
		if code := r.deliver(t, "check_run", newDeliveryID(), pad); code != http.StatusServiceUnavailable {
			t.Errorf("a delivery to a damaged database answered %d, want 503", code)
		}
	}
	logs := r.logs.String()
	if n := strings.Count(logs, "is damaged"); n < 1 || !strings.Contains(logs, path) || !strings.Contains(logs, "prcoach recover") {
		t.Errorf("no log line names %s as damaged and says how to recover (%d lines say damaged)", path, n)
	}
}
