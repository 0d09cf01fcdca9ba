package app

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/prcoach/prcoach/handlers"
	"github.com/prcoach/prcoach/prompts"
	"github.com/prcoach/prcoach/store"
)

// queueCollector reports the queue's depth, the age of its oldest delivery
// and the dead letters kept, read from the store at each scrape.
type queueCollector struct {
	store            *store.Store
	depth, age, dead *prometheus.Desc
}

func newQueueCollector(s *store.Store) *queueCollector {
	return &queueCollector{
		store: s,
		depth: prometheus.NewDesc("prcoach_queue_depth", "Deliveries stored and not yet processed.", nil, nil),
		age:   prometheus.NewDesc("prcoach_queue_oldest_age_seconds", "Age of the oldest unprocessed delivery (0 when none).", nil, nil),
		dead:  prometheus.NewDesc("prcoach_dead_letters", "Deliveries kept after their last attempt failed.", nil, nil),
	}
}

// Describe implements prometheus.Collector.
func (q *queueCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- q.depth
	ch <- q.age
	ch <- q.dead
}

// Collect implements prometheus.Collector.
func (q *queueCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	st, err := q.store.QueueStats(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(q.depth, err)
		return
	}
	age := 0.0
	if !st.Oldest.IsZero() {
		age = time.Since(st.Oldest).Seconds()
	}
	ch <- prometheus.MustNewConstMetric(q.depth, prometheus.GaugeValue, float64(st.Depth))
	ch <- prometheus.MustNewConstMetric(q.age, prometheus.GaugeValue, age)
	ch <- prometheus.MustNewConstMetric(q.dead, prometheus.GaugeValue, float64(st.Dead))
}

// meteredCompleter counts model calls by prompt and result and times them;
// a failed call is a fallback to the offline coach.
type meteredCompleter struct {
	inner   handlers.Completer
	calls   *prometheus.CounterVec
	latency *prometheus.HistogramVec
}

func newMeteredCompleter(inner handlers.Completer, reg prometheus.Registerer) *meteredCompleter {
	m := &meteredCompleter{
		inner: inner,
		calls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "prcoach_model_calls_total",
			Help: "Model calls by prompt and result (ok, fallback: the offline coach answered instead).",
		}, []string{"prompt", "result"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "prcoach_model_call_seconds",
			Help:    "Time a model call took, retries included.",
			Buckets: []float64{0.25, 0.5, 1, 2, 5, 10, 20, 40},
		}, []string{"prompt"}),
	}
	reg.MustRegister(m.calls, m.latency)
	return m
}

// Complete implements handlers.Completer.
func (m *meteredCompleter) Complete(ctx context.Context, p prompts.Prompt) (string, error) {
	start := time.Now()
	text, err := m.inner.Complete(ctx, p)
	m.latency.WithLabelValues(p.Name).Observe(time.Since(start).Seconds())
	result := "ok"
	if err != nil {
		result = "fallback"
	}
	m.calls.WithLabelValues(p.Name, result).Inc()
	return text, err
}
