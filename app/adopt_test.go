package app

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"github.com/google/go-github/v60/github"
)

// Adopting an app at /setup teaches every redactor its new secrets: the
// log's, the workers' errors', the model client's and the handlers' share one.
func TestAdoptingAnAppRedactsItsNewSecrets(t *testing.T) {
	cfg := testConfig(t, nil)
	cfg.AppID, cfg.PrivateKey, cfg.WebhookSecret = 0, "", ""
	cfg.OpenAIKey = "sk-test-unused-key-0123456789"
	var logs bytes.Buffer
	a, err := New(cfg, slog.New(slog.NewJSONHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer a.store.Close()
	secret := "adopted-webhook-secret-7c1e0b9a55d2"
	if got := a.redactor.Redact("secret " + secret); !strings.Contains(got, secret) {
		t.Fatalf("redacted %q before the app knew it; the test proves nothing", got)
	}
	conv := &github.AppConfig{ID: github.Int64(99), PEM: github.String(testKey()),
		WebhookSecret: github.String(secret), Slug: github.String("prcoach"), Name: github.String("PR Coach")}
	if err := a.adoptApp(adoptedConfig(a.cfg, conv), botLogin(conv)); err != nil {
		t.Fatal(err)
	}
	if got := a.redactor.Redact("secret " + secret); strings.Contains(got, secret) {
		t.Errorf("after adopting the app, Redact kept its webhook secret: %q", got)
	}
	if got := a.handlerOpts.Redactor.Redact("secret " + secret); strings.Contains(got, secret) {
		t.Errorf("after adopting the app, the handlers' redactor kept its webhook secret: %q", got)
	}
	a.logger.Info("the secret is " + secret)
	if strings.Contains(logs.String(), secret) {
		t.Errorf("the log shows the adopted app's webhook secret:\n%s", logs.String())
	}
}
