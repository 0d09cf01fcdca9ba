package app

import (
	"context"
	"strings"
	"testing"
	"time"

	jwt "github.com/golang-jwt/jwt/v4"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/githubtest"
)

func TestMissedDeliveriesAreRedelivered(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	fake.SeedFailingPR(goTestLog)
	r := start(t, testConfig(t, fake))
	stored := newDeliveryID()
	r.process(t, "check_run", "webhooks/check_run_failure.json", nil) // some other delivery
	if code := r.deliver(t, "check_run", stored, fixture(t, "webhooks/check_run_failure.json")); code != 202 {
		t.Fatalf("status %d", code)
	}
	now := time.Now()
	at := func(ago time.Duration) *github.Timestamp { return &github.Timestamp{Time: now.Add(-ago)} }
	d := func(id int64, guid, event, action string, code int, ago time.Duration) *github.HookDelivery {
		return &github.HookDelivery{ID: github.Int64(id), GUID: github.String(guid), Event: github.String(event),
			Action: github.String(action), StatusCode: github.Int(code), DeliveredAt: at(ago)}
	}
	fake.SetHookDeliveries(
		d(1, stored, "check_run", "completed", 502, time.Minute),          // failed at GitHub's end but stored here
		d(2, "missed-guid", "check_run", "completed", 503, 2*time.Minute), // never arrived: redeliver
		d(3, "missed-guid", "check_run", "completed", 0, 3*time.Minute),   // an older attempt of the same
		d(4, "fine-guid", "check_run", "completed", 202, time.Minute),     // succeeded
		d(5, "unwanted-guid", "star", "created", 500, time.Minute),        // an event the app ignores
		d(6, "ancient-guid", "check_run", "completed", 500, 5*time.Hour),  // outside the window
		d(7, "retried-ok-guid", "check_run", "completed", 500, 4*time.Minute),
		d(8, "retried-ok-guid", "check_run", "completed", 200, 3*time.Minute), // a later attempt succeeded
	)
	n, err := r.github.Load().recovery.once(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int64{2}, fake.Redelivered()); n != 1 || diff != "" {
		t.Errorf("asked %d, redelivered (-want +got):\n%s", n, diff)
	}
	// The JWT, not an installation token, authenticates these calls.
	for _, req := range fake.Requests() {
		if strings.HasPrefix(req.Path, "/app/hook/") && !strings.HasPrefix(req.Auth, "Bearer ") {
			t.Errorf("%s %s authenticated with %q", req.Method, req.Path, req.Auth)
		}
	}
	// A second pass does not ask again while the redelivery is on its way.
	if n, _ := r.github.Load().recovery.once(context.Background()); n != 0 || len(fake.Redelivered()) != 1 {
		t.Errorf("second pass asked %d more", n)
	}
}

// fixedSigner signs every JWT as the same recognisable token.
type fixedSigner struct{ token string }

func (s fixedSigner) Sign(jwt.Claims) (string, error) { return s.token, nil }

// Recovery signs with the app's one JWT cache, the installation clients'
// own, rather than an RSA signature of its own per request.
func TestRecoverySignsWithTheAppsJWTCache(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	r := start(t, testConfig(t, fake))
	gh := r.github.Load()
	gh.clients.jwt.mu.Lock()
	gh.clients.jwt.signer, gh.clients.jwt.token = fixedSigner{"jwt-from-the-apps-cache"}, ""
	gh.clients.jwt.mu.Unlock()
	if _, err := gh.recovery.once(context.Background()); err != nil {
		t.Fatal(err)
	}
	var auths []string
	for _, req := range fake.Requests() {
		if strings.HasPrefix(req.Path, "/app/hook/") {
			auths = append(auths, req.Auth)
		}
	}
	if diff := cmp.Diff([]string{"Bearer jwt-from-the-apps-cache"}, auths); diff != "" {
		t.Errorf("recovery's authorisation (-want +got):\n%s", diff)
	}
}
