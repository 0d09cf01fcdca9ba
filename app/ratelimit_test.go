package app

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestInstallationRequestsGoOneAtATime(t *testing.T) {
	var inFlight, most atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(5 * time.Millisecond)
		inFlight.Add(-1)
	}))
	defer srv.Close()
	client := &http.Client{Transport: &installationTransport{base: http.DefaultTransport, clock: &fakeClock{}}}
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := client.Get(srv.URL)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
		}()
	}
	wg.Wait()
	if most.Load() != 1 {
		t.Errorf("%d requests in flight at once, want 1", most.Load())
	}
}

func TestWritesAreSpacedASecondApart(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	clock := &fakeClock{}
	client := &http.Client{Transport: &installationTransport{base: http.DefaultTransport, clock: clock}}
	for i := 0; i < 3; i++ {
		resp, err := client.Post(srv.URL+"/repos/o/r/issues/1/comments", "application/json", strings.NewReader(`{}`))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	sleeps := clock.Sleeps()
	if len(sleeps) != 2 {
		t.Fatalf("sleeps %v, want two pauses between three writes", sleeps)
	}
	for _, d := range sleeps {
		if d <= 0 || d > minWriteGap {
			t.Errorf("pause %s, want up to %s", d, minWriteGap)
		}
	}
}

func TestRateLimitWait(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	for _, tc := range []struct {
		name    string
		status  int
		header  map[string]string
		body    string
		want    time.Duration
		limited bool
	}{
		{"retry-after seconds", 403, map[string]string{"Retry-After": "30"}, "", 30 * time.Second, true},
		{"429 without headers waits a minute", 429, nil, "", time.Minute, true},
		{"primary limit until reset", 403, map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": strconv.FormatInt(now.Unix()+90, 10)}, "", 90 * time.Second, true},
		{"secondary limit in the body", 403, nil, `{"message":"You have exceeded a secondary rate limit"}`, time.Minute, true},
		{"403 permission error is not a limit", 403, nil, `{"message":"Resource not accessible by integration"}`, 0, false},
		{"500 is not a limit", 500, nil, "", 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			for k, v := range tc.header {
				rec.Header().Set(k, v)
			}
			rec.WriteHeader(tc.status)
			rec.WriteString(tc.body)
			resp := rec.Result()
			got, limited := rateLimitWait(resp, now)
			if got != tc.want || limited != tc.limited {
				t.Errorf("rateLimitWait = %s, %v; want %s, %v", got, limited, tc.want, tc.limited)
			}
		})
	}
}

func TestLongRateLimitPostponesTheJob(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "900")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()
	clock := &fakeClock{}
	client := &http.Client{Transport: &installationTransport{base: http.DefaultTransport, clock: clock}}
	_, err := client.Get(srv.URL)
	var limited *RateLimitedError
	if !errorsAs(err, &limited) || limited.Wait != 15*time.Minute {
		t.Fatalf("err = %v, want a RateLimitedError of 15m", err)
	}
	if len(clock.Sleeps()) != 0 {
		t.Errorf("slept %v inline; a 15-minute wait belongs to the queue", clock.Sleeps())
	}
}
