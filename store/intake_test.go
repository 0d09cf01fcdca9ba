package store

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func deliveries(ids ...string) []NewDelivery {
	out := make([]NewDelivery, len(ids))
	for i, id := range ids {
		out[i] = NewDelivery{ID: id, Event: "check_run", Action: "completed", InstallationID: 9,
			Repository: "octo/repo", Payload: []byte(`{"n":` + fmt.Sprint(i) + `}`)}
	}
	return out
}

func newQueue(t *testing.T, s *Store, id string) *Queue {
	t.Helper()
	q, err := s.NewQueue(QueueConfig{ID: id}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(q.Close)
	return q
}

// TestInsertStoresEachDeliveryOnce stores a batch with a repeated GUID, then
// the batch again: each GUID is stored and queued once, and the answers say
// which were duplicates.
func TestInsertStoresEachDeliveryOnce(t *testing.T) {
	eachDialect(t, func(t *testing.T, url string) {
		s := open(t, url)
		q := newQueue(t, s, "r1")
		dup, err := q.Insert(deliveries("b", "a", "b", "c"))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]bool{false, false, true, false}, dup); diff != "" {
			t.Errorf("first batch (-want +got):\n%s", diff)
		}
		dup, err = q.Insert(deliveries("c", "d"))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]bool{true, false}, dup); diff != "" {
			t.Errorf("second batch (-want +got):\n%s", diff)
		}
		if n := count(t, s, `SELECT COUNT(*) FROM prcoach_deliveries`); n != 4 {
			t.Errorf("%d deliveries stored, want 4", n)
		}
		if n := count(t, s, `SELECT COUNT(*) FROM river_job`); n != 4 {
			t.Errorf("%d jobs queued, want 4", n)
		}
		d, err := s.LoadDelivery(context.Background(), "a")
		if err != nil || d.Event != "check_run" || d.Repository != "octo/repo" || d.Status != StatusQueued || string(d.Payload) != `{"n":1}` {
			t.Errorf("loaded %+v, %v", d, err)
		}
		if _, err := s.LoadDelivery(context.Background(), "zz"); err != ErrNotFound {
			t.Errorf("missing delivery: %v, want ErrNotFound", err)
		}
	})
}

// TestReplicasInsertingTheSameGUIDs has three replicas store overlapping
// batches in opposite orders at once, many times: no batch fails (no
// deadlock), and every GUID is stored and queued exactly once.
func TestReplicasInsertingTheSameGUIDs(t *testing.T) {
	url := dialects[1].url(t)
	var queues []*Queue
	for i := range 3 {
		queues = append(queues, newQueue(t, open(t, url), fmt.Sprintf("r%d", i)))
	}
	const rounds = 30
	var wg sync.WaitGroup
	errs := make(chan error, 3*rounds)
	newOnes := make(chan int, 3*rounds)
	for i, q := range queues {
		wg.Go(func() {
			for r := range rounds {
				ids := []string{fmt.Sprintf("g%d-a", r), fmt.Sprintf("g%d-b", r), fmt.Sprintf("g%d-c", r)}
				if i%2 == 1 {
					ids[0], ids[2] = ids[2], ids[0]
				}
				dup, err := q.Insert(deliveries(ids...))
				if err != nil {
					errs <- err
					continue
				}
				n := 0
				for _, d := range dup {
					if !d {
						n++
					}
				}
				newOnes <- n
			}
		})
	}
	wg.Wait()
	close(errs)
	close(newOnes)
	for err := range errs {
		t.Error(err)
	}
	total := 0
	for n := range newOnes {
		total += n
	}
	s := queues[0].store
	if total != 3*rounds {
		t.Errorf("replicas reported %d new deliveries, want %d", total, 3*rounds)
	}
	if n := count(t, s, `SELECT COUNT(*) FROM prcoach_deliveries`); n != 3*rounds {
		t.Errorf("%d deliveries stored, want %d", n, 3*rounds)
	}
	if n := count(t, s, `SELECT COUNT(*) FROM river_job`); n != 3*rounds {
		t.Errorf("%d jobs queued, want %d", n, 3*rounds)
	}
}
