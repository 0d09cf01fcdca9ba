package app

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/riverqueue/river"

	"github.com/prcoach/prcoach/handlers"
)

// errShuttingDown answers deliveries that arrive while the server stops.
var errShuttingDown = errors.New("shutting down")

// maxBatch bounds one group commit, so a burst cannot hold the writer for long.
const maxBatch = 256

// intake stores deliveries durably with group commit: deliveries that arrive
// while a commit is in flight are written together in the next transaction,
// each with its job, and every request still waits for its own commit.
type intake struct {
	store   *Store
	queue   *river.Client[*sql.Tx]
	metrics *metrics
	reqs    chan *submission
	done    chan struct{}
	once    sync.Once
	// insert is the delivery insert, prepared once on the store's one
	// connection and used inside each batch's transaction; only run uses it.
	insert *sql.Stmt
}

// insertDelivery stores one delivery unless its GUID is already stored.
const insertDelivery = `INSERT INTO prcoach_deliveries
	(id, event, action, installation_id, repository, received_at, payload)
	VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`

type submission struct {
	ev     handlers.Event
	result chan submitResult
}

type submitResult struct {
	duplicate bool
	err       error
}

func newIntake(store *Store, queue *river.Client[*sql.Tx], m *metrics) *intake {
	return &intake{store: store, queue: queue, metrics: m, reqs: make(chan *submission, maxBatch), done: make(chan struct{})}
}

// Submit stores ev and its job, returning once they are committed.
// duplicate is true when the delivery GUID was already stored.
func (in *intake) Submit(ctx context.Context, ev handlers.Event) (duplicate bool, err error) {
	sub := &submission{ev: ev, result: make(chan submitResult, 1)}
	select {
	case in.reqs <- sub:
	case <-in.done:
		return false, errShuttingDown
	case <-ctx.Done():
		return false, ctx.Err()
	}
	select {
	case res := <-sub.result:
		return res.duplicate, res.err
	case <-ctx.Done():
		return false, ctx.Err()
	}
}

// run commits submissions until stop is called, then answers what is left.
func (in *intake) run() {
	defer func() {
		if in.insert != nil {
			in.insert.Close()
		}
	}()
	batch := make([]*submission, 0, maxBatch)
	for {
		select {
		case sub := <-in.reqs:
			batch = append(batch[:0], sub)
			// Let requests that are ready to submit do so before the batch
			// closes; on one core they would otherwise wait a whole commit.
			runtime.Gosched()
		fill:
			for len(batch) < maxBatch {
				select {
				case more := <-in.reqs:
					batch = append(batch, more)
				default:
					break fill
				}
			}
			in.commit(batch)
		case <-in.done:
			for {
				select {
				case sub := <-in.reqs:
					sub.result <- submitResult{err: errShuttingDown}
				default:
					return
				}
			}
		}
	}
}

// stop ends run; call it after the HTTP server stopped taking requests.
func (in *intake) stop() { in.once.Do(func() { close(in.done) }) }

// commit writes one batch in one transaction and answers each submission.
func (in *intake) commit(batch []*submission) {
	began := time.Now()
	in.store.intakeFirst.Lock()
	dup, err := in.write(batch)
	in.store.intakeFirst.Unlock()
	in.store.health.noteWrite(err)
	if err == nil {
		in.metrics.intakeCommit(len(batch), time.Since(began))
	}
	for i, sub := range batch {
		if err != nil {
			sub.result <- submitResult{err: err}
			continue
		}
		sub.result <- submitResult{duplicate: dup[i]}
	}
}

func (in *intake) write(batch []*submission) ([]bool, error) {
	// The writes must finish even if a requester gave up: others share the batch.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if in.insert == nil {
		insert, err := in.store.db.PrepareContext(ctx, insertDelivery)
		if err != nil {
			return nil, fmt.Errorf("preparing delivery insert: %w", err)
		}
		in.insert = insert
	}
	tx, err := in.store.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("starting intake transaction: %w", err)
	}
	defer tx.Rollback()
	// Re-prepared by database/sql only if the connection was replaced.
	stmt := tx.StmtContext(ctx, in.insert)
	now := time.Now().UnixMilli()
	dup := make([]bool, len(batch))
	jobs := make([]river.InsertManyParams, 0, len(batch))
	for i, sub := range batch {
		ev := sub.ev
		repo := ""
		if ev.Owner != "" {
			repo = ev.Owner + "/" + ev.Repo
		}
		res, err := stmt.ExecContext(ctx, ev.DeliveryID, ev.Name, ev.Action, ev.InstallationID, repo, now, ev.Payload)
		if err != nil {
			return nil, fmt.Errorf("storing delivery: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			dup[i] = true
			continue
		}
		jobs = append(jobs, river.InsertManyParams{Args: deliveryArgs{DeliveryID: ev.DeliveryID}})
	}
	if len(jobs) > 0 {
		if _, err := in.queue.InsertManyFastTx(ctx, tx, jobs); err != nil {
			return nil, fmt.Errorf("queueing deliveries: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("committing deliveries: %w", err)
	}
	return dup, nil
}
