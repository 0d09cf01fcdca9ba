package store

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestDashboardQueries records activity, deliveries and installations and
// reads them back through the dashboard's queries, the same on both dialects.
func TestDashboardQueries(t *testing.T) {
	eachDialect(t, func(t *testing.T, url string) {
		s := open(t, url)
		ctx := context.Background()
		now := time.Now()
		day := now.Add(-24 * time.Hour)
		for _, a := range []Activity{
			{At: day, Kind: "check_explained", Owner: "o", Repo: "r", PR: 1, Category: "test", Verdict: "change", Wording: "offline"},
			{At: day.Add(time.Hour), Kind: "check_explained", Owner: "o", Repo: "r", PR: 2, Category: "build", Verdict: "flaky", Wording: "model"},
			{At: day.Add(2 * time.Hour), Kind: "checks_green", Owner: "o", Repo: "r", PR: 1},
			{At: now.Add(-100 * 24 * time.Hour), Kind: "check_explained", Owner: "o", Repo: "r", PR: 3, Category: "old"},
		} {
			if err := s.RecordActivity(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		since := now.Add(-30 * 24 * time.Hour)
		kinds, err := s.ActivityKinds(ctx, since)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(Count{"check_explained": 2, "checks_green": 1}, kinds); diff != "" {
			t.Errorf("kinds (-want +got):\n%s", diff)
		}
		cats, _ := s.ActivityCategories(ctx, "check_explained", since, 1)
		if len(cats) != 1 {
			t.Errorf("categories with limit 1: %v", cats)
		}
		wording, _ := s.ActivityWording(ctx, since)
		if diff := cmp.Diff(Count{"offline": 1, "model": 1}, wording); diff != "" {
			t.Errorf("wording (-want +got):\n%s", diff)
		}
		events, err := s.PRActivity(ctx, since, "check_explained", "checks_green", 100)
		if err != nil {
			t.Fatal(err)
		}
		var prs []int
		for _, e := range events {
			prs = append(prs, e.PR)
		}
		if diff := cmp.Diff([]int{1, 1, 2}, prs); diff != "" {
			t.Errorf("PR activity order (-want +got):\n%s", diff)
		}
		if err := s.PurgeActivity(ctx, now); err != nil {
			t.Fatal(err)
		}
		if n := count(t, s, `SELECT COUNT(*) FROM prcoach_activity`); n != 3 {
			t.Errorf("%d activity rows after the purge, want 3", n)
		}

		q := newQueue(t, s, "r1")
		if _, err := q.Insert(deliveries("x", "y")); err != nil {
			t.Fatal(err)
		}
		s.FinishDelivery(ctx, "x", StatusDone, "commented", 1, "")
		totals, _ := s.DeliveryTotals(ctx)
		if diff := cmp.Diff(Count{StatusDone: 1, StatusQueued: 1}, totals); diff != "" {
			t.Errorf("delivery totals (-want +got):\n%s", diff)
		}
		stats, err := s.QueueStats(ctx)
		if err != nil || stats.Depth != 1 || stats.Dead != 0 || stats.Oldest.IsZero() {
			t.Errorf("queue stats %+v, %v", stats, err)
		}
		days, err := s.DeliveriesByDay(ctx, now.Add(-48*time.Hour))
		if err != nil || len(days) != 2 || !days[0].Day.Equal(now.UTC().Truncate(24*time.Hour)) {
			t.Errorf("deliveries by day %+v, %v", days, err)
		}
		recent, _ := s.RecentDeliveries(ctx, 1)
		if len(recent) != 1 {
			t.Errorf("recent deliveries with limit 1: %+v", recent)
		}

		ins, err := s.Installations(ctx, 10)
		if err != nil || len(ins) != 1 || !ins[0].FromDeliveries || ins[0].Repositories != "octo/repo" {
			t.Errorf("installations inferred from deliveries: %+v, %v", ins, err)
		}
		if err := s.Installed(ctx, 9, "octo", []string{"octo/b", "octo/a"}); err != nil {
			t.Fatal(err)
		}
		if err := s.ReposChanged(ctx, 9, "octo", []string{"octo/c"}, []string{"octo/a"}); err != nil {
			t.Fatal(err)
		}
		ins, _ = s.Installations(ctx, 10)
		if len(ins) != 1 || ins[0].Account != "octo" || ins[0].Repositories != `["octo/b","octo/c"]` {
			t.Errorf("installations: %+v", ins)
		}
		if err := s.Uninstalled(ctx, 9); err != nil {
			t.Fatal(err)
		}
		if n := count(t, s, `SELECT COUNT(*) FROM prcoach_deliveries`); n != 1 {
			t.Errorf("%d deliveries after uninstalling, want the queued one", n)
		}
	})
}
