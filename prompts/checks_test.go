package prompts

import (
	"strings"
	"testing"
)

func TestOpeningFitsTheVerdicts(t *testing.T) {
	shown := []Excerpt{{StartLine: 3, EndLine: 3, Text: "error: boom"}}
	tests := []struct {
		name    string
		failing []FailingCheck
		has     string
		hasNot  string
	}{
		{"change gets plain facts", []FailingCheck{{Verdict: "change", Excerpts: shown}, {Verdict: "flaky", Excerpts: shown}},
			"Here is what failed", "okay"},
		{"infrastructure gets reassurance", []FailingCheck{{Verdict: "infrastructure", Excerpts: shown}},
			"does not look like something your change did", "Here is what failed"},
		{"unknown says so", []FailingCheck{{Verdict: "unknown", Excerpts: shown}}, "not certain", "your change did"},
		{"unreadable log says so", []FailingCheck{{Verdict: "unknown", EmptyLog: true}}, "could not read", "here is what happened"},
		{"expired log says so", []FailingCheck{{Verdict: "unknown", LogProblem: "The log has expired."}}, "could not read", "here is what happened"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ChecksComment{Failing: tt.failing}.Opening()
			if !strings.Contains(got, tt.has) || strings.Contains(got, tt.hasNot) {
				t.Errorf("Opening() = %q, want it to contain %q and not %q", got, tt.has, tt.hasNot)
			}
		})
	}
}

func TestEmptyLogComment(t *testing.T) {
	body, err := Checks(ChecksComment{Marker: "<!-- m -->", Failing: []FailingCheck{{Name: "build", Verdict: "unknown",
		Title: "The build failed", URL: "https://github.com/o/r/runs/1", EmptyLog: true}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"empty or could not be read", "https://github.com/o/r/runs/1", "could not read what went wrong"} {
		if !strings.Contains(body, want) {
			t.Errorf("comment lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "here is what happened") || strings.Contains(body, "**Next steps**") {
		t.Errorf("comment over an empty log promises content:\n%s", body)
	}
}

func TestAnalysisNoteIsShown(t *testing.T) {
	note := "This repository's known_failures patterns took longer than 1s on this log, so they were not tried from line 9 on."
	for _, tt := range []struct {
		name, note string
		want       bool
	}{{"with a note", note, true}, {"without a note", "", false}} {
		t.Run(tt.name, func(t *testing.T) {
			body, err := Checks(ChecksComment{Marker: "<!-- m -->", Failing: []FailingCheck{{Name: "build", Verdict: "unknown",
				Title: "Go test TestParse failed", AnalysisNote: tt.note,
				Excerpts: []Excerpt{{StartLine: 3, EndLine: 3, Text: "--- FAIL: TestParse"}}}}})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(body, "_Note: "+note+"_"); got != tt.want {
				t.Errorf("note shown = %v, want %v:\n%s", got, tt.want, body)
			}
		})
	}
}

func TestLongExcerptIsFolded(t *testing.T) {
	var lines []string
	for i := 0; i < 40; i++ {
		lines = append(lines, "line")
	}
	lines[0], lines[30], lines[39] = "first", "the error", "last"
	e := Excerpt{StartLine: 10, EndLine: 49, Text: strings.Join(lines, "\n")}
	if strings.Count(e.InView(), "\n")+1 != maxInView || !strings.HasPrefix(e.InView(), "first") || e.ViewStart() != 10 {
		t.Errorf("without focus: InView from %d = %q", e.ViewStart(), e.InView())
	}
	e.Focus = 40 // "the error"
	if !strings.Contains(e.InView(), "the error") || e.ViewStart() != 35 || e.ViewEnd() != 49 {
		t.Errorf("with focus: InView %d-%d = %q", e.ViewStart(), e.ViewEnd(), e.InView())
	}
	if e.Folded() != e.Text {
		t.Errorf("folded part is not the whole excerpt")
	}
	short := Excerpt{StartLine: 1, EndLine: 2, Text: "a\nb", Focus: 2}
	if short.InView() != "a\nb" || short.Folded() != "" {
		t.Errorf("short excerpt: %q, %q", short.InView(), short.Folded())
	}
}

func TestExcerptCannotOpenAnHTMLComment(t *testing.T) {
	e := Excerpt{StartLine: 1, EndLine: 1, Text: "    x_test.go:3: <!-- hidden -->"}
	if strings.Contains(e.InView(), "<!--") || !strings.Contains(e.InView(), "hidden -->") {
		t.Errorf("InView = %q", e.InView())
	}
}
