package handlers

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/prcoach/prcoach/handlers/ci"
	"github.com/prcoach/prcoach/prompts"
)

// TestDescribeCarriesWhatTheAnalysisSaysOfItself checks that what the
// analysis says about its own limits (a log with nothing to show, patterns
// stopped by their time budget, where the excerpt's focus is) reaches the
// checks comment's data.
func TestDescribeCarriesWhatTheAnalysisSaysOfItself(t *testing.T) {
	a := ci.Analysis{
		Title: "Go test TestParse failed", Category: "test",
		Note:     "This repository's known_failures patterns took longer than 1s on this log.",
		Excerpts: []ci.Excerpt{{StartLine: 3, EndLine: 9, Text: "--- FAIL: TestParse", Focus: 4}},
	}
	got := describe(prompts.FailingCheck{Name: "test"}, a, ci.Verdict{LikelyCause: ci.LikelyChange}, "")
	if got.AnalysisNote != a.Note {
		t.Errorf("AnalysisNote = %q, want %q", got.AnalysisNote, a.Note)
	}
	if got.EmptyLog {
		t.Error("a log with an excerpt is marked empty")
	}
	want := []prompts.Excerpt{{StartLine: 3, EndLine: 9, Text: "--- FAIL: TestParse", Focus: 4}}
	if diff := cmp.Diff(want, got.Excerpts); diff != "" {
		t.Errorf("excerpts (-want +got):\n%s", diff)
	}
	if empty := describe(prompts.FailingCheck{Name: "test"}, ci.Analysis{}, ci.Verdict{}, ""); !empty.EmptyLog {
		t.Error("an analysis with no excerpt and no cause is not marked as an empty log")
	}
}
