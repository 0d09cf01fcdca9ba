package app

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics are the app's Prometheus series, on a registry of its own (no
// package globals), served at /metrics.
type metrics struct {
	reg        *prometheus.Registry
	deliveries *prometheus.CounterVec
	processed  *prometheus.CounterVec
	ghCalls    *prometheus.CounterVec
	limitWaits prometheus.Histogram
	batchSize  prometheus.Histogram
	commitTime prometheus.Histogram
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		deliveries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "prcoach_webhook_deliveries_total",
			Help: "Webhook deliveries received, by event and intake outcome (queued, duplicate, ignored, bad_signature, …).",
		}, []string{"event", "outcome"}),
		processed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "prcoach_jobs_processed_total",
			Help: "Delivery jobs finished by workers, by event and result (done, retry, failed, dead_letter, rate_limited).",
		}, []string{"event", "result"}),
		ghCalls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "prcoach_github_requests_total",
			Help: "Requests made to the GitHub API, by method and status code (error for transport failures).",
		}, []string{"method", "code"}),
		limitWaits: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "prcoach_github_rate_limit_wait_seconds",
			Help:    "Waits imposed by GitHub rate-limit answers.",
			Buckets: []float64{1, 5, 15, 30, 60, 120, 300, 900, 3600},
		}),
		batchSize: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "prcoach_intake_batch_size",
			Help:    "Deliveries written by one intake group commit.",
			Buckets: []float64{1, 2, 4, 8, 16, 32, 64, 128, 256},
		}),
		commitTime: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "prcoach_intake_commit_seconds",
			Help:    "Time one intake group commit took, from its transaction's start to its commit.",
			Buckets: []float64{.0005, .001, .002, .005, .01, .025, .05, .1, .25, 1, 5},
		}),
	}
	m.reg.MustRegister(m.deliveries, m.processed, m.ghCalls, m.limitWaits, m.batchSize, m.commitTime,
		// Scheduler latencies show whether requests wait for the CPU.
		collectors.NewGoCollector(collectors.WithGoCollectorRuntimeMetrics(collectors.MetricsScheduler)), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) delivery(event, outcome string) {
	if m != nil {
		m.deliveries.WithLabelValues(event, outcome).Inc()
	}
}

func (m *metrics) job(event, result string) {
	if m != nil {
		m.processed.WithLabelValues(event, result).Inc()
	}
}

func (m *metrics) githubCall(method string, resp *http.Response) {
	if m == nil {
		return
	}
	code := "error"
	if resp != nil {
		code = strconv.Itoa(resp.StatusCode)
	}
	m.ghCalls.WithLabelValues(method, code).Inc()
}

func (m *metrics) rateLimitWait(d time.Duration) {
	if m != nil {
		m.limitWaits.Observe(d.Seconds())
	}
}

// intakeCommit records one group commit of n deliveries that took d.
func (m *metrics) intakeCommit(n int, d time.Duration) {
	if m != nil {
		m.batchSize.Observe(float64(n))
		m.commitTime.Observe(d.Seconds())
	}
}
