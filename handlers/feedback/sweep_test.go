package feedback

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestDueForSweep(t *testing.T) {
	now := t0.Add(30 * 24 * time.Hour)
	rec := func(id int64, postedAgo, readAgo time.Duration) Record {
		r := Record{Comment: CommentRef{Repo: repo, PR: 1, ID: id}, PostedAt: now.Add(-postedAgo)}
		if readAgo >= 0 {
			r.ReadAt = now.Add(-readAgo)
		}
		return r
	}
	const never = -1
	h := time.Hour
	records := []Record{
		rec(1, 2*h, never),       // new, never read
		rec(2, 20*24*h, never),   // too old for the sweep
		rec(3, 3*24*h, 1*h),      // read an hour ago
		rec(4, 5*24*h, 7*h),      // read 7 hours ago
		rec(5, 1*h, never),       // newer, never read
		rec(6, 24*h, 10*24*h),    // read 10 days ago
		rec(7, 14*24*h, 12*h),    // just within SweepAge
		rec(8, 14*24*h+h, never), // just past it
	}
	var got []int64
	for _, c := range DueForSweep(records, now) {
		got = append(got, c.ID)
	}
	want := []int64{5, 1, 6, 7, 4}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DueForSweep (-want +got):\n%s", diff)
	}
}

func TestDueForSweepBatch(t *testing.T) {
	now := t0
	var records []Record
	for i := range SweepBatch + 20 {
		records = append(records, Record{Comment: CommentRef{Repo: repo, ID: int64(i)}, PostedAt: now.Add(-time.Duration(i) * time.Minute)})
	}
	got := DueForSweep(records, now)
	if len(got) != SweepBatch || got[0].ID != 0 || got[SweepBatch-1].ID != SweepBatch-1 {
		t.Errorf("batch of %d from %d to %d; want %d, the newest first", len(got), got[0].ID, got[len(got)-1].ID, SweepBatch)
	}
	if got := DueForSweep(nil, now); len(got) != 0 {
		t.Errorf("no records: %d due", len(got))
	}
}
