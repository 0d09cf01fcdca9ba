package app

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// metricsSize returns the length of the /metrics page.
func metricsSize(t *testing.T, base string) int {
	t.Helper()
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return len(b)
}

// sendRaw posts body to /webhook with the given headers and returns the
// status, or 0 when the server cut the connection before answering.
func sendRaw(base string, headers map[string]string, body io.Reader) (int, http.Header) {
	req, _ := http.NewRequest(http.MethodPost, base+"/webhook", body)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, resp.Header
}

// TestUnsignedEventHeadersCostNothing sends 2,000 unsigned requests, each
// with a distinct X-GitHub-Event (half 2 KB long, half short enough to pass
// the header check), and one with invalid UTF-8 in it: every answer is a
// 4xx, /metrics does not grow a series per value and the log does not carry
// the values.
func TestUnsignedEventHeadersCostNothing(t *testing.T) {
	r := start(t, testConfig(t, nil))
	body := []byte(`{"action":"completed"}`)
	metrics0, log0 := metricsSize(t, r.URL), len(r.logs.String())
	const n = 2000
	statuses := map[int]int{}
	for i := range n {
		event := fmt.Sprintf("%05d", i) + strings.Repeat("e", 2043)
		sig := ""
		if i%2 == 1 {
			event = fmt.Sprintf("eeeeeeee%05d", i)
			sig = "sha256=" + strings.Repeat("0", 64) // well formed, wrong
		}
		statuses[post(t, r.URL, event, newDeliveryID(), body, sig)]++
	}
	code, _ := sendRaw(r.URL, map[string]string{"X-GitHub-Event": "ping\xff\xfe", "X-GitHub-Delivery": "d1",
		"Content-Type": "application/json", "X-Hub-Signature-256": Sign([]byte(testSecret), body)}, bytes.NewReader(body))
	statuses[code]++
	for code, k := range statuses {
		if code < 400 || code > 499 {
			t.Errorf("%d answers with status %d, want only 4xx", k, code)
		}
	}
	grewMetrics, grewLog := metricsSize(t, r.URL)-metrics0, len(r.logs.String())-log0
	t.Logf("%d unsigned requests with distinct event names: /metrics grew %d bytes, the log %d bytes; statuses %v",
		n+1, grewMetrics, grewLog, statuses)
	if grewMetrics > 20<<10 {
		t.Errorf("/metrics grew %d bytes, want < 20 KB", grewMetrics)
	}
	if grewLog > 200*(n+1) {
		t.Errorf("the log grew %d bytes, want < 200 a request", grewLog)
	}
	if strings.Contains(r.logs.String(), "eeeeeeee") {
		t.Error("an unsigned request's event name reached the log")
	}
}

// rssBytes reads this process's resident set size from /proc.
func rssBytes(t *testing.T) int64 {
	t.Helper()
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		t.Skip("no /proc/self/statm")
	}
	f := strings.Fields(string(b))
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

// peakRSSGrowth runs f while sampling RSS and returns the largest growth.
func peakRSSGrowth(t *testing.T, f func()) int64 {
	t.Helper()
	debug.FreeOSMemory()
	base := rssBytes(t)
	var peak atomic.Int64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			if g := rssBytes(t) - base; g > peak.Load() {
				peak.Store(g)
			}
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	f()
	close(stop)
	<-sampled
	return peak.Load()
}

