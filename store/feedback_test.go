package store

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/prcoach/prcoach/handlers/feedback"
)

var fbSig = feedback.SignatureOf("FAIL: TestConnect (0.42s) dial tcp 10.0.0.7:5432: connection refused")

// TestFailureHistoryConcurrentRecords records 20 failures on distinct runs
// from 4 goroutines at once: none is lost, a repeat counts once, and the
// history reads back after reopening the database.
func TestFailureHistoryConcurrentRecords(t *testing.T) {
	eachDialect(t, func(t *testing.T, url string) {
		ctx := context.Background()
		if !fbSig.Specific() {
			t.Fatalf("test signature %q is not specific", fbSig.Text)
		}
		s := open(t, url)
		at := time.UnixMilli(1_700_000_000_000)
		var wg sync.WaitGroup
		errs := make(chan error, 20)
		for g := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 5 {
					e := feedback.Event{Kind: feedback.Failed, Repo: "octo/app", Signature: fbSig,
						PR: 10 + g, RunID: int64(100*g + i + 1), At: at.Add(time.Duration(i) * time.Minute)}
					if _, err := s.Record(ctx, e); err != nil {
						errs <- err
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		again := feedback.Event{Kind: feedback.Failed, Repo: "octo/app", Signature: fbSig, PR: 10, RunID: 1, At: at}
		if h, err := s.Record(ctx, again); err != nil || h.Seen != 20 {
			t.Fatalf("a repeated run: seen %d (%v), want 20", h.Seen, err)
		}
		s.Close()
		s = open(t, url)
		h, ok, err := s.Lookup(ctx, "octo/app", fbSig.ID)
		if err != nil || !ok {
			t.Fatalf("lookup after reopening: ok=%v err=%v", ok, err)
		}
		if h.Seen != 20 || h.PRCount != 4 || h.Signature != fbSig {
			t.Errorf("history after reopening: seen %d on %d PRs, signature %+v; want 20 on 4, %+v", h.Seen, h.PRCount, h.Signature, fbSig)
		}
		if _, ok, _ := s.Lookup(ctx, "octo/other", fbSig.ID); ok {
			t.Error("another repository's lookup found octo/app's history")
		}
	})
}

// TestFeedbackVotes labels comments, saves tallies twice (the second
// replaces the first), marks one corrected and reads them per repository.
func TestFeedbackVotes(t *testing.T) {
	eachDialect(t, func(t *testing.T, url string) {
		ctx := context.Background()
		s := open(t, url)
		t0 := time.UnixMilli(1_700_000_000_000)
		checks := feedback.CommentRef{Repo: "octo/app", PR: 3, ID: 501}
		tone := feedback.CommentRef{Repo: "octo/lib", PR: 9, ID: 501, Review: true}
		lc := feedback.Labels{Kind: feedback.KindChecks, Category: "test", Verdict: "flaky", KnownFailure: "go-race"}
		lt := feedback.Labels{Kind: feedback.KindTone, ToneSignals: []string{"insult"}, Wording: "offline"}
		must(t, s.Label(ctx, checks, lc, t0))
		must(t, s.Label(ctx, tone, lt, t0.Add(time.Minute)))
		must(t, s.SaveTally(ctx, checks, feedback.Tally{Up: 3, Down: 1}, t0.Add(time.Hour)))
		must(t, s.SaveTally(ctx, checks, feedback.Tally{Up: 2, Down: 1}, t0.Add(2*time.Hour)))
		must(t, s.Label(ctx, checks, lc, t0.Add(3*time.Hour))) // updated: tally kept
		must(t, s.MarkCorrected(ctx, tone))
		got, err := s.Records(ctx, "")
		must(t, err)
		want := []feedback.Record{
			{Comment: tone, Labels: lt, Corrected: true, PostedAt: t0.Add(time.Minute)},
			{Comment: checks, Labels: lc, Tally: feedback.Tally{Up: 2, Down: 1}, PostedAt: t0.Add(3 * time.Hour), ReadAt: t0.Add(2 * time.Hour)},
		}
		if diff := cmp.Diff(want, got, cmpopts.EquateApproxTime(0)); diff != "" {
			t.Errorf("records (-want +got):\n%s", diff)
		}
		got, err = s.Records(ctx, "octo/app")
		must(t, err)
		if len(got) != 1 || got[0].Comment != checks {
			t.Errorf("octo/app's records: %+v, want the checks comment alone", got)
		}
		for _, tc := range []struct {
			name string
			q    RecordQuery
			want []feedback.CommentRef
		}{
			{"posted since", RecordQuery{PostedSince: t0.Add(2 * time.Hour)}, []feedback.CommentRef{checks}},
			{"read before", RecordQuery{ReadBefore: t0.Add(time.Hour)}, []feedback.CommentRef{tone}},
			{"newest one", RecordQuery{Limit: 1}, []feedback.CommentRef{checks}},
			{"all", RecordQuery{}, []feedback.CommentRef{tone, checks}},
		} {
			recs, err := s.FeedbackRecords(ctx, tc.q)
			must(t, err)
			var refs []feedback.CommentRef
			for _, r := range recs {
				refs = append(refs, r.Comment)
			}
			if diff := cmp.Diff(tc.want, refs); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.name, diff)
			}
		}
	})
}

