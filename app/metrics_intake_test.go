package app

import (
	"bufio"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/prcoach/prcoach/handlers/githubtest"
)

// metricValues reads the unlabelled samples of a /metrics page by name.
func metricValues(t *testing.T, page string) map[string]float64 {
	t.Helper()
	values := map[string]float64{}
	sc := bufio.NewScanner(strings.NewReader(page))
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), " ")
		if !ok || strings.HasPrefix(name, "#") || strings.Contains(name, "{") {
			continue
		}
		v, err := strconv.ParseFloat(value, 64)
		if err != nil {
			t.Fatalf("metric %s: %v", name, err)
		}
		values[name] = v
	}
	return values
}

func TestIntakeMetricsCountEveryStoredDelivery(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	r := start(t, testConfig(t, fake))
	body := fixture(t, "webhooks/check_run_failure.json")
	const n = 40
	var wg sync.WaitGroup
	codes := make([]int, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = r.deliver(t, "check_run", newDeliveryID(), body)
		}()
	}
	wg.Wait()
	for i, code := range codes {
		if code != http.StatusAccepted {
			t.Fatalf("delivery %d: status %d, want 202", i, code)
		}
	}
	_, page := get(t, r.URL+"/metrics")
	m := metricValues(t, page)
	if got := m["prcoach_intake_batch_size_sum"]; got != n {
		t.Errorf("batch sizes add up to %v, want %d", got, n)
	}
	commits := m["prcoach_intake_batch_size_count"]
	if commits < 1 || commits > n {
		t.Errorf("%v commits for %d deliveries", commits, n)
	}
	if got := m["prcoach_intake_commit_seconds_count"]; got != commits {
		t.Errorf("%v commit timings for %v commits", got, commits)
	}
	if m["prcoach_intake_commit_seconds_sum"] <= 0 {
		t.Errorf("commit time sum %v, want > 0", m["prcoach_intake_commit_seconds_sum"])
	}
	t.Logf("%d deliveries in %v commits", n, commits)
}
