package app

import (
	"context"
	"time"

	"github.com/prcoach/prcoach/handlers"
)

// probeInterval is how often the store's write probe runs.
const probeInterval = 2 * time.Second

// leadInterval is how often a replica checks or competes for the lead.
const leadInterval = 2 * time.Second

// rescueInterval is how often the leader frees the jobs of replicas that died.
const rescueInterval = 5 * time.Second

// onLeaderEvery calls do every interval until ctx ends, on the replica
// that leads at that moment only.
func (a *App) onLeaderEvery(ctx context.Context, interval time.Duration, do func(context.Context)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if a.store.IsLeader() {
			do(ctx)
		}
	}
}

// rescueJobs hands the running jobs of replicas that died back to the
// queue, on the leader, every rescueInterval until ctx ends.
func (a *App) rescueJobs(ctx context.Context) {
	a.onLeaderEvery(ctx, rescueInterval, func(ctx context.Context) {
		if n, err := a.store.RecoverOrphans(ctx); err != nil && ctx.Err() == nil {
			a.logger.Warn("rescuing a stopped replica's deliveries failed", handlers.LogError, err)
		} else if n > 0 {
			a.logger.Info("resuming deliveries a stopped replica left running", "jobs", n)
		}
	})
}

// maintain purges old deliveries and activity once an hour, on the
// leader only; a replica that becomes leader purges at once.
func (a *App) maintain(ctx context.Context) {
	t := time.NewTicker(leadInterval)
	defer t.Stop()
	var last time.Time
	for {
		if a.store.IsLeader() && time.Since(last) >= time.Hour {
			a.purge(ctx)
			last = time.Now()
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// purge forgets activity and deliveries past their retention.
func (a *App) purge(ctx context.Context) {
	if err := a.store.PurgeActivity(ctx, time.Now()); err != nil {
		a.logger.Warn("purging old activity failed", handlers.LogError, err)
	}
	if n, err := a.store.PurgeDeliveries(ctx, time.Now()); err != nil {
		a.logger.Warn("purging old deliveries failed", handlers.LogError, err)
	} else if n > 0 {
		a.logger.Info("purged old deliveries", "count", n)
	}
}
