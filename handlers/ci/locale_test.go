package ci

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// placeholders lists the {names} in texts, sorted.
func placeholders(texts ...string) []string {
	var out []string
	for _, t := range texts {
		for _, m := range placeholder.FindAllStringSubmatch(t, -1) {
			out = append(out, m[1])
		}
	}
	slices.Sort(out)
	return out
}

// Every translated cause names a built-in cause and keeps its
// placeholders and its number of next steps.
func TestTranslationsMatchEnglish(t *testing.T) {
	all, err := overlays()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 {
		t.Fatal("no cause translations embedded")
	}
	english := map[string]Cause{}
	for _, c := range Builtin().Causes() {
		english[c.ID] = c
	}
	for tag, texts := range all {
		t.Run(tag, func(t *testing.T) {
			for id, tx := range texts {
				c, ok := english[id]
				if !ok {
					t.Errorf("%s: no built-in cause has this id", id)
					continue
				}
				if tx.Title == "" || tx.Explanation == "" {
					t.Errorf("%s: title or explanation is empty", id)
				}
				if diff := cmp.Diff(placeholders(c.Title), placeholders(tx.Title)); diff != "" {
					t.Errorf("%s: title placeholders (-english +%s):\n%s", id, tag, diff)
				}
				if diff := cmp.Diff(placeholders(append([]string{c.Explanation}, c.NextSteps...)...),
					placeholders(append([]string{tx.Explanation}, tx.NextSteps...)...)); diff != "" {
					t.Errorf("%s: explanation and next-step placeholders (-english +%s):\n%s", id, tag, diff)
				}
				if len(tx.NextSteps) != len(c.NextSteps) {
					t.Errorf("%s: %d next steps, English has %d", id, len(tx.NextSteps), len(c.NextSteps))
				}
			}
			// A cause added in English only would reach a German
			// repository half in English: every shipped language has all.
			for id := range english {
				if _, ok := texts[id]; !ok {
					t.Errorf("%s: no %s translation", id, tag)
				}
			}
			t.Logf("%s: %d of %d causes translated", tag, len(texts), len(english))
		})
	}
}

func TestInLanguage(t *testing.T) {
	var goTest Cause
	for _, c := range Builtin().Causes() {
		if c.ID == "go-test-failure" {
			goTest = c
		}
	}
	de := goTest.InLanguage("de")
	if de.Title == goTest.Title || de.Explanation == goTest.Explanation {
		t.Errorf("go-test-failure in German = %q / %q, want translated", de.Title, de.Explanation)
	}
	if got := goTest.InLanguage("en"); !cmp.Equal(got, goTest) {
		t.Errorf("English changed the cause: %+v", got)
	}
	if got := goTest.InLanguage("ko"); !cmp.Equal(got, goTest) {
		t.Errorf("an unshipped language changed the cause: %+v", got)
	}
	own := goTest
	own.Explanation = "Our own words."
	if got := own.InLanguage("de"); !cmp.Equal(got, own) {
		t.Errorf("a repository's own cause got the built-in translation: %+v", got)
	}
	a := Analysis{Title: "Go test TestX failed", TitleKey: TitleCause, TitleArgs: map[string]string{"test": "TestX"}, Cause: &goTest}
	if got, want := a.TitleIn("de"), "Go-Test TestX ist fehlgeschlagen"; got != want {
		t.Errorf("TitleIn(de) = %q, want %q", got, want)
	}
	if got := a.TitleIn("ko"); got != "" {
		t.Errorf("TitleIn(ko) = %q, want \"\"", got)
	}
}

// A cause's explanation says what the log said: its placeholders are
// filled from the values the cause's pattern caught, in every language.
func TestExplanationPlaceholdersFilled(t *testing.T) {
	log := "##[group]Run go test ./...\n=== RUN   TestSlow\n" +
		"##[error]The job running on runner GitHub Actions 3 has exceeded the maximum execution time of 360 minutes.\n"
	a, err := Analyze(strings.NewReader(log), Builtin())
	if err != nil {
		t.Fatal(err)
	}
	if a.Cause == nil || a.Cause.ID != "job-timeout" {
		t.Fatalf("cause = %+v, want job-timeout", a.Cause)
	}
	for _, tag := range []string{"en", "de", "ja"} {
		text, _ := a.Explained(a.Cause.InLanguage(tag))
		if !strings.Contains(text, "360") || strings.Contains(text, "{") {
			t.Errorf("%s: explanation %q does not say 360 minutes", tag, text)
		}
	}
}