// TestLargeUnsignedBodiesShareABudget posts 20 unsigned 25 MiB bodies at
// once, first without a signature header and then with a well-formed wrong
// one. None is stored, every answer is a 401 or a 503 with Retry-After, and
// the process's memory grows by far less than 20 bodies.
func TestLargeUnsignedBodiesShareABudget(t *testing.T) {
	if testing.Short() {
		t.Skip("posts 1 GB over loopback")
	}
	r := start(t, testConfig(t, nil))
	big := bytes.Repeat([]byte(" "), MaxWebhookBody)
	for _, sig := range []string{"", "sha256=" + strings.Repeat("ab", 32)} {
		name := map[bool]string{true: "no signature", false: "wrong signature"}[sig == ""]
		var mu sync.Mutex
		statuses := map[int]int{}
		grew := peakRSSGrowth(t, func() {
			var wg sync.WaitGroup
			for range 20 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					h := map[string]string{"X-GitHub-Event": "check_run", "X-GitHub-Delivery": newDeliveryID(),
						"Content-Type": "application/json"}
					if sig != "" {
						h["X-Hub-Signature-256"] = sig
					}
					code, hdr := sendRaw(r.URL, h, bytes.NewReader(big))
					if code == http.StatusServiceUnavailable && hdr.Get("Retry-After") == "" {
						t.Errorf("%s: 503 without Retry-After", name)
					}
					mu.Lock()
					statuses[code]++
					mu.Unlock()
				}()
			}
			wg.Wait()
		})
		t.Logf("%s: 20 concurrent 25 MiB bodies, peak RSS grew %d MiB; statuses %v", name, grew>>20, statuses)
		for code, k := range statuses {
			if code != http.StatusUnauthorized && code != http.StatusServiceUnavailable && code != 0 {
				t.Errorf("%s: %d answers with status %d", name, k, code)
			}
		}
		if grew > 150<<20 {
			t.Errorf("%s: peak RSS grew %d MiB, want < 150 MiB", name, grew>>20)
		}
	}
	if n := r.count(t, `SELECT COUNT(*) FROM prcoach_deliveries`); n != 0 {
		t.Errorf("%d deliveries stored", n)
	}
}

// TestDeeplyNestedSignedBody posts a correctly signed body nested 13 million
// levels deep. It is refused with a 4xx and the process lives on; a
// delivery nested within the cap still goes through.
func TestDeeplyNestedSignedBody(t *testing.T) {
	r := start(t, testConfig(t, nil))
	const depth = 13_000_000
	body := append(bytes.Repeat([]byte("["), depth), bytes.Repeat([]byte("]"), depth)...)
	var code int
	grew := peakRSSGrowth(t, func() { code = r.deliver(t, "check_run", newDeliveryID(), body) })
	t.Logf("13 million levels: status %d, peak RSS grew %d MiB", code, grew>>20)
	if code < 400 || code > 499 {
		t.Errorf("13 million levels: status %d, want 4xx", code)
	}
	nested := `{"action":"created","x":` + strings.Repeat(`{"a":`, 900) + `1` + strings.Repeat(`}`, 900) + `}`
	if code := r.deliver(t, "star", newDeliveryID(), []byte(nested)); code != http.StatusAccepted {
		t.Errorf("900 levels: status %d, want 202", code)
	}
	if code := r.deliver(t, "ping", newDeliveryID(), []byte(`{"zen":"x"}`)); code != http.StatusOK {
		t.Errorf("ping after the deep body: status %d, want 200", code)
	}
}

// TestRejectedRemoteIsTheSocket sends forged forwarding headers with an
// unsigned delivery: the log names the connection's address, not theirs.
func TestRejectedRemoteIsTheSocket(t *testing.T) {
	r := start(t, testConfig(t, nil))
	code, _ := sendRaw(r.URL, map[string]string{"X-GitHub-Event": "check_run", "X-GitHub-Delivery": "d1",
		"Content-Type": "application/json", "X-Forwarded-For": "203.0.113.7", "X-Real-IP": "198.51.100.8"},
		strings.NewReader(`{}`))
	if code != http.StatusUnauthorized {
		t.Fatalf("status %d, want 401", code)
	}
	logs := r.logs.String()
	if !strings.Contains(logs, `"remote":"127.0.0.1"`) || strings.Contains(logs, "203.0.113.7") || strings.Contains(logs, "198.51.100.8") {
		t.Errorf("remote not taken from the socket:\n%s", logs)
	}
}
