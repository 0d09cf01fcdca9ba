package app

import (
	"log/slog"
	"net/http"
	neturl "net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prcoach/prcoach/handlers/githubtest"
	"github.com/prcoach/prcoach/store"
	"github.com/prcoach/prcoach/store/storetest"
)

// TestPostgresFlow runs the failing-check flow on PostgreSQL: the delivery
// is stored, processed once into one comment, and the same GUID sent again
// (as to another replica) is stored once.
func TestPostgresFlow(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	seedFailingPR(fake, goTestLog)
	cfg := testConfig(t, fake)
	cfg.DatabaseURL = storetest.PostgresURL(t)
	r := start(t, cfg)

	status, outcome := r.process(t, "check_run", "webhooks/check_run_failure.json", nil)
	if status != statusDone || !strings.Contains(outcome, "commented") {
		t.Fatalf("status %q outcome %q", status, outcome)
	}
	onlyComment(t, fake)
	body := fixture(t, "webhooks/check_run_failure.json")
	id := newDeliveryID()
	var wg sync.WaitGroup
	codes := make([]int, 4)
	for i := range codes {
		wg.Go(func() { codes[i] = r.deliver(t, "check_run", id, body) })
	}
	wg.Wait()
	accepted := 0
	for i, code := range codes {
		switch code {
		case http.StatusAccepted:
			accepted++
		case http.StatusOK: // a duplicate
		default:
			t.Errorf("send %d of the same GUID: status %d", i, code)
		}
	}
	if accepted != 1 {
		t.Errorf("%d of 4 sends of one GUID were accepted as new, want 1", accepted)
	}
	if n := r.count(t, `SELECT COUNT(*) FROM prcoach_deliveries`); n != 2 {
		t.Errorf("%d deliveries stored, want 2", n)
	}
	if code, _ := get(t, r.URL+"/readyz"); code != http.StatusOK {
		t.Errorf("/readyz %d on PostgreSQL", code)
	}
	if code, page := get(t, r.URL+"/"); code != http.StatusOK || !strings.Contains(page, "Dashboard") {
		t.Errorf("dashboard %d on PostgreSQL", code)
	}
}

// TestPostgresLostWhileRunning cuts the server off its database (no
// connection allowed, its sessions ended): the intake answers 503, never
// 202, and /readyz turns red; once the database is back, both recover.
func TestPostgresLostWhileRunning(t *testing.T) {
	url := storetest.PostgresURL(t)
	cfg := testConfig(t, nil)
	cfg.DatabaseURL = url
	r := start(t, cfg)
	name := strings.TrimPrefix(mustParseURL(t, url).Path, "/")
	admin := storetest.Admin(t)
	body := []byte(`{"action":"completed"}`)
	if code := r.deliver(t, "check_run", newDeliveryID(), body); code != http.StatusAccepted {
		t.Fatalf("before the loss: status %d, want 202", code)
	}
	admin(`ALTER DATABASE ` + name + ` ALLOW_CONNECTIONS false`)
	admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '` + name + `'`)
	for i := range 5 {
		if code := r.deliver(t, "check_run", newDeliveryID(), body); code != http.StatusServiceUnavailable {
			t.Errorf("delivery %d with the database lost: status %d, want 503", i, code)
		}
	}
	waitFor(t, 10*time.Second, "/readyz to turn red", func() bool {
		code, _ := get(t, r.URL+"/readyz")
		return code == http.StatusServiceUnavailable
	})
	admin(`ALTER DATABASE ` + name + ` ALLOW_CONNECTIONS true`)
	waitFor(t, store.WriteGrace+10*time.Second, "/readyz to turn green again", func() bool {
		code, _ := get(t, r.URL+"/readyz")
		return code == http.StatusOK
	})
	if code := r.deliver(t, "check_run", newDeliveryID(), body); code != http.StatusAccepted {
		t.Errorf("after the database came back: status %d, want 202", code)
	}
}

func mustParseURL(t *testing.T, raw string) *neturl.URL {
	u, err := neturl.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestPostgresSetupStateCrossesReplicas hands out a setup state on one
// replica and takes it on another, once.
func TestPostgresSetupStateCrossesReplicas(t *testing.T) {
	cfg := testConfig(t, nil)
	cfg.DatabaseURL = storetest.PostgresURL(t)
	var apps []*App
	for range 2 {
		a, err := New(cfg, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { a.store.Close() })
		apps = append(apps, a)
	}
	now := time.Now()
	state, err := apps[0].setup.states.New(now)
	if err != nil {
		t.Fatal(err)
	}
	if !apps[1].setup.states.Take(state, now) {
		t.Error("the other replica refused a state this one handed out")
	}
	if apps[0].setup.states.Take(state, now) {
		t.Error("a state was taken twice")
	}
}
