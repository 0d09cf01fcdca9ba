package app

import (
	"io"
	"sync/atomic"

	"github.com/prcoach/prcoach/handlers/safety"
)

// ownSecrets lists the app's own credentials, redacted wherever they appear.
func ownSecrets(cfg Config) []string {
	return []string{cfg.WebhookSecret, cfg.WebhookSecretPrevious, cfg.PrivateKey, cfg.OpenAIKey}
}

// liveRedactor redacts the app's own secrets. Setup swaps it whole when it
// adopts an app, so the log, the workers' errors and the model client all
// learn the new secrets at once, and so do the handlers, which share it.
type liveRedactor struct {
	r atomic.Pointer[safety.Redactor]
}

// set replaces the secrets redacted.
func (l *liveRedactor) set(secrets []string) { l.r.Store(safety.NewRedactor(secrets...)) }

// Redact redacts s with the secrets in force.
func (l *liveRedactor) Redact(s string) string { return l.r.Load().Redact(s) }

// Reader returns src redacted with the secrets in force when it is called.
func (l *liveRedactor) Reader(src io.Reader) io.Reader { return l.r.Load().Reader(src) }

// setSecrets sets the webhook secrets deliveries are verified with: the
// current one and, while rotating, the previous one.
func (a *App) setSecrets(current, previous string) {
	var s [][]byte
	for _, v := range []string{current, previous} {
		if v != "" {
			s = append(s, []byte(v))
		}
	}
	a.secrets.Store(&s)
}
