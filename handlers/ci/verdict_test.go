package ci

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDecide(t *testing.T) {
	testCause := &Cause{ID: "go-test-failure", Category: "test"}
	flakyCause := &Cause{ID: "repo-flaky", Category: "test", Flaky: true}
	infraCause := &Cause{ID: "runner-lost", Category: "infrastructure", Infrastructure: true}
	timeoutCause := &Cause{ID: "job-timeout", Category: "timeout"}
	findings := []Finding{{Line: 7, CauseID: "go-test-failure", Text: "--- FAIL: TestA (0.00s)"},
		{Line: 9, CauseID: "go-test-failure", Text: "--- FAIL: TestB (0.00s)"}}
	test := Analysis{Category: "test", Title: "Go test TestA failed", Cause: testCause, Findings: findings}
	known := func(lines ...string) func(string) bool {
		return func(l string) bool {
			for _, k := range lines {
				if l == k {
					return true
				}
			}
			return false
		}
	}
	tests := []struct {
		name string
		a    Analysis
		ev   Evidence
		want string
		not  bool
	}{
		{"test failure points at the change", test, Evidence{}, LikelyChange, false},
		{"infrastructure beats everything", Analysis{Category: "infrastructure", Title: "Runner lost", Cause: infraCause}, Evidence{PassedOnRerun: true}, LikelyInfrastructure, false},
		{"network category is infrastructure", Analysis{Category: "network", Title: "Net", Cause: &Cause{ID: "network", Category: "network"}}, Evidence{}, LikelyInfrastructure, false},
		{"failing on base is not this change", test, Evidence{FailsOnBase: true}, LikelyUnknown, true},
		{"passed on re-run is flaky", test, Evidence{PassedOnRerun: true}, LikelyFlaky, false},
		{"known flaky cause", Analysis{Category: "test", Title: "Snap", Cause: flakyCause}, Evidence{}, LikelyFlaky, false},
		{"a set-up cause is not blamed on the change", Analysis{Category: "configuration", Title: "Secret missing",
			Cause: &Cause{ID: "secret-missing", Category: "configuration", Setup: true}}, Evidence{}, LikelyUnknown, false},
		{"other configuration failures still point at the change", Analysis{Category: "configuration", Title: "Terraform",
			Cause: &Cause{ID: "terraform-error", Category: "configuration"}}, Evidence{}, LikelyChange, false},
		{"all errors seen in the last passing log", test, Evidence{KnownBefore: known(findings[0].Text, findings[1].Text)}, LikelyUnknown, true},
		{"some errors are new", test, Evidence{KnownBefore: known(findings[0].Text)}, LikelyChange, false},
		{"timeout is undecided", Analysis{Category: "timeout", Title: "Slow", Cause: timeoutCause}, Evidence{}, LikelyUnknown, false},
		{"nothing matched", Analysis{Category: "unknown"}, Evidence{}, LikelyUnknown, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Decide(tt.a, tt.ev)
			if got.LikelyCause != tt.want || got.NotThisChange != tt.not {
				t.Errorf("Decide = %+v, want likely_cause %s, not_this_change %v", got, tt.want, tt.not)
			}
			if got.Reason == "" {
				t.Error("empty reason")
			}
		})
	}
}

// Error lines that were already in the last passing log of the same job
// are recognised through Signatures even when numbers and timestamps move.
func TestSignaturesKnownBefore(t *testing.T) {
	passing := "2024-05-01T09:00:00.0000000Z ##[group]Run go test ./...\n" +
		"2024-05-01T09:00:01.0000000Z level=error msg=\"cache miss\" took=12ms\n" +
		"2024-05-01T09:00:02.0000000Z ok  \texample.com/a\t0.1s\n"
	failing := "2024-05-02T11:00:00.0000000Z ##[group]Run go test ./...\n" +
		"2024-05-02T11:00:01.0000000Z level=error msg=\"cache miss\" took=40ms\n" +
		"2024-05-02T11:00:02.0000000Z --- FAIL: TestA (0.00s)\n"
	sigs, err := Signatures(strings.NewReader(passing))
	if err != nil {
		t.Fatal(err)
	}
	knownBefore := KnownIn(sigs)
	a, err := Analyze(strings.NewReader(failing), nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []bool
	for _, f := range a.Findings {
		got = append(got, knownBefore(f.Text))
	}
	if diff := cmp.Diff([]bool{false}, got); diff != "" {
		t.Errorf("known findings (-want +got):\n%s", diff)
	}
	if !knownBefore("level=error msg=\"cache miss\" took=99ms") {
		t.Error("the passing log's error line is not known")
	}
}

func TestAnalyzeCheckOutput(t *testing.T) {
	out := CheckOutput{
		Name:    "ci/circleci: test",
		Summary: "1 test failed",
		Text:    "collected 3 items\n____ test_total ____\n\n    def test_total():\n>       assert total() == 3\nE       assert 2 == 3\n\ntests/test_cart.py:4: AssertionError\n",
		Annotations: []Annotation{{Path: "tests/test_cart.py", StartLine: 4, Level: "failure",
			Title: "test_total", Message: "assert 2 == 3\nmore"}},
	}
	a := AnalyzeCheckOutput(out, nil)
	if a.Step != "ci/circleci: test" || a.Category != "test" {
		t.Errorf("step %q category %q", a.Step, a.Category)
	}
	want := "____ test_total ____\n\n    def test_total():\n>       assert total() == 3\nE       assert 2 == 3\n\ntests/test_cart.py:4: AssertionError"
	if !holdsText(a.Excerpts, want) || excerptLines(a.Excerpts) > excerptBudget {
		t.Errorf("excerpts %+v do not hold the failing test within %d lines", a.Excerpts, excerptBudget)
	}
	ann := AnalyzeCheckOutput(CheckOutput{Name: "lint", Annotations: out.Annotations}, nil)
	if ann.Lines != 1 || len(ann.Excerpts) != 1 || !strings.Contains(ann.Excerpts[0].Text, "failure: test_total") {
		t.Errorf("annotation-only analysis = %+v", ann)
	}
}
