package app

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// FuzzIntake sends random headers and bodies to the webhook, signed, signed
// wrongly or not at all: every answer is a 2xx or a 4xx, never a 5xx or a
// crash. Run it longer with: go test -run '^$' -fuzz FuzzIntake ./app/
func FuzzIntake(f *testing.F) {
	cfg := testConfig(f, nil)
	a, err := New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		f.Fatal(err)
	}
	go a.intake.run()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { a.store.CheckpointLoop(ctx, 250*time.Millisecond); close(done) }()
	f.Cleanup(func() { a.intake.stop(); cancel(); <-done; a.store.Close() })
	h := a.Handler()

	check := fixture(f, "webhooks/check_run_failure.json")
	f.Add("check_run", "d-1", "application/json", uint8(2), check)
	f.Add("ping", "d-2", "application/json", uint8(2), []byte(`{"zen":"x"}`))
	f.Add("ping\xff\xfe", "d-3", "application/json", uint8(2), []byte(`{}`))
	f.Add("star", "", "application/json; charset=utf-8", uint8(1), []byte(`[[[[`))
	f.Add("", "d-4", "text/plain", uint8(0), []byte("payload=%7B%7D"))
	f.Add("issue_comment", "d-5", "application/json", uint8(2), []byte(`{"action":"created","installation":{"id":"x"}}`))
	f.Add("check_run", "d-6", "application/json", uint8(2), bytes.Repeat([]byte("["), 5000))
	f.Add("check_run", "d-7", "application/json", uint8(2), []byte(`{"action":"completed","a":"\u0000\"[[["}`))
	f.Fuzz(func(t *testing.T, event, delivery, contentType string, sigMode uint8, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "/webhook", bytes.NewReader(body))
		req.Header["X-GitHub-Event"] = []string{event}
		req.Header["X-GitHub-Delivery"] = []string{delivery}
		req.Header["Content-Type"] = []string{contentType}
		switch sigMode % 3 {
		case 1:
			req.Header.Set("X-Hub-Signature-256", Sign([]byte("not the secret"), body))
		case 2:
			req.Header.Set("X-Hub-Signature-256", Sign([]byte(testSecret), body))
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code < 200 || rec.Code > 499 {
			t.Fatalf("status %d for event %q, delivery %q, type %q, signature mode %d, body %q: %s",
				rec.Code, event, delivery, contentType, sigMode%3, body, rec.Body)
		}
	})
}
