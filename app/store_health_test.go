package app

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestReadyzTurnsRedOnAFullDisk fills the database to its page limit (as a
// full disk would): the intake answers 503 and /readyz follows within 10 s,
// then both recover once there is room again.
func TestReadyzTurnsRedOnAFullDisk(t *testing.T) {
	r := start(t, testConfig(t, nil))
	var pages int
	r.store.db.QueryRow(`PRAGMA page_count`).Scan(&pages)
	if _, err := r.store.db.Exec(`PRAGMA max_page_count = ` + strconv.Itoa(pages)); err != nil {
		t.Fatal(err)
	}
	body := []byte(`{"action":"completed","pad":"` + strings.Repeat("x", 64<<10) + `"}`)
	refused := false
	for i := 0; i < 50 && !refused; i++ {
		refused = r.deliver(t, "check_run", newDeliveryID(), body) == http.StatusServiceUnavailable
	}
	if !refused {
		t.Fatal("the intake never answered 503 on a full database")
	}
	started := time.Now()
	waitFor(t, 10*time.Second, "/readyz to turn red", func() bool {
		code, _ := get(t, r.URL+"/readyz")
		return code == http.StatusServiceUnavailable
	})
	t.Logf("/readyz red %s after the intake's first 503", time.Since(started).Round(time.Millisecond))
	if _, err := r.store.db.Exec(`PRAGMA max_page_count = 1073741823`); err != nil {
		t.Fatal(err)
	}
	waitFor(t, writeGrace+5*time.Second, "/readyz to turn green again", func() bool {
		code, _ := get(t, r.URL+"/readyz")
		return code == http.StatusOK
	})
}

// TestDamagedDatabaseAtStart damages a database's pages, then its header:
// opening it fails with one line naming the file and how to recover.
func TestDamagedDatabaseAtStart(t *testing.T) {
	for _, tc := range []struct {
		name   string
		offset int64
	}{
		{"damaged table pages", 16384},
		{"damaged header", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "prcoach.db")
			s, err := openStore(context.Background(), "sqlite:"+path)
			if err != nil {
				t.Fatal(err)
			}
			for i := range 200 {
				s.db.Exec(`INSERT INTO prcoach_deliveries (id, event, received_at, payload) VALUES (?, 'e', 1, ?)`,
					strconv.Itoa(i), strings.Repeat("p", 3000))
			}
			s.ckpt.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
			s.Close()
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteAt([]byte(strings.Repeat("\xde\xad\xbe\xef", 4096)), tc.offset)
			f.Close()
			_, err = openStore(context.Background(), "sqlite:"+path)
			if err == nil {
				t.Fatal("a damaged database opened without a word")
			}
			msg := err.Error()
			t.Logf("%s", msg)
			if strings.Contains(msg, "\n") || !strings.Contains(msg, path) || !strings.Contains(msg, "damaged") || !strings.Contains(msg, ".recover") {
				t.Errorf("the error does not name the file and the way to recover in one line: %q", msg)
			}
		})
	}
}

// TestReadyzProbesWrites makes the store refuse the probe's write (with
// triggers, which every connection obeys) while no delivery arrives: the
// write probe alone turns /readyz red, then green again.
func TestReadyzProbesWrites(t *testing.T) {
	r := start(t, testConfig(t, nil))
	waitFor(t, 10*time.Second, "the first probe", func() bool {
		return r.count(t, `SELECT COUNT(*) FROM sqlite_master WHERE name = 'prcoach_probe'`) == 1
	})
	for _, op := range []string{"INSERT", "UPDATE"} {
		if _, err := r.store.db.Exec(`CREATE TRIGGER prcoach_probe_` + op + ` BEFORE ` + op +
			` ON prcoach_probe BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END`); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, 10*time.Second, "/readyz to turn red", func() bool {
		code, body := get(t, r.URL+"/readyz")
		return code == http.StatusServiceUnavailable && strings.Contains(body, "cannot write")
	})
	if !strings.Contains(r.logs.String(), "the database cannot take writes") {
		t.Error("no log line says the database cannot take writes")
	}
	r.store.db.Exec(`DROP TRIGGER prcoach_probe_INSERT`)
	r.store.db.Exec(`DROP TRIGGER prcoach_probe_UPDATE`)
	waitFor(t, 10*time.Second, "/readyz to turn green again", func() bool {
		code, _ := get(t, r.URL+"/readyz")
		return code == http.StatusOK
	})
}
