package app

import (
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/prcoach/prcoach/handlers"
	"github.com/prcoach/prcoach/handlers/githubtest"
	"github.com/prcoach/prcoach/handlers/safety"
)

func TestWithoutQueries(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"signed log URL in an error", `Get "https://results.blob.core.windows.net/x/log.txt?sv=2019&sig=AbC%2Bd": EOF`,
			`Get "https://results.blob.core.windows.net/x/log.txt?…": EOF`},
		{"fragment", "see http://h/p#tok=1 now", "see http://h/p?… now"},
		{"no query kept", "https://github.com/o/r/pull/1 failed", "https://github.com/o/r/pull/1 failed"},
		{"no URL", "plain ? text # here", "plain ? text # here"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, withoutQueries(tc.in)); diff != "" {
				t.Errorf("withoutQueries (-want +got):\n%s", diff)
			}
		})
	}
}

func TestScrubErrorKeepsTheChain(t *testing.T) {
	inner := handlers.Permanent(errors.New(`Get "https://h/log?sig=abc": refused`))
	err := scrubError(inner, func(s string) string { return s })
	if strings.Contains(err.Error(), "sig=") || !handlers.IsPermanent(err) {
		t.Errorf("scrubError = %q (permanent %v)", err, handlers.IsPermanent(err))
	}
}

// TestFailedLogDownloadKeepsItsURLPrivate makes the log storage refuse
// connections: the signed URL GitHub redirected to reaches neither the log,
// the delivery's last error nor River's job errors.
func TestFailedLogDownloadKeepsItsURLPrivate(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	fake.SeedFailingPR(goTestLog)
	fake.Logs.Close()
	cfg := testConfig(t, fake)
	cfg.MaxAttempts = 2
	r := start(t, cfg)
	id := newDeliveryID()
	if code := r.deliver(t, "check_run", id, fixture(t, "webhooks/check_run_failure.json")); code != 202 {
		t.Fatalf("status %d", code)
	}
	waitFor(t, 20*time.Second, "the delivery to give up", func() bool {
		status, _, _ := r.deliveryStatus(t, id)
		return status == statusDead || status == statusFailed || status == statusDone
	})
	var lastErr, jobErrs string
	r.store.DB().QueryRow(`SELECT last_error FROM prcoach_deliveries WHERE id = ?`, id).Scan(&lastErr)
	r.store.DB().QueryRow(`SELECT COALESCE(CAST(errors AS TEXT), '') FROM river_job`).Scan(&jobErrs)
	if !strings.Contains(lastErr, "log") {
		t.Errorf("last_error %q does not say the log failed", lastErr)
	}
	for where, text := range map[string]string{"log": r.logs.String(), "last_error": lastErr, "river_job.errors": jobErrs} {
		if strings.Contains(text, "sig=short-lived") {
			t.Errorf("the signed log URL reached %s:\n%s", where, text)
		}
	}
}

func TestScrubLoggerRedactsEveryField(t *testing.T) {
	var buf syncBuffer
	token := "ghp_" + strings.Repeat("Ab1", 12)
	redact := safety.NewRedactor("own-webhook-secret").Redact
	log := newScrubLogger(slog.New(slog.NewJSONHandler(&buf, nil)), redact).With("ctx", "secret own-webhook-secret")
	log.Warn("pushing with "+token, "error", errors.New("GET https://h/x?sig=abc failed"),
		slog.Group("g", "auth", "Bearer "+token))
	out := buf.String()
	for _, leak := range []string{token, "own-webhook-secret", "sig=abc"} {
		if strings.Contains(out, leak) {
			t.Errorf("%q reached the log: %s", leak, out)
		}
	}
}
