package handlers

import (
	"io"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/prcoach/prcoach/handlers/githubtest"
	"github.com/prcoach/prcoach/handlers/safety"
)

// swappable is a Redactor whose secrets change while handlers hold it, as
// the app's does when an app is adopted at /setup.
type swappable struct {
	r atomic.Pointer[safety.Redactor]
}

func (s *swappable) set(secrets ...string)          { s.r.Store(safety.NewRedactor(secrets...)) }
func (s *swappable) Redact(text string) string      { return s.r.Load().Redact(text) }
func (s *swappable) Reader(src io.Reader) io.Reader { return s.r.Load().Reader(src) }

// The handlers redact with the Redactor they are given, so secrets it
// learns after NewBase are redacted too.
func TestHandlersRedactSecretsLearntAfterTheyWereBuilt(t *testing.T) {
	const secret = "adopted-secret-5f0c1d2e9a7b"
	log := strings.Replace(githubtest.GoTestLog, "want 0", "want 0 with "+secret, 1)
	// comment is the checks comment of handlers built with o, once
	// built has run.
	comment := func(o Options, built func()) string {
		fake := newFake(t)
		fake.SeedFailingPR(log)
		o.Clients = fake.Clients()
		h := newCheckRun(NewBase(o))
		built()
		deliver(t, h, "check_run", "check_run_failure.json", nil)
		return onlyComment(t, fake)
	}
	if body := comment(Options{}, func() {}); !strings.Contains(body, secret) {
		t.Fatalf("the comment lacks the line with the secret, so this test proves nothing:\n%s", body)
	}
	r := &swappable{}
	r.set()
	body := comment(Options{Redactor: r}, func() { r.set(secret) })
	if strings.Contains(body, secret) {
		t.Errorf("the comment shows a secret the handlers' redactor learnt after NewBase:\n%s", body)
	}
	containsAll(t, body, "parser_test.go:42", safety.Placeholder("app-credential"))
}
