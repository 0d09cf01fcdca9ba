package store

import (
	"context"
	"sync"
	"testing"
	"time"
)

// TestModelBudgetIsShared has two stores on one database (two replicas on
// PostgreSQL; the same file twice is impossible on SQLite, so one store
// there) take calls at once: together they get exactly the limit, and a
// new window starts again.
func TestModelBudgetIsShared(t *testing.T) {
	eachDialect(t, func(t *testing.T, url string) {
		stores := []*Store{open(t, url)}
		if stores[0].Dialect() == Postgres {
			stores = append(stores, open(t, url))
		}
		window := time.Now().Truncate(time.Hour)
		var mu sync.Mutex
		var wg sync.WaitGroup
		granted := 0
		for i := range 20 {
			s := stores[i%len(stores)]
			wg.Go(func() {
				ok, err := s.TakeModelCall(context.Background(), 5, window, 7)
				if err != nil {
					t.Error(err)
				}
				if ok {
					mu.Lock()
					granted++
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if granted != 7 {
			t.Errorf("%d calls granted across replicas, want 7", granted)
		}
		if ok, _ := stores[0].TakeModelCall(context.Background(), 6, window, 7); !ok {
			t.Error("another installation's budget was spent too")
		}
		if ok, _ := stores[0].TakeModelCall(context.Background(), 5, window.Add(time.Hour), 7); !ok {
			t.Error("a new window did not start a new budget")
		}
	})
}

// TestWriteSlotsAndLimits reserves write slots and records a rate limit:
// slots are a gap apart, and a limit is kept at its latest end.
func TestWriteSlotsAndLimits(t *testing.T) {
	eachDialect(t, func(t *testing.T, url string) {
		s := open(t, url)
		ctx := context.Background()
		now := time.UnixMilli(time.Now().UnixMilli())
		var slots []time.Time
		for range 3 {
			slot, err := s.WriteSlot(ctx, 5, now, time.Second)
			if err != nil {
				t.Fatal(err)
			}
			slots = append(slots, slot)
		}
		for i, want := range []time.Duration{0, time.Second, 2 * time.Second} {
			if got := slots[i].Sub(now); got != want {
				t.Errorf("slot %d is %s after now, want %s", i, got, want)
			}
		}
		if until, _ := s.LimitedUntil(ctx, 5); until.After(now) {
			t.Errorf("limited until %s with no limit recorded", until)
		}
		later := now.Add(time.Minute)
		s.NoteLimit(ctx, 5, later)
		s.NoteLimit(ctx, 5, now.Add(time.Second))
		if until, _ := s.LimitedUntil(ctx, 5); !until.Equal(later) {
			t.Errorf("limited until %s, want %s", until, later)
		}
	})
}

// TestSetupStatesAreTakenOnce keeps states as two replicas would see them:
// a state is taken once, by either; an expired or unknown one is refused;
// past the bound the oldest go.
func TestSetupStatesAreTakenOnce(t *testing.T) {
	eachDialect(t, func(t *testing.T, url string) {
		a := open(t, url)
		b := a
		if a.Dialect() == Postgres {
			b = open(t, url)
		}
		ctx := context.Background()
		now := time.Now()
		for i, st := range []string{"s1", "s2", "s3", "s4"} {
			if err := a.PutSetupState(ctx, st, now, now.Add(time.Duration(10+i)*time.Minute), 3); err != nil {
				t.Fatal(err)
			}
		}
		a.PutSetupState(ctx, "stale", now, now.Add(-time.Minute), 10)
		for _, tc := range []struct {
			store *Store
			state string
			want  bool
		}{
			{b, "s4", true}, {a, "s4", false}, {a, "s2", true}, {b, "s1", false}, {b, "stale", false}, {a, "nope", false},
		} {
			if got, err := tc.store.TakeSetupState(ctx, tc.state, now); got != tc.want || err != nil {
				t.Errorf("taking %s: %v (%v), want %v", tc.state, got, err, tc.want)
			}
		}
	})
}
