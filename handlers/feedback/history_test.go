package feedback

import (
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const repo = "octo-org/widgets"

var (
	t0  = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	sig = SignatureOf("--- FAIL: TestUpload (0.52s)")
)

// failed is attempt run of check "test" at sha on pr, at t0 plus hours.
func failed(pr int, sha string, run int64, hours int) Event {
	return Event{Kind: Failed, Repo: repo, Signature: sig, PR: pr, HeadSHA: sha, Check: "test", RunID: run, At: t0.Add(time.Duration(hours) * time.Hour)}
}

func passed(pr int, sha string, hours int) Event {
	return Event{Kind: PassedOnRerun, Repo: repo, Signature: sig, PR: pr, HeadSHA: sha, Check: "test", At: t0.Add(time.Duration(hours) * time.Hour)}
}

func marked(pr int, actor string) Event {
	return Event{Kind: MarkedFlaky, Repo: repo, Signature: sig, PR: pr, Actor: actor, At: t0}
}

func onBase(sha string, hours int) Event {
	return Event{Kind: FailedOnBase, Repo: repo, Signature: sig, HeadSHA: sha, Check: "test", At: t0.Add(time.Duration(hours) * time.Hour)}
}

// counts are the counters of a History a test compares.
type counts struct{ Seen, PRCount, PassedOnRerun, FailedOnBase, MarkedFlaky int }

func countsOf(h History) counts {
	return counts{h.Seen, h.PRCount, h.PassedOnRerun, h.FailedOnBase, h.MarkedFlaky}
}

func TestApplyCountsEachEventOnce(t *testing.T) {
	var h History
	events := []Event{
		failed(1, "a1", 100, 0), failed(1, "a1", 100, 0), // a redelivered check_run
		failed(1, "a1", 101, 1),                // its re-run failed again
		passed(1, "a1", 2), passed(1, "a1", 3), // the next re-run passed; read twice
		failed(2, "b1", 200, 4), failed(2, "b2", 0, 5), failed(2, "b2", 0, 5), // no run ID: commit and check
		marked(2, "maintainer"), marked(2, "maintainer"), marked(2, "other-maintainer"),
		onBase("m1", 6), onBase("m1", 7),
	}
	applied := 0
	for _, e := range events {
		if h.Apply(e) {
			applied++
		}
	}
	want := counts{Seen: 4, PRCount: 2, PassedOnRerun: 1, FailedOnBase: 1, MarkedFlaky: 2}
	if diff := cmp.Diff(want, countsOf(h)); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	if applied != 8 {
		t.Errorf("Apply counted %d events, want 8", applied)
	}
	if !h.FirstSeen.Equal(t0) || !h.LastSeen.Equal(t0.Add(5*time.Hour)) {
		t.Errorf("seen from %v to %v, want %v to %v", h.FirstSeen, h.LastSeen, t0, t0.Add(5*time.Hour))
	}
}

func TestApplyRefusesOtherFailures(t *testing.T) {
	var h History
	h.Apply(failed(1, "a1", 100, 0))
	other := failed(1, "a1", 101, 0)
	other.Signature = SignatureOf("--- FAIL: TestDownload (0.52s)")
	elsewhere := failed(1, "a1", 102, 0)
	elsewhere.Repo = "octo-org/gadgets"
	blank := failed(1, "a1", 103, 0)
	blank.Signature = Signature{}
	unknown := failed(1, "a1", 104, 0)
	unknown.Kind = "retried"
	summary := failed(1, "a1", 105, 0)
	summary.Signature = SignatureOf("2 failing")
	for _, e := range []Event{other, elsewhere, blank, unknown, summary} {
		if h.Apply(e) {
			t.Errorf("Apply(%+v) counted an event of another failure", e)
		}
	}
	if h.Seen != 1 {
		t.Errorf("Seen = %d, want 1", h.Seen)
	}
}

func TestApplyStaysBounded(t *testing.T) {
	var h History
	for i := range MaxPRs + 50 {
		h.Apply(failed(i+1, "sha", int64(i+1), i))
	}
	if len(h.PRs) != MaxPRs || h.PRCount != MaxPRs+50 || len(h.Recent) > maxRecent {
		t.Fatalf("kept %d PRs (count %d) and %d keys; want %d PRs, count %d, at most %d keys",
			len(h.PRs), h.PRCount, len(h.Recent), MaxPRs, MaxPRs+50, maxRecent)
	}
	if h.PRs[0].PR != 51 || h.PRs[MaxPRs-1].PR != MaxPRs+50 {
		t.Errorf("kept PRs %d..%d, want the newest, 51..%d", h.PRs[0].PR, h.PRs[MaxPRs-1].PR, MaxPRs+50)
	}
	for i := range maxRecent + 10 {
		h.Apply(passed(1, "r"+strconv.Itoa(i), i))
	}
	if len(h.Recent) != maxRecent {
		t.Errorf("%d keys kept, want %d", len(h.Recent), maxRecent)
	}
}

func TestHistorySurvivesJSON(t *testing.T) {
	var h History
	h.Apply(failed(1, "a1", 100, 0))
	h.Apply(passed(1, "a1", 1))
	h.Apply(onBase("m1", 2))
	data, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	var back History
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(h, back); diff != "" {
		t.Errorf("round trip (-before +after):\n%s", diff)
	}
	// After a restart, a redelivery still counts once.
	if back.Apply(failed(1, "a1", 100, 0)) || back.Apply(passed(1, "a1", 1)) {
		t.Errorf("a redelivered event counted again after the round trip")
	}
}
