package feedback

import (
	"cmp"
	"slices"
	"time"
)

// The periodic sweep's manners: it reads only recent comments, each at
// most once per SweepEvery, and at most SweepBatch per round, so it stays
// a small share of an installation's REST budget.
const (
	SweepAge   = 14 * 24 * time.Hour
	SweepEvery = 6 * time.Hour
	SweepBatch = 50
)

// DueForSweep picks the comments the sweep should read now: posted or
// updated within SweepAge, not read within SweepEvery; never-read ones
// first, then the longest unread, the newest breaking ties; at most
// SweepBatch. Gone comments are never due: the caller drops their records.
func DueForSweep(records []Record, now time.Time) []CommentRef {
	var due []Record
	for _, r := range records {
		if now.Sub(r.PostedAt) <= SweepAge && now.Sub(r.ReadAt) >= SweepEvery {
			due = append(due, r)
		}
	}
	slices.SortStableFunc(due, func(a, b Record) int {
		return cmp.Or(a.ReadAt.Compare(b.ReadAt), b.PostedAt.Compare(a.PostedAt))
	})
	out := make([]CommentRef, 0, min(len(due), SweepBatch))
	for _, r := range due[:min(len(due), SweepBatch)] {
		out = append(out, r.Comment)
	}
	return out
}
