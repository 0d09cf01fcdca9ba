package app

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prcoach/prcoach/store"
	"github.com/prcoach/prcoach/store/storetest"
)

// TestReadyzTurnsRedOnAFullDisk fills the database to its page limit (as a
// full disk would): the intake answers 503 and /readyz follows within 10 s,
// then both recover once there is room again.
func TestReadyzTurnsRedOnAFullDisk(t *testing.T) {
	r := start(t, testConfig(t, nil))
	var pages int
	r.store.DB().QueryRow(`PRAGMA page_count`).Scan(&pages)
	if _, err := r.store.DB().Exec(`PRAGMA max_page_count = ` + strconv.Itoa(pages)); err != nil {
		t.Fatal(err)
	}
	body := []byte(`{"action":"completed","pad":"` + storetest.Noise(0, 64<<10) + `"}`)
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
	if _, err := r.store.DB().Exec(`PRAGMA max_page_count = 1073741823`); err != nil {
		t.Fatal(err)
	}
	waitFor(t, store.WriteGrace+5*time.Second, "/readyz to turn green again", func() bool {
		code, _ := get(t, r.URL+"/readyz")
		return code == http.StatusOK
	})
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
		if _, err := r.store.DB().Exec(`CREATE TRIGGER prcoach_probe_` + op + ` BEFORE ` + op +
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
	r.store.DB().Exec(`DROP TRIGGER prcoach_probe_INSERT`)
	r.store.DB().Exec(`DROP TRIGGER prcoach_probe_UPDATE`)
	waitFor(t, 10*time.Second, "/readyz to turn green again", func() bool {
		code, _ := get(t, r.URL+"/readyz")
		return code == http.StatusOK
	})
}
