package app

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"time"

	"github.com/prcoach/prcoach/handlers"
	"github.com/prcoach/prcoach/store"
)

// errShuttingDown answers deliveries that arrive while the server stops.
var errShuttingDown = errors.New("shutting down")

// maxBatch bounds one group commit, so a burst cannot hold the writer for long.
const maxBatch = 256

// intake stores deliveries durably with group commit: deliveries that arrive
// while a commit is in flight are written together in the next transaction,
// each with its job, and every request still waits for its own commit.
type intake struct {
	queue   *store.Queue
	metrics *metrics
	reqs    chan *submission
	done    chan struct{}
	once    sync.Once
}

type submission struct {
	ev     handlers.Event
	result chan submitResult
}

type submitResult struct {
	duplicate bool
	err       error
}

func newIntake(queue *store.Queue, m *metrics) *intake {
	return &intake{queue: queue, metrics: m, reqs: make(chan *submission, maxBatch), done: make(chan struct{})}
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
	defer in.queue.Close()
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
	rows := make([]store.NewDelivery, len(batch))
	for i, sub := range batch {
		ev := sub.ev
		repo := ""
		if ev.Owner != "" {
			repo = ev.Owner + "/" + ev.Repo
		}
		rows[i] = store.NewDelivery{ID: ev.DeliveryID, Event: ev.Name, Action: ev.Action,
			InstallationID: ev.InstallationID, Repository: repo, Payload: ev.Payload}
	}
	dup, err := in.queue.Insert(rows)
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
