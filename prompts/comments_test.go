package prompts

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestCommentGolden renders every comment the app posts with representative
// data and compares it with testdata/golden (rewritten under -update).
func TestCommentGolden(t *testing.T) {
	for _, tc := range commentCases("") {
		t.Run(tc.name, func(t *testing.T) {
			compareGolden(t, filepath.Join("..", "testdata", "golden", tc.name+".md"), tc.render)
		})
	}
}

// TestCommentGoldenByLanguage renders the same comments in every shipped
// language but English, and in one language PR Coach has no texts in,
// into testdata/golden/i18n/<tag>/.
func TestCommentGoldenByLanguage(t *testing.T) {
	for _, tag := range append(Languages()[1:], "ko") {
		for _, tc := range commentCases(tag) {
			t.Run(tag+"/"+tc.name, func(t *testing.T) {
				compareGolden(t, filepath.Join("..", "testdata", "golden", "i18n", tag, tc.name+".md"), tc.render)
			})
		}
	}
}

type commentCase struct {
	name   string
	render func() (string, error)
}

// commentCases are the representative comments, written for the language
// setting lang.
func commentCases(lang string) []commentCase {
	failing := FailingCheck{
		Name: "test (ubuntu-latest)", URL: "https://github.com/octo-org/widgets/actions/runs/1/job/2", Conclusion: "failure",
		Step: "Run tests", Title: "Go test TestParseEmpty failed", Category: "test",
		Verdict: "change", Reason: "A test failure at line 8 points at the change.",
		Explanation: "A Go test reported a failure. The lines right under \"--- FAIL\" are the test's own messages.",
		NextSteps:   []string{"Compare the expected and actual values in the message."},
		Reproduce:   "go test ./parser -run 'TestParseEmpty'",
		Excerpts:    []Excerpt{{StartLine: 8, EndLine: 9, Text: "--- FAIL: TestParseEmpty (0.00s)\n    parser_test.go:42: Parse(\"\") = 1 items, want 0"}},
	}
	flaky := FailingCheck{Name: "e2e", Conclusion: "timed_out", Title: "the job timed out", Verdict: "flaky",
		Reason: "The same check passed on another attempt of the same commit, so the failure is intermittent."}
	cleared := FailingCheck{Name: "lint", Conclusion: "failure", Title: "golangci-lint found problems", Verdict: "unknown", NotThisChange: true,
		Reason: "The same check is also failing on the base branch's latest commit, so this change is not what broke it."}
	return []commentCase{
		{"checks_failing", func() (string, error) {
			return Checks(ChecksComment{Marker: "<!-- prcoach:checks -->", HeadSHA: "9f1c2e3d4b5a", Failing: []FailingCheck{failing, flaky, cleared},
				Running: []string{"build (windows)"}, FirstTime: true, Wording: "offline", Language: lang})
		}},
		{"checks_green", func() (string, error) {
			return Checks(ChecksComment{Marker: "<!-- prcoach:checks -->", HeadSHA: "9f1c2e3d4b5a", Wording: "offline", Language: lang})
		}},
		{"tone_reply", func() (string, error) {
			return ToneSuggestion(ToneReply{Marker: "<!-- prcoach:tone:review_comment:1 -->", Author: "reviewer-rae",
				Signals:    []string{`why-would-you: "why would you"`, `insult: "sloppy"`, `insult: "idiot"`},
				Suggestion: "question: `Parse(\"\")` returns a slice with one empty item here; should it return `nil`?", Wording: "offline", Language: lang})
		}},
		{"explain_nothing_failing", func() (string, error) {
			return ExplainNoteBody(ExplainNote{Marker: "<!-- prcoach:explain:issue_comment:1 -->", Kind: "nothing_failing",
				HeadSHA: "9f1c2e3d4b5a", Running: []string{"build"}, Language: lang})
		}},
		{"explain_unknown_check", func() (string, error) {
			return ExplainNoteBody(ExplainNote{Marker: "<!-- prcoach:explain:issue_comment:1 -->", Kind: "unknown_check",
				Name: "tets (ubuntu-latest)", Suggest: "test (ubuntu-latest)", Language: lang})
		}},
		{"explain_review", func() (string, error) {
			return ReviewExplanationBody(ReviewExplanation{Marker: "<!-- prcoach:explain:review_comment:2 -->", Reviewer: "reviewer-rae",
				Path: "parser/parser.go", Line: 43, Kind: "issue", Points: []string{"Parse", "nil"},
				Gentler: "issue: `Parse` could return `nil` here; what do you think?", Wording: "offline", Language: lang})
		}},
		{"checks_history_and_correction", func() (string, error) {
			seen := flaky
			seen.Reason, seen.History = "", HistoryText(lang, HistoryNote{MarkedFlaky: 2, OtherPRs: 3, PassedOnRerun: 1})
			corrected := failing
			corrected.Verdict, corrected.Reason, corrected.Corrected = "unknown", "", true
			return Checks(ChecksComment{Marker: "<!-- prcoach:checks -->", HeadSHA: "9f1c2e3d4b5a", Failing: []FailingCheck{seen, corrected},
				Wording: "offline", Language: lang})
		}},
		{"explain_feedback_notes", func() (string, error) {
			var all []string
			for _, kind := range []string{"not_maintainer", "feedback_off", "flaky_recorded", "flaky_nothing", "flaky_no_signature", "wrong_recorded", "wrong_nothing"} {
				body, err := ExplainNoteBody(ExplainNote{Marker: "<!-- prcoach:explain:issue_comment:1 -->", Kind: kind,
					Names: []string{"test (ubuntu-latest)", "e2e"}, Language: lang})
				if err != nil {
					return "", err
				}
				all = append(all, body)
			}
			return strings.Join(all, "\n~~~~\n\n"), nil
		}},
		{"explain_review_unclear", func() (string, error) {
			return ReviewExplanationBody(ReviewExplanation{Marker: "<!-- prcoach:explain:review_comment:3 -->",
				Path: "cmd/main.go", Points: []string{"flag.Parse"}, Wording: "offline", Language: lang})
		}},
	}
}

// compareGolden renders a comment and compares it with the golden file at
// path, rewriting the file under -update.
func compareGolden(t *testing.T, path string, render func() (string, error)) {
	t.Helper()
	got, err := render()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got, "@") || strings.Contains(got, "!!") {
		t.Errorf("a mention or an exclamation storm:\n%s", got)
	}
	golden(t, path, got)
}
