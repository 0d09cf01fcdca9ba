package app

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivertype"

	"github.com/prcoach/prcoach/handlers"
)

// deliveryArgs is the job that processes one stored delivery. The payload
// stays in prcoach_deliveries, so the job row is small.
type deliveryArgs struct {
	DeliveryID string `json:"delivery_id"`
}

// Kind names the job type in River's tables.
func (deliveryArgs) Kind() string { return "delivery" }

// dispatchFunc runs the handler for one event.
type dispatchFunc func(ctx context.Context, ev handlers.Event) (string, error)

// deliveryWorker loads a stored delivery, runs its handler and records the result.
type deliveryWorker struct {
	river.WorkerDefaults[deliveryArgs]
	store    *Store
	dispatch dispatchFunc
	logger   *slog.Logger
	metrics  *metrics
	redact   func(string) string // scrubs error texts of secrets
}

// Work processes one delivery; River retries it when it returns an error.
func (w *deliveryWorker) Work(ctx context.Context, job *river.Job[deliveryArgs]) error {
	w.store.intakeFirst.RLock()
	ev, status, err := w.store.loadDelivery(ctx, job.Args.DeliveryID)
	w.store.intakeFirst.RUnlock()
	if errors.Is(err, sql.ErrNoRows) || status == statusDone {
		return nil // purged or already done: nothing to do twice
	}
	if err != nil {
		return fmt.Errorf("loading delivery: %w", err)
	}
	log := w.logger.With(
		handlers.LogDeliveryID, ev.DeliveryID, handlers.LogEventType, ev.Name,
		handlers.LogInstallationID, ev.InstallationID, handlers.LogAttempt, job.Attempt)
	if ev.Owner != "" {
		log = log.With(handlers.LogRepoOwner, ev.Owner, handlers.LogRepoName, ev.Repo)
	}
	started := time.Now()
	outcome, err := w.run(handlers.WithInstallation(handlers.WithLogger(ctx, log), ev.InstallationID), ev, log)
	// The error's text is logged, stored and kept by River: no secret or
	// signed URL may be in it.
	err = scrubError(err, w.redact)
	elapsed := time.Since(started).Milliseconds()
	w.store.intakeFirst.RLock()
	defer w.store.intakeFirst.RUnlock()
	var limited *RateLimitedError
	switch {
	case err == nil:
		w.store.finishDelivery(ctx, ev.DeliveryID, statusDone, outcome, job.Attempt, "")
		w.metrics.job(ev.Name, "done")
		log.Info("delivery processed", handlers.LogOutcome, outcome, "duration_ms", elapsed)
		return nil
	case errors.As(err, &limited):
		w.metrics.job(ev.Name, "rate_limited")
		log.Warn("delivery postponed by a GitHub rate limit", handlers.LogOutcome, "rate_limited", "retry_in", limited.Wait.String())
		return river.JobSnooze(limited.Wait)
	case handlers.IsPermanent(err):
		w.store.finishDelivery(ctx, ev.DeliveryID, statusFailed, "failed", job.Attempt, err.Error())
		w.metrics.job(ev.Name, "failed")
		log.Error("delivery failed; not retrying", handlers.LogOutcome, "failed", "error", err, "duration_ms", elapsed)
		return river.JobCancel(err)
	case job.Attempt >= job.MaxAttempts:
		w.store.finishDelivery(ctx, ev.DeliveryID, statusDead, "dead_letter", job.Attempt, err.Error())
		w.metrics.job(ev.Name, "dead_letter")
		log.Error("delivery dead-lettered after its last attempt", handlers.LogOutcome, "dead_letter", "error", err, "duration_ms", elapsed)
		return err
	default:
		w.store.noteAttempt(ctx, ev.DeliveryID, job.Attempt, err.Error())
		w.metrics.job(ev.Name, "retry")
		log.Warn("delivery attempt failed; will retry", handlers.LogOutcome, "retry", "error", err, "duration_ms", elapsed)
		return err
	}
}

// run dispatches ev, turning a handler's panic into an error (retried, then
// dead-lettered like any other) with its stack logged once.
func (w *deliveryWorker) run(ctx context.Context, ev handlers.Event, log *slog.Logger) (outcome string, err error) {
	defer func() {
		if p := recover(); p != nil {
			log.Error("handler panicked", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			err = fmt.Errorf("handler panicked: %v", p)
		}
	}()
	return w.dispatch(ctx, ev)
}

// retryPolicy waits base × attempt² before each retry: 5 s, 20 s, 45 s, 80 s
// with the default base, about 2.5 minutes over five attempts.
type retryPolicy struct{ base time.Duration }

// NextRetry implements river.ClientRetryPolicy.
func (p retryPolicy) NextRetry(job *rivertype.JobRow) time.Time {
	n := time.Duration(max(job.Attempt, 1))
	return time.Now().Add(p.base * n * n)
}

// newQueue builds the River client over the store's database.
func newQueue(store *Store, cfg Config, w *deliveryWorker, logger *slog.Logger) (*river.Client[*sql.Tx], error) {
	workers := river.NewWorkers()
	if err := river.AddWorkerSafely(workers, w); err != nil {
		return nil, fmt.Errorf("registering worker: %w", err)
	}
	client, err := river.NewClient(riversqlite.New(store.db), &river.Config{
		Queues:               map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cfg.Workers}},
		Workers:              workers,
		MaxAttempts:          cfg.MaxAttempts,
		RetryPolicy:          retryPolicy{base: cfg.RetryBase},
		JobTimeout:           3 * time.Minute,
		RescueStuckJobsAfter: 4 * time.Minute,
		FetchPollInterval:    200 * time.Millisecond,
		FetchCooldown:        20 * time.Millisecond,
		// Finished jobs are recorded in prcoach_deliveries; River's copy can go sooner.
		CompletedJobRetentionPeriod: time.Hour,
		Logger:                      logger.With("component", "river"),
	})
	if err != nil {
		return nil, fmt.Errorf("creating the queue: %w", err)
	}
	return client, nil
}

// recoverOrphans makes jobs that were running when the previous process died
// available again at once, instead of after River's rescue delay. Safe only
// because the store's file lock guarantees no other process is working them.
func (s *Store) recoverOrphans(ctx context.Context) (int64, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE river_job SET state = 'available' WHERE state = 'running'`)
	if err != nil {
		return 0, fmt.Errorf("recovering interrupted jobs: %w", err)
	}
	return res.RowsAffected()
}
