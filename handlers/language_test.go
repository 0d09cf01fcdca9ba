package handlers

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/prcoach/prcoach/handlers/githubtest"
	"github.com/prcoach/prcoach/handlers/pull"
	"github.com/prcoach/prcoach/prompts"
)

// withLanguage sets the repository's .github/prcoach.yml to language lang.
func withLanguage(fake *githubtest.Server, lang string) {
	fake.SetFile(githubtest.Owner, githubtest.Repo, ".github/prcoach.yml", "version: 1\nlanguage: "+lang+"\n")
}

// Each flow runs with the repository's language set to every shipped
// language but English, and to one PR Coach has no texts in (Korean: the
// English body plus one line), and the body posted is compared with
// testdata/golden/handlers/i18n/LANG/NAME.md.
func TestPostedBodiesByLanguage(t *testing.T) {
	for _, lang := range append(prompts.Languages()[1:], "ko") {
		for _, tt := range postedFlows() {
			t.Run(lang+"/"+tt.name, func(t *testing.T) {
				fake := newFake(t)
				tt.seed(fake)
				withLanguage(fake, lang)
				out := handle(t, tt.handler(newTestBase(fake)), tt.event(t))
				if !strings.HasPrefix(out, tt.outcome) {
					t.Errorf("outcome %q, want it to start %q", out, tt.outcome)
				}
				githubtest.Golden(t, filepath.Join("..", "testdata", "golden", "handlers", "i18n", lang, tt.name+".md"), posted(t, fake))
				reads := 0
				for _, req := range fake.Requests() {
					if strings.HasSuffix(req.Path, "/.github/prcoach.yml") {
						reads++
					}
				}
				if reads != 1 {
					t.Errorf("the settings were read %d times in one delivery, want once", reads)
				}
			})
		}
	}
}

// The language changes the words, never the code: the English and German
// checks comments quote the same step, command, check name and log lines.
func TestLanguageLeavesCodeAlone(t *testing.T) {
	bodies := map[string]string{}
	for _, lang := range []string{"en", "de"} {
		fake := newFake(t)
		fake.SeedFailingPR(githubtest.GoTestLog)
		withLanguage(fake, lang)
		handle(t, newCheckRun(newTestBase(fake)), fixture(t, "check_run", "completed", "check_run_failure.json"))
		bodies[lang] = posted(t, fake)
	}
	if bodies["en"] == bodies["de"] {
		t.Fatal("the German comment is the English one")
	}
	spans := func(s string) []string {
		var out []string
		for i, part := range strings.Split(s, "`") {
			if i%2 == 1 {
				out = append(out, part)
			}
		}
		return out
	}
	if en, de := spans(bodies["en"]), spans(bodies["de"]); strings.Join(en, "\n") != strings.Join(de, "\n") {
		t.Errorf("code differs between languages:\nen %q\nde %q", en, de)
	}
}

// promptTaker records every prompt and answers with fixed text.
type promptTaker struct {
	mu      sync.Mutex
	prompts []prompts.Prompt
}

func (m *promptTaker) Complete(_ context.Context, p prompts.Prompt) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.prompts = append(m.prompts, p)
	return "Der Test `TestParseEmpty` schlägt fehl.", nil
}

// With a model configured, every prompt that writes for a reader tells the
// model the repository's language.
func TestModelIsToldTheLanguage(t *testing.T) {
	for _, tt := range postedFlows() {
		if tt.name == "explain_unknown_check" || tt.name == "explain_help" {
			continue // a note, with nothing for a model to write
		}
		t.Run(tt.name, func(t *testing.T) {
			fake := newFake(t)
			tt.seed(fake)
			withLanguage(fake, "de")
			model := &promptTaker{}
			handle(t, tt.handler(NewBase(Options{Clients: fake.Clients(), Completer: model})), tt.event(t))
			if len(model.prompts) == 0 && tt.name != "checks_log_expired" {
				t.Fatal("the model was never asked")
			}
			for _, p := range model.prompts {
				if p.Name == "reword" {
					continue // a rewording keeps the reviewer's own language
				}
				if !strings.Contains(p.System, "Write in German") {
					t.Errorf("prompt %s does not ask for German:\n%s", p.Name, p.System)
				}
			}
		})
	}
}

// A workflow that could not start is described in the repository's
// language, with its file named as it is; English keeps its wording.
func TestUnstartedCheckInLanguage(t *testing.T) {
	u := pull.Unstarted{Name: "Release", Path: ".github/workflows/release.yml"}
	en := unstartedCheck(u, "")
	if want := "GitHub stopped before any job ran, which means it found a problem in the workflow file `.github/workflows/release.yml` itself."; en.Reason != want {
		t.Errorf("English reason %q, want %q", en.Reason, want)
	}
	for _, lang := range prompts.Languages()[1:] {
		got := unstartedCheck(u, lang)
		if got.Title == en.Title || got.Reason == en.Reason || len(got.NextSteps) != len(en.NextSteps) {
			t.Errorf("%s: not translated: %+v", lang, got)
		}
		if !strings.Contains(got.Reason, "`"+u.Path+"`") || !strings.Contains(got.NextSteps[1], "`actionlint`") {
			t.Errorf("%s: the file or the tool is not named as it is: %+v", lang, got)
		}
	}
}
