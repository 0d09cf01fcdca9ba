package store

import (
	"context"
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
	s := q.store
	if q.insert == nil {
		insert, err := s.db.PrepareContext(ctx, insertDelivery)
		if err != nil {
			return nil, fmt.Errorf("preparing delivery insert: %w", err)
		}
		q.insert = insert
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("starting intake transaction: %w", err)
	}
	defer tx.Rollback()
	// Re-prepared by database/sql only if the connection was replaced.
	stmt := tx.StmtContext(ctx, q.insert)
	now := time.Now().UnixMilli()
	dup := make([]bool, len(batch))
	jobs := make([]river.InsertManyParams, 0, len(batch))
	for i, d := range batch {
		res, err := stmt.ExecContext(ctx, d.ID, d.Event, d.Action, d.InstallationID, d.Repository, now, d.Payload)
		if err != nil {
			return nil, fmt.Errorf("storing delivery: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			dup[i] = true
			continue
		}
		jobs = append(jobs, river.InsertManyParams{Args: DeliveryJob{DeliveryID: d.ID}})
	}
	if len(jobs) > 0 {
		if _, err := q.sqlite.InsertManyFastTx(ctx, tx, jobs); err != nil {
			return nil, fmt.Errorf("queueing deliveries: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("committing deliveries: %w", err)
	}
	return dup, nil
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

// Close releases the queue's prepared statement.
func (q *Queue) Close() {
	if q.insert != nil {
		q.insert.Close()
	}
}
