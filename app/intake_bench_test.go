package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prcoach/prcoach/store/storetest"
)

// benchApp is an app whose intake runs but whose workers do not, so the
// numbers are the webhook path alone: verify, store with the job, answer.
func benchApp(b *testing.B) (http.Handler, []byte, string) {
	cfg := testConfig(b, nil)
	a, err := New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	go a.intake.run()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { a.store.CheckpointLoop(ctx, 250*time.Millisecond); close(done) }()
	b.Cleanup(func() { a.intake.stop(); cancel(); <-done; a.store.Close() })
	body := fixture(b, "webhooks/check_run_failure.json")
	return a.Handler(), body, Sign([]byte(testSecret), body)
}

func signedRequest(body []byte, sig, id string) *http.Request {
	req := httptest.NewRequest(http.MethodPost, "/webhook", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-GitHub-Event", "check_run")
	req.Header.Set("X-GitHub-Delivery", id)
	req.Header.Set("X-Hub-Signature-256", sig)
	return req
}

func p99(lat []time.Duration) time.Duration {
	slices.Sort(lat)
	return lat[len(lat)*99/100]
}

// BenchmarkIntake measures signed check_run deliveries durably stored (row
// and job committed in SQLite) and acknowledged per second, as fast as 64
// concurrent senders can go, and their p99 acknowledgement latency.
func BenchmarkIntake(b *testing.B) {
	h, body, sig := benchApp(b)
	lat := make([]time.Duration, b.N)
	var next atomic.Int64
	b.SetBytes(int64(len(body)))
	b.SetParallelism(32)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := next.Add(1) - 1
			rec := httptest.NewRecorder()
			start := time.Now()
			h.ServeHTTP(rec, signedRequest(body, sig, fmt.Sprintf("bench-%d-%d", b.N, i)))
			lat[i] = time.Since(start)
			if rec.Code != http.StatusAccepted {
				b.Errorf("status %d", rec.Code)
			}
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "deliveries/s")
	b.ReportMetric(float64(p99(lat).Microseconds())/1000, "p99-ms")
}

// BenchmarkIntakeAt1000PerSecond sends deliveries at a steady 1,000 a second
// and reports the p99 acknowledgement latency at that rate.
func BenchmarkIntakeAt1000PerSecond(b *testing.B) {
	h, body, sig := benchApp(b)
	lat := make([]time.Duration, b.N)
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	var wg sync.WaitGroup
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		<-tick.C
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec := httptest.NewRecorder()
			start := time.Now()
			h.ServeHTTP(rec, signedRequest(body, sig, fmt.Sprintf("steady-%d-%d", b.N, i)))
			lat[i] = time.Since(start)
			if rec.Code != http.StatusAccepted {
				b.Errorf("status %d", rec.Code)
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	b.ReportMetric(float64(p99(lat).Microseconds())/1000, "p99-ms")
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	// Sys is all the memory the Go runtime took from the OS, an upper bound
	// of the process's Go memory (SQLite's page cache is Go memory too).
	b.ReportMetric(float64(ms.Sys)/(1<<20), "go-sys-MiB")
}

// BenchmarkLargeDeliveriesWhileWorkersStuck sends 200 concurrent 1 MB
// signed deliveries over loopback HTTP to a running server whose workers are
// all stuck on a GitHub that never answers, and reports the p99
// answer, 202 or 503 when the deliveries being read exceed the body budget
// (the target is at most 1 s). Every iteration stores up to
// 200 MB, so run it with -benchtime 3x.
func BenchmarkLargeDeliveriesWhileWorkersStuck(b *testing.B) {
	if b.N > 10 {
		b.Fatalf("each iteration stores 200 MB; b.N=%d would fill the disk: use -benchtime 3x", b.N)
	}
	stuck := make(chan struct{})
	gh := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-stuck }))
	defer gh.Close()
	defer close(stuck)
	cfg := testConfig(b, nil)
	cfg.APIURL = gh.URL + "/"
	r := start(b, cfg)
	var m map[string]any
	json.Unmarshal(fixture(b, "webhooks/check_run_failure.json"), &m)
	// Noise, not one letter repeated: the store compresses payloads.
	m["check_run"].(map[string]any)["output"] = map[string]any{"text": storetest.Noise(1, 1<<20)}
	body, _ := json.Marshal(m)
	sig := Sign([]byte(testSecret), body)
	b.SetBytes(int64(len(body)) * 200)
	var all []time.Duration
	var busy atomic.Int64
	for n := 0; n < b.N; n++ {
		lat := make([]time.Duration, 200)
		var wg sync.WaitGroup
		for i := range lat {
			wg.Add(1)
			go func() {
				defer wg.Done()
				start := time.Now()
				switch code := post(b, r.URL, "check_run", fmt.Sprintf("large-%d-%d-%d", b.N, n, i), body, sig); code {
				case http.StatusAccepted:
				case http.StatusServiceUnavailable: // over the body budget: GitHub is told to come back
					busy.Add(1)
				default:
					b.Errorf("status %d", code)
				}
				lat[i] = time.Since(start)
			}()
		}
		wg.Wait()
		all = append(all, lat...)
	}
	b.StopTimer()
	b.ReportMetric(float64(p99(all).Milliseconds()), "p99-ms")
	b.ReportMetric(float64(busy.Load())/float64(b.N), "busy-503/op")
}
