package app

import (
	"context"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/prcoach/prcoach/handlers"
	"github.com/prcoach/prcoach/handlers/feedback"
	"github.com/prcoach/prcoach/store"
)

// sweepInterval is how often the leader looks for comments whose votes
// are due a read (feedback.DueForSweep picks at most a batch of them).
const sweepInterval = 10 * time.Minute

// maxSweepCandidates bounds the records a sweep round reads.
const maxSweepCandidates = 5000

// sweepVotes reads the votes on recent comments every sweepInterval, on
// the leader only, while the app has GitHub credentials.
func (a *App) sweepVotes(ctx context.Context) {
	a.onLeaderEvery(ctx, sweepInterval, func(ctx context.Context) {
		if a.configured.Load() {
			a.sweepOnce(ctx, time.Now())
		}
	})
}

// voteReader is what the sweep needs of the handlers.
type voteReader interface {
	ReadVotes(ctx context.Context, installationID int64, refs []feedback.CommentRef) (feedback.ReadResult, error)
}

// liveVoteReader is the pull_request closed handler of the router in
// force, which reads votes; nil when there is none.
func (a *App) liveVoteReader() voteReader {
	r := a.live.Load()
	if r == nil {
		return nil
	}
	h, ok := r.byEvent["pull_request"]["closed"].(*handlers.PullClosed)
	if !ok {
		return nil
	}
	return h
}

// sweepOnce reads the votes of the comments due now, one installation at a
// time: an installation GitHub asked to wait is skipped, and a rate limit
// met while reading stops that installation until the next round. Records
// of deleted comments are dropped. It returns how many comments were read.
func (a *App) sweepOnce(ctx context.Context, now time.Time) int {
	reader := a.liveVoteReader()
	if reader == nil {
		return 0
	}
	// The database picks the candidates (a superset of DueForSweep's), so
	// a round reads a bounded slice however many comments are kept.
	records, err := a.store.FeedbackRecords(ctx, store.RecordQuery{PostedSince: now.Add(-feedback.SweepAge),
		ReadBefore: now.Add(-feedback.SweepEvery + time.Millisecond), Limit: maxSweepCandidates})
	if err != nil {
		a.logger.Warn("vote sweep: reading the comments failed", handlers.LogError, err)
		return 0
	}
	byInstallation, order := map[int64][]feedback.CommentRef{}, []int64{}
	installOf := map[string]int64{}
	for _, c := range feedback.DueForSweep(records, now) {
		id, seen := installOf[c.Repo]
		if !seen {
			if id, err = a.store.InstallationFor(ctx, c.Repo); err != nil {
				a.logger.Warn("vote sweep: finding an installation failed", handlers.LogError, err)
				return 0
			}
			installOf[c.Repo] = id
		}
		if id == 0 {
			continue
		}
		if byInstallation[id] == nil {
			order = append(order, id)
		}
		byInstallation[id] = append(byInstallation[id], c)
	}
	read := 0
	for _, id := range order {
		if until, err := a.store.LimitedUntil(ctx, id); err == nil && until.After(now) {
			continue
		}
		res, err := reader.ReadVotes(ctx, id, byInstallation[id])
		read += len(res.Read)
		for _, rd := range res.Read {
			if rd.Gone {
				if err := a.store.ForgetComment(ctx, rd.Comment); err != nil {
					a.logger.Warn("vote sweep: forgetting a deleted comment failed", handlers.LogError, err)
				}
			}
		}
		switch {
		case err != nil && feedback.IsRateLimited(err):
			// Every replica's requests for this installation wait too.
			if res.RetryAfter.After(now) {
				if err := a.store.NoteLimit(ctx, id, res.RetryAfter); err != nil {
					a.logger.Warn("vote sweep: recording a rate limit failed", handlers.LogError, err)
				}
			}
		case err != nil:
			a.logger.Warn("vote sweep: reading votes failed", "installation", id, handlers.LogError, err)
		}
	}
	if read > 0 {
		a.logger.Info("vote sweep", "comments_read", read)
	}
	return read
}

// feedbackCollector reports prcoach_feedback_total from the database, so
// every replica shows the whole system's votes. The figures are cached for
// feedbackCacheTTL, keeping a scrape to one cheap query at most.
type feedbackCollector struct {
	store *store.Store
	desc  *prometheus.Desc

	mu     sync.Mutex
	at     time.Time
	series []feedback.Series
}

// feedbackCacheTTL is how long a scrape reuses the last figures.
const feedbackCacheTTL = 15 * time.Second

func newFeedbackCollector(s *store.Store) *feedbackCollector {
	return &feedbackCollector{store: s, desc: prometheus.NewDesc("prcoach_feedback_total",
		"People's current 👍 (+1) and 👎 (-1) on PR Coach's comments, by kind (checks, tone, explain) and category.",
		[]string{"kind", "category", "reaction"}, nil)}
}

// Describe implements prometheus.Collector.
func (f *feedbackCollector) Describe(ch chan<- *prometheus.Desc) { ch <- f.desc }

// Collect implements prometheus.Collector.
func (f *feedbackCollector) Collect(ch chan<- prometheus.Metric) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.series == nil || time.Since(f.at) >= feedbackCacheTTL {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		records, err := f.store.Records(ctx, "")
		if err != nil {
			ch <- prometheus.NewInvalidMetric(f.desc, err)
			return
		}
		f.series, f.at = feedback.MetricSeries(records), time.Now()
		if f.series == nil {
			f.series = []feedback.Series{}
		}
	}
	for _, s := range f.series {
		// The values are current tallies (a reaction taken back lowers
		// them), so the type is a gauge despite the _total name the issue
		// asks for.
		ch <- prometheus.MustNewConstMetric(f.desc, prometheus.GaugeValue, float64(s.Value), string(s.Kind), s.Category, s.Reaction)
	}
}
