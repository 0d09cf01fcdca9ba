package feedback

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/prcoach/prcoach/handlers/ci"
)

func TestKeyLine(t *testing.T) {
	f := func(role, text string) ci.Finding { return ci.Finding{Role: role, Text: text} }
	cases := []struct {
		name     string
		findings []ci.Finding
		want     string
	}{
		{"nothing matched", nil, ""},
		{"the first root", []ci.Finding{f("root", "a.go:1: undefined: x"), f("root", "b.go:2: undefined: y")}, "a.go:1: undefined: x"},
		{"an override beats a root", []ci.Finding{f("root", "a.go:1: undefined: x"), f("override", "The runner has received a shutdown signal.")}, "The runner has received a shutdown signal."},
		{"generic only when nothing better", []ci.Finding{f("generic", "Error: something failed"), f("root", "--- FAIL: TestX (0.01s)")}, "--- FAIL: TestX (0.01s)"},
		{"generic fallback", []ci.Finding{f("generic", "Error: something failed")}, "Error: something failed"},
		{"a summary is passed over", []ci.Finding{f("root", "2 failing"), f("root", "1) Cart adds an item: AssertionError: expected 2 to equal 3")}, "1) Cart adds an item: AssertionError: expected 2 to equal 3"},
		{"only summaries", []ci.Finding{f("root", "2 failing"), f("generic", "Process completed with exit code 1.")}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := KeyLine(ci.Analysis{Findings: tc.findings}); got != tc.want {
				t.Errorf("KeyLine = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestKeyLineOfARealAnalysis(t *testing.T) {
	run := func(dur string) string {
		log := "=== RUN   TestParse\n    parse_test.go:12: got 3, want 4\n--- FAIL: TestParse (" + dur + ")\nFAIL\nFAIL\texample.com/p\t0.01s\n"
		a, err := ci.Analyze(strings.NewReader(log), nil)
		if err != nil {
			t.Fatal(err)
		}
		return KeyLine(a)
	}
	first, second := run("0.02s"), run("1.40s")
	if first == "" || first == second {
		t.Fatalf("key lines %q and %q: want two, differing in the duration", first, second)
	}
	if SignatureOf(first) != SignatureOf(second) {
		t.Errorf("two runs of one failure: key lines %q and %q have different signatures", first, second)
	}
}

func TestChecksLabels(t *testing.T) {
	a := ci.Analysis{Category: "test", Cause: &ci.Cause{ID: "go-test-failure"}}
	got := ChecksLabels(KindChecks, a, ci.Verdict{LikelyCause: ci.LikelyChange}, "offline")
	want := Labels{Kind: KindChecks, Category: "test", Verdict: "change", KnownFailure: "go-test-failure", Wording: "offline"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ChecksLabels (-want +got):\n%s", diff)
	}
	if l := ChecksLabels(KindExplain, ci.Analysis{Category: "unknown"}, ci.Verdict{LikelyCause: ci.LikelyUnknown}, "model"); l.KnownFailure != "" {
		t.Errorf("no cause matched, yet KnownFailure %q", l.KnownFailure)
	}
}