// TestFeedbackCorrections keeps corrections per PR; the same person
// correcting the same comment again replaces the first.
func TestFeedbackCorrections(t *testing.T) {
	eachDialect(t, func(t *testing.T, url string) {
		ctx := context.Background()
		s := open(t, url)
		t0 := time.UnixMilli(1_700_000_000_000)
		c := feedback.CommentRef{Repo: "octo/app", PR: 3, ID: 501}
		claim := feedback.Labels{Kind: feedback.KindChecks, Category: "test", Verdict: "change"}
		first := feedback.Correction{Comment: c, Claim: claim, SignatureID: fbSig.ID, Actor: "Maint", Reason: "it is flaky", At: t0}
		second := first
		second.Actor, second.Reason, second.At = "maint", "infra", t0.Add(time.Minute)
		other := feedback.Correction{Comment: c, Claim: claim, Actor: "lead", At: t0.Add(2 * time.Minute)}
		elsewhere := feedback.Correction{Comment: feedback.CommentRef{Repo: "octo/app", PR: 4, ID: 777}, Claim: claim, Actor: "lead", At: t0}
		for _, x := range []feedback.Correction{first, second, other, elsewhere} {
			must(t, s.AddCorrection(ctx, x))
		}
		got, err := s.Corrections(ctx, "octo/app", 3)
		must(t, err)
		if diff := cmp.Diff([]feedback.Correction{second, other}, got, cmpopts.EquateApproxTime(0)); diff != "" {
			t.Errorf("corrections of #3 (-want +got):\n%s", diff)
		}
	})
}

// TestInstallationFor maps a repository to its owner's installation, else
// to the installation its deliveries came from.
func TestInstallationFor(t *testing.T) {
	eachDialect(t, func(t *testing.T, url string) {
		ctx := context.Background()
		s := open(t, url)
		must(t, s.Installed(ctx, 42, "Octo", []string{"Octo/app"}))
		if _, err := s.exec(ctx, `INSERT INTO prcoach_deliveries (id, event, installation_id, repository, received_at) VALUES ('d1', 'push', 9, 'solo/tool', 1)`); err != nil {
			t.Fatal(err)
		}
		for repo, want := range map[string]int64{"octo/app": 42, "Octo/new": 42, "solo/tool": 9, "nobody/x": 0} {
			if got, err := s.InstallationFor(ctx, repo); err != nil || got != want {
				t.Errorf("InstallationFor(%q) = %d (%v), want %d", repo, got, err, want)
			}
		}
	})
}

// must fails t on err.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
