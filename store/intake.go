package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/riverqueue/river"
)

// NewDelivery is a delivery as the intake stores it.
type NewDelivery struct {
	ID, Event, Action string
	InstallationID    int64
	Repository        string // owner/name, or ""
	Payload           []byte
}

// insertDelivery stores one delivery unless its GUID is already stored.
const insertDelivery = `INSERT INTO prcoach_deliveries
	(id, event, action, installation_id, repository, received_at, payload)
	VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`

// insertJob queues one delivery's job on SQLite with the row River's own
// insert (JobInsertFastMany) writes for a job without unique options:
// available now, in the default queue, at priority 1, no tags. A prepared
// statement of ours instead of River's query, which SQLite parsed anew for
// every batch (8 % of the intake's CPU); TestJobRowsMatchRivers compares
// the two rows.
const insertJob = `INSERT INTO river_job
	(args, created_at, kind, max_attempts, metadata, priority, queue, scheduled_at, state, tags)
	VALUES (jsonb(?), datetime('now', 'subsec'), ?, ?, jsonb('{}'), 1, ?, datetime('now', 'subsec'), 'available', jsonb('[]'))`

// Insert stores a batch of deliveries and their jobs in one transaction
// (the intake's group commit) and reports which were already stored: a
// GUID is stored and queued once, whichever replica received it and
// however often. Only one goroutine may call it at a time.
func (q *Queue) Insert(batch []NewDelivery) (dup []bool, err error) {
	// The writes must finish even if a requester gave up: others share the batch.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s := q.store
	if err := s.Damaged(); err != nil {
		return nil, err // acknowledging into a damaged file would risk losing the delivery
	}
	batch = packAll(batch) // before taking the writer
	if s.dialect == Postgres {
		dup, err = q.insertPostgres(ctx, batch)
	} else {
		s.intakeFirst.Lock()
		dup, err = q.insertSQLite(ctx, batch)
		s.intakeFirst.Unlock()
	}
	s.noteWrite(err)
	return dup, err
}

func (q *Queue) insertSQLite(ctx context.Context, batch []NewDelivery) ([]bool, error) {
	if err := q.prepare(ctx); err != nil {
		return nil, err
	}
	tx, err := q.store.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("starting intake transaction: %w", err)
	}
	defer tx.Rollback()
	// Re-prepared by database/sql only if the connection was replaced.
	delivery, job := tx.StmtContext(ctx, q.insert), tx.StmtContext(ctx, q.insertJob)
	// The rows run without ctx: the driver watches a cancellable context
	// with a goroutine per statement, two per delivery. ctx still bounds
	// the wait for the connection, the transaction (database/sql rolls it
	// back when ctx ends) and SQLite's lock waits (busy_timeout).
	run := context.WithoutCancel(ctx)
	now := time.Now().UnixMilli()
	dup := make([]bool, len(batch))
	for i, d := range batch {
		res, err := delivery.ExecContext(run, d.ID, d.Event, d.Action, d.InstallationID, d.Repository, now, d.Payload)
		if err != nil {
			return nil, fmt.Errorf("storing delivery: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			dup[i] = true
			continue
		}
		args, err := json.Marshal(DeliveryJob{DeliveryID: d.ID})
		if err != nil {
			return nil, fmt.Errorf("queueing delivery: %w", err)
		}
		if _, err := job.ExecContext(run, args, DeliveryJob{}.Kind(), q.maxAttempts, river.QueueDefault); err != nil {
			return nil, fmt.Errorf("queueing delivery: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("committing deliveries: %w", err)
	}
	return dup, nil
}

// prepare readies SQLite's two intake statements once.
func (q *Queue) prepare(ctx context.Context) error {
	for _, p := range []struct {
		stmt **sql.Stmt
		text string
	}{{&q.insert, insertDelivery}, {&q.insertJob, insertJob}} {
		if *p.stmt != nil {
			continue
		}
		stmt, err := q.store.db.PrepareContext(ctx, p.text)
		if err != nil {
			return fmt.Errorf("preparing the intake's inserts: %w", err)
		}
		*p.stmt = stmt
	}
	return nil
}

// insertPostgres writes the batch with one statement. Rows go in GUID
// order, so two replicas' batches sharing GUIDs wait for each other
// instead of deadlocking.
func (q *Queue) insertPostgres(ctx context.Context, batch []NewDelivery) ([]bool, error) {
	order := make([]int, 0, len(batch))
	first := map[string]int{}
	dup := make([]bool, len(batch))
	for i, d := range batch {
		if _, ok := first[d.ID]; ok {
			dup[i] = true
			continue
		}
		first[d.ID] = i
		order = append(order, i)
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(batch[a].ID, batch[b].ID) })
	now := time.Now().UnixMilli()
	var sb strings.Builder
	sb.WriteString(`INSERT INTO prcoach_deliveries (id, event, action, installation_id, repository, received_at, payload) VALUES `)
	args := make([]any, 0, 7*len(order))
	for n, i := range order {
		d := batch[i]
		if n > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString("(")
		for c := range 7 {
			if c > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString("$" + strconv.Itoa(7*n+c+1))
		}
		sb.WriteString(")")
		args = append(args, d.ID, d.Event, d.Action, d.InstallationID, d.Repository, now, d.Payload)
	}
	sb.WriteString(` ON CONFLICT (id) DO NOTHING RETURNING id`)
	tx, err := q.store.pool.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("starting intake transaction: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	rows, err := tx.Query(ctx, sb.String(), args...)
	if err != nil {
		return nil, fmt.Errorf("storing deliveries: %w", err)
	}
	stored := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("storing deliveries: %w", err)
		}
		stored[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storing deliveries: %w", err)
	}
	jobs := make([]river.InsertManyParams, 0, len(stored))
	for _, i := range order {
		if !stored[batch[i].ID] {
			dup[i] = true
			continue
		}
		jobs = append(jobs, river.InsertManyParams{Args: DeliveryJob{DeliveryID: batch[i].ID}})
	}
	if len(jobs) > 0 {
		if _, err := q.pg.InsertManyFastTx(ctx, tx, jobs); err != nil {
			return nil, fmt.Errorf("queueing deliveries: %w", err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("committing deliveries: %w", err)
	}
	return dup, nil
}

// Close releases the queue's prepared statements.
func (q *Queue) Close() {
	for _, stmt := range []*sql.Stmt{q.insert, q.insertJob} {
		if stmt != nil {
			stmt.Close()
		}
	}
}
