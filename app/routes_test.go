package app

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/prcoach/prcoach/handlers/githubtest"
)

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestOperationalRoutes(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	fake.SeedFailingPR(goTestLog)
	r := start(t, testConfig(t, fake))
	if code, _ := get(t, r.URL+"/healthz"); code != 200 {
		t.Errorf("healthz %d", code)
	}
	if code, _ := get(t, r.URL+"/readyz"); code != 200 {
		t.Errorf("readyz %d", code)
	}
	r.process(t, "check_run", "webhooks/check_run_failure.json", nil)
	r.deliver(t, "check_run", newDeliveryID(), []byte(`{"action":"created"}`))
	post(t, r.URL, "check_run", newDeliveryID(), []byte(`{}`), "sha256=00")
	code, metrics := get(t, r.URL+"/metrics")
	if code != 200 {
		t.Fatalf("metrics %d", code)
	}
	for _, want := range []string{
		`prcoach_webhook_deliveries_total{event="check_run",outcome="queued"} 1`,
		`prcoach_webhook_deliveries_total{event="check_run",outcome="ignored"} 1`,
		// Before the signature holds, the event header is not trusted.
		`prcoach_webhook_deliveries_total{event="other",outcome="bad_signature"} 1`,
		`prcoach_jobs_processed_total{event="check_run",result="done"} 1`,
		`prcoach_github_requests_total{code="201",method="POST"}`,
		"prcoach_queue_depth 0",
		"prcoach_queue_oldest_age_seconds 0",
		"prcoach_dead_letters 0",
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if code, body := get(t, r.URL+"/"); code != 200 || !strings.Contains(body, "1 done") {
		t.Errorf("home %d:\n%s", code, body)
	}
}

func TestUnconfiguredServerRefusesWebhooks(t *testing.T) {
	cfg, err := ParseConfig(map[string]string{"PRCOACH_DATABASE_URL": "sqlite:" + t.TempDir() + "/p.db"})
	if err != nil {
		t.Fatal(err)
	}
	r := start(t, cfg)
	body := []byte(`{"action":"completed"}`)
	if code := post(t, r.URL, "check_run", newDeliveryID(), body, Sign([]byte(""), body)); code != http.StatusServiceUnavailable {
		t.Errorf("status %d, want 503", code)
	}
	if _, home := get(t, r.URL+"/"); !strings.Contains(home, "GITHUB_APP_ID") {
		t.Errorf("home page does not say what to configure:\n%s", home)
	}
	if !strings.Contains(r.logs.String(), "no GitHub App credentials yet") {
		t.Errorf("startup log does not say what to configure")
	}
}
