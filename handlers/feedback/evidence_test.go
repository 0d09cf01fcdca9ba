package feedback

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// historyOf applies events to a new History.
func historyOf(events ...Event) History {
	var h History
	for _, e := range events {
		h.Apply(e)
	}
	return h
}

// failures are attempts on PRs from, from+1, …, one an hour from hour 0.
func failures(from, n int) []Event {
	var out []Event
	for i := range n {
		out = append(out, failed(from+i, "sha"+string(rune('a'+i)), int64(1000+from+i), i))
	}
	return out
}

func TestEvidence(t *testing.T) {
	day := 24
	now := t0.Add(24 * time.Hour)
	cases := []struct {
		name     string
		events   []Event
		pr       int
		now      time.Time
		wantHint Hint
		wantText string
	}{
		{"never seen", nil, 9, now, HintNone, ""},
		{"only on this PR", failures(9, 1), 9, now, HintNone, ""},
		{"the brief's example: 4 other PRs, 3 passes on re-run",
			append(failures(1, 4), passed(1, "sha-a", 1), passed(2, "sha-b", 2), passed(3, "sha-c", 3)), 9, now,
			HintFlaky, "This exact error failed on 4 other PRs in the past week and passed on a re-run of the same commit 3 times: likely flaky."},
		{"one pass on re-run is not enough",
			append(failures(1, 4), passed(1, "sha-a", 1)), 9, now,
			HintNone, "This exact error failed on 4 other PRs in the past week and passed on a re-run of the same commit 1 time."},
		{"passes on re-run, but only one other PR",
			append(failures(1, 1), passed(1, "sha-a", 1), passed(9, "sha-z", 2)), 9, now,
			HintNone, "This exact error failed on 1 other PR in the past week and passed on a re-run of the same commit 2 times."},
		{"fails far more often than it passes on re-run",
			append(failures(1, 12), passed(1, "sha-a", 1), passed(2, "sha-b", 2)), 20, now,
			HintNone, "This exact error failed on 12 other PRs in the past week and passed on a re-run of the same commit 2 times."},
		{"other PRs older than a week do not count",
			append(failures(1, 3), passed(1, "sha-a", 1), passed(2, "sha-b", 2)), 9, t0.Add(8 * time.Duration(day) * time.Hour),
			HintNone, "This exact error passed on a re-run of the same commit 2 times."},
		{"the current PR is not another PR",
			append(failures(1, 2), passed(1, "sha-a", 1), passed(2, "sha-b", 2)), 2, now,
			HintNone, "This exact error failed on 1 other PR in the past week and passed on a re-run of the same commit 2 times."},
		{"a maintainer marked it flaky", append(failures(1, 1), marked(1, "maintainer")), 9, now,
			HintFlaky, "This exact error failed on 1 other PR in the past week; it was marked flaky here before (1 time): likely flaky."},
		{"marked flaky, never seen failing", []Event{marked(1, "a"), marked(2, "b")}, 9, now,
			HintFlaky, "This exact error was marked flaky here before (2 times): likely flaky."},
		{"failed on the base branch 5 hours ago", append(failures(1, 1), onBase("m1", 19)), 9, now,
			HintFailsOnBase, "This exact error failed on 1 other PR in the past week and also failed on the base branch 5 hours ago: likely not caused by this change."},
		{"a base failure three days old says nothing", []Event{onBase("m1", 0)}, 9, t0.Add(72 * time.Hour), HintNone, ""},
		{"base failure beats re-run passes",
			append(failures(1, 4), passed(1, "sha-a", 1), passed(2, "sha-b", 2), onBase("m1", 23)), 9, now,
			HintFailsOnBase, "This exact error failed on 4 other PRs in the past week, passed on a re-run of the same commit 2 times and also failed on the base branch 1 hour ago: likely not caused by this change."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ev := historyOf(tc.events...).Evidence(tc.pr, tc.now)
			if diff := cmp.Diff([]any{tc.wantHint, tc.wantText}, []any{ev.Hint, ev.Text}); diff != "" {
				t.Errorf("hint and text (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAgo(t *testing.T) {
	got := []string{ago(time.Minute), ago(59 * time.Minute), ago(time.Hour), ago(47 * time.Hour), ago(72 * time.Hour)}
	want := []string{"1 minute ago", "59 minutes ago", "1 hour ago", "47 hours ago", "3 days ago"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ago (-want +got):\n%s", diff)
	}
}
