package store

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/riverqueue/river"
)

// jobRow is a river_job row as text, with the columns that differ between
// any two jobs (id, args, timestamps) read apart.
type jobRow struct {
	Attempt, MaxAttempts, Priority                 int
	Kind, Queue, State, Metadata, Tags             string
	UniqueKeyNull, UniqueStatesNull, AttemptedNull bool
	ErrorsNull, FinalizedNull, AttemptedByNull     bool
	Args                                           string
	Created, Scheduled                             time.Time
}

func readJob(t *testing.T, s *Store, id int64) jobRow {
	t.Helper()
	var r jobRow
	// The driver reads the timestamp columns as times.
	err := s.db.QueryRow(`SELECT attempt, max_attempts, priority, kind, queue, state, json(metadata), json(tags),
		unique_key IS NULL, unique_states IS NULL, attempted_at IS NULL, errors IS NULL, finalized_at IS NULL,
		attempted_by IS NULL, json(args), created_at, scheduled_at FROM river_job WHERE id = ?`, id).Scan(
		&r.Attempt, &r.MaxAttempts, &r.Priority, &r.Kind, &r.Queue, &r.State, &r.Metadata, &r.Tags,
		&r.UniqueKeyNull, &r.UniqueStatesNull, &r.AttemptedNull, &r.ErrorsNull, &r.FinalizedNull,
		&r.AttemptedByNull, &r.Args, &r.Created, &r.Scheduled)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestJobRowsMatchRivers queues one delivery through River's own insert and
// one through the intake's prepared insert: the two river_job rows agree
// in every column but the job's id and arguments, and both are stamped now.
func TestJobRowsMatchRivers(t *testing.T) {
	s := open(t, dialects[0].url(t))
	q, err := s.NewQueue(QueueConfig{ID: "r1", MaxAttempts: 7}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(q.Close)
	ctx := context.Background()
	before := time.Now().UTC().Add(-time.Second)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := q.sqlite.InsertManyFastTx(ctx, tx, []river.InsertManyParams{{Args: DeliveryJob{DeliveryID: "by-river"}}}); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := q.Insert(deliveries("by-intake")); err != nil {
		t.Fatal(err)
	}
	after := time.Now().UTC().Add(time.Second)
	rivers, ours := readJob(t, s, 1), readJob(t, s, 2)
	for _, r := range []jobRow{rivers, ours} {
		for _, at := range []time.Time{r.Created, r.Scheduled} {
			if at.Before(before) || at.After(after) {
				t.Errorf("job %s stamped %v, want between %v and %v", r.Args, at, before, after)
			}
		}
	}
	if want := `{"delivery_id":"by-intake"}`; ours.Args != want {
		t.Errorf("intake's job args %s, want %s", ours.Args, want)
	}
	if ours.MaxAttempts != 7 {
		t.Errorf("intake's job has max_attempts %d, want the queue's 7", ours.MaxAttempts)
	}
	rivers.Args, rivers.Created, rivers.Scheduled = "", time.Time{}, time.Time{}
	ours.Args, ours.Created, ours.Scheduled = "", time.Time{}, time.Time{}
	if diff := cmp.Diff(rivers, ours); diff != "" {
		t.Errorf("job rows differ (-river +intake):\n%s", diff)
	}
}
