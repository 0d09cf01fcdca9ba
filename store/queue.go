package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
)

// DeliveryJob is the job that processes one stored delivery. The payload
// stays in prcoach_deliveries, so the job row is small.
type DeliveryJob struct {
	DeliveryID string `json:"delivery_id"`
}

// Kind names the job type in River's tables.
func (DeliveryJob) Kind() string { return "delivery" }

// QueueConfig is what the app decides about its queue.
type QueueConfig struct {
	// ID names this process among the replicas; it must be unique.
	ID          string
	Workers     int
	MaxAttempts int
	RetryPolicy river.ClientRetryPolicy
	Logger      *slog.Logger
}

// Queue is River over this store, in the store's dialect.
type Queue struct {
	store *Store
	id    string
	start func(context.Context) error
	stop  func(context.Context) error
	// insert queues jobs inside the intake's transaction.
	sqlite *river.Client[*sql.Tx]
	pg     *river.Client[pgx.Tx]
	// insert and insertJob are SQLite's delivery and job inserts, prepared
	// once on the one connection.
	insert, insertJob *sql.Stmt
	// maxAttempts is what River gives a job that sets none.
	maxAttempts int
}

// NewQueue builds River's client over the store with workers.
func (s *Store) NewQueue(cfg QueueConfig, workers *river.Workers) (*Queue, error) {
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	rc := &river.Config{
		ID:                   cfg.ID,
		MaxAttempts:          cfg.MaxAttempts,
		RetryPolicy:          cfg.RetryPolicy,
		JobTimeout:           3 * time.Minute,
		RescueStuckJobsAfter: 4 * time.Minute,
		FetchPollInterval:    200 * time.Millisecond,
		// River's default: at most ten fetch rounds a second. Each round and
		// its completions are write transactions on SQLite's one connection,
		// which the intake waits behind; at 20 ms, workers failing fast
		// against a GitHub that is down took 180 jobs/s and the intake's
		// p99 at 1,000 deliveries/s was 7.2-8.0 ms, at 100 ms 36 jobs/s and
		// 3.8-4.6 ms. A real delivery's GitHub calls take longer than a
		// round, so its workers are not slowed; a job starts up to 100 ms
		// later.
		FetchCooldown: 100 * time.Millisecond,
		// Finished jobs are recorded in prcoach_deliveries; River's copy can go sooner.
		CompletedJobRetentionPeriod: time.Hour,
		Logger:                      logger.With("component", "river"),
	}
	if workers != nil {
		// Without workers the client only inserts, as in the store's tests.
		rc.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cfg.Workers}}
		rc.Workers = workers
	}
	q := &Queue{store: s, id: cfg.ID, maxAttempts: cmp.Or(cfg.MaxAttempts, river.MaxAttemptsDefault)}
	var err error
	if s.dialect == Postgres {
		q.pg, err = river.NewClient(riverpgxv5.New(s.pool), rc)
		if err == nil {
			q.start, q.stop = q.pg.Start, q.pg.Stop
		}
	} else {
		q.sqlite, err = river.NewClient(riversqlite.New(s.db), rc)
		if err == nil {
			q.start, q.stop = q.sqlite.Start, q.sqlite.Stop
		}
	}
	if err != nil {
		return nil, fmt.Errorf("creating the queue: %w", err)
	}
	return q, nil
}

// Start starts fetching and working jobs.
func (q *Queue) Start(ctx context.Context) error { return q.start(ctx) }

// Stop waits for running jobs to end, until ctx ends.
func (q *Queue) Stop(ctx context.Context) error { return q.stop(ctx) }

// RecoverOrphans makes jobs that were running in a process that died
// available again at once, instead of after River's rescue delay. On
// SQLite that is every running job: the file lock guarantees no other
// process works them. On PostgreSQL it is the jobs whose last worker no
// longer holds its replica lock (see HoldReplica).
func (s *Store) RecoverOrphans(ctx context.Context) (int64, error) {
	if s.dialect != Postgres {
		res, err := s.db.ExecContext(ctx, `UPDATE river_job SET state = 'available' WHERE state = 'running'`)
		if err != nil {
			return 0, fmt.Errorf("recovering interrupted jobs: %w", err)
		}
		return res.RowsAffected()
	}
	rows, err := s.pool.Query(ctx, `SELECT DISTINCT attempted_by[array_length(attempted_by, 1)] FROM river_job
		WHERE state = 'running' AND attempted_by IS NOT NULL`)
	if err != nil {
		return 0, fmt.Errorf("recovering interrupted jobs: %w", err)
	}
	owners, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return 0, fmt.Errorf("recovering interrupted jobs: %w", err)
	}
	var total int64
	for _, owner := range owners {
		n, err := s.recoverFrom(ctx, owner)
		if err != nil {
			return total, err
		}
		total += n
	}
	return total, nil
}

// recoverFrom frees the running jobs of replica owner if it is gone.
func (s *Store) recoverFrom(ctx context.Context, owner string) (int64, error) {
	conn, err := s.tryLockKey(ctx, "replica:"+owner)
	if err != nil {
		return 0, fmt.Errorf("recovering interrupted jobs: %w", err)
	}
	if conn == nil {
		return 0, nil // alive
	}
	defer releaseLock(conn, "replica:"+owner)
	tag, err := s.pool.Exec(ctx, `UPDATE river_job SET state = 'available'
		WHERE state = 'running' AND attempted_by[array_length(attempted_by, 1)] = $1`, owner)
	if err != nil {
		return 0, fmt.Errorf("recovering interrupted jobs: %w", err)
	}
	return tag.RowsAffected(), nil
}

// HoldReplica marks replica id alive for as long as this process keeps
// its database connection; release ends that. On SQLite it is a no-op.
func (s *Store) HoldReplica(ctx context.Context, id string) (release func(), err error) {
	if s.dialect != Postgres {
		return func() {}, nil
	}
	conn, err := s.tryLockKey(ctx, "replica:"+id)
	if err != nil {
		return nil, fmt.Errorf("registering replica %s: %w", id, err)
	}
	if conn == nil {
		return nil, fmt.Errorf("another replica already calls itself %s", id)
	}
	return func() { releaseLock(conn, "replica:"+id) }, nil
}

func releaseLock(conn *pgxpool.Conn, name string) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_unlock($1)`, lockID(name)); err != nil {
		conn.Conn().Close(ctx)
	}
	conn.Release()
}
