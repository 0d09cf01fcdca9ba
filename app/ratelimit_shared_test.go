package app

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prcoach/prcoach/store"
)

// sharedTransports are two replicas' transports for installation 5, sharing
// one store's limits, against srv.
func sharedTransports(t *testing.T) (a, b *installationTransport, clockB *fakeClock) {
	t.Helper()
	st, err := store.Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "prcoach.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	clockB = &fakeClock{}
	a = &installationTransport{base: http.DefaultTransport, clock: &fakeClock{}, shared: st, installation: 5}
	b = &installationTransport{base: http.DefaultTransport, clock: clockB, shared: st, installation: 5}
	return a, b, clockB
}

// TestRateLimitIsSharedAcrossReplicas has one replica meet a long rate
// limit: the other replica's next request for the installation waits too,
// without reaching GitHub.
func TestRateLimitIsSharedAcrossReplicas(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Retry-After", "600")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()
	a, b, _ := sharedTransports(t)
	var limited *RateLimitedError
	if _, err := (&http.Client{Transport: a}).Get(srv.URL + "/repos/o/r"); !errors.As(err, &limited) {
		t.Fatalf("first replica: %v, want a rate-limit error", err)
	}
	_, err := (&http.Client{Transport: b}).Get(srv.URL + "/repos/o/r")
	if !errors.As(err, &limited) || limited.Wait < 9*time.Minute {
		t.Fatalf("second replica: %v, want to wait about 10 minutes", err)
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("GitHub saw %d requests, want only the first replica's", n)
	}
}

// TestWritesAreSpacedAcrossReplicas has two replicas write for one
// installation: the second waits for the first's slot to pass.
func TestWritesAreSpacedAcrossReplicas(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	a, b, clockB := sharedTransports(t)
	for _, tr := range []*installationTransport{a, b} {
		resp, err := (&http.Client{Transport: tr}).Post(srv.URL+"/repos/o/r/issues/1/comments", "application/json", strings.NewReader(`{}`))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	sleeps := clockB.Sleeps()
	if len(sleeps) != 1 || sleeps[0] < 800*time.Millisecond || sleeps[0] > time.Second {
		t.Errorf("the second replica slept %v, want once, just under a second", sleeps)
	}
}
