package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/prcoach/prcoach/handlers"
	"github.com/prcoach/prcoach/store"
)

// dispatchFunc runs the handler for one event.
type dispatchFunc func(ctx context.Context, ev handlers.Event) (string, error)

// deliveryWorker loads a stored delivery, runs its handler and records the result.
type deliveryWorker struct {
	river.WorkerDefaults[store.DeliveryJob]
	store    *store.Store
	dispatch dispatchFunc
	logger   *slog.Logger
	metrics  *metrics
	redact   func(string) string // scrubs error texts of secrets
}

// Work processes one delivery; River retries it when it returns an error.
func (w *deliveryWorker) Work(ctx context.Context, job *river.Job[store.DeliveryJob]) error {
	d, err := w.store.LoadDelivery(ctx, job.Args.DeliveryID)
	if errors.Is(err, store.ErrNotFound) || d.Status == statusDone {
		return nil // purged or already done: nothing to do twice
	}
	if err != nil {
		return fmt.Errorf("loading delivery: %w", err)
	}
	ev := handlers.Event{DeliveryID: d.ID, Name: d.Event, Action: d.Action, InstallationID: d.InstallationID, Payload: d.Payload}
	ev.Owner, ev.Repo, _ = strings.Cut(d.Repository, "/")
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
	// The closing line names the pull request too; the handler's own lines
	// name each PR they touch, so the key is added only here.
	log = log.With(handlers.LogPRNumber, prNumber(d.Payload))
	var limited *RateLimitedError
	switch {
	case err == nil:
		w.store.FinishDelivery(ctx, ev.DeliveryID, statusDone, outcome, job.Attempt, "")
		w.metrics.job(ev.Name, "done")
		log.Info("delivery processed", handlers.LogOutcome, outcome, logDuration, elapsed)
		return nil
	case errors.As(err, &limited):
		w.metrics.job(ev.Name, "rate_limited")
		log.Warn("delivery postponed by a GitHub rate limit", handlers.LogOutcome, "rate_limited", "retry_in", limited.Wait.String())
		return river.JobSnooze(limited.Wait)
	case handlers.IsPermanent(err):
		w.store.FinishDelivery(ctx, ev.DeliveryID, statusFailed, "failed", job.Attempt, err.Error())
		w.metrics.job(ev.Name, "failed")
		log.Error("delivery failed; not retrying", handlers.LogOutcome, "failed", handlers.LogError, err, logDuration, elapsed)
		return river.JobCancel(err)
	case job.Attempt >= job.MaxAttempts:
		w.store.FinishDelivery(ctx, ev.DeliveryID, statusDead, "dead_letter", job.Attempt, err.Error())
		w.metrics.job(ev.Name, "dead_letter")
		log.Error("delivery dead-lettered after its last attempt", handlers.LogOutcome, "dead_letter", handlers.LogError, err, logDuration, elapsed)
		return err
	default:
		w.store.NoteAttempt(ctx, ev.DeliveryID, job.Attempt, err.Error())
		w.metrics.job(ev.Name, "retry")
		log.Warn("delivery attempt failed; will retry", handlers.LogOutcome, "retry", handlers.LogError, err, logDuration, elapsed)
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

// newQueue builds the River client over the store's database; id names
// this process among the replicas.
func newQueue(st *store.Store, cfg Config, id string, w *deliveryWorker, logger *slog.Logger) (*store.Queue, error) {
	workers := river.NewWorkers()
	if err := river.AddWorkerSafely(workers, w); err != nil {
		return nil, fmt.Errorf("registering worker: %w", err)
	}
	return st.NewQueue(store.QueueConfig{ID: id, Workers: cfg.Workers, MaxAttempts: cfg.MaxAttempts,
		RetryPolicy: retryPolicy{base: cfg.RetryBase}, Logger: logger}, workers)
}
