package handlers

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/prcoach/prcoach/handlers/githubtest"
	"github.com/prcoach/prcoach/prompts"
)

// A malformed /explain is answered with its problem in the repository's
// language, compared with testdata/golden/handlers/i18n/LANG/explain_malformed.md.
func TestMalformedCommandByLanguage(t *testing.T) {
	for _, lang := range append(prompts.Languages()[1:], "ko") {
		t.Run(lang, func(t *testing.T) {
			fake := newFake(t)
			fake.SeedFailingPR(githubtest.GoTestLog)
			withLanguage(fake, lang)
			if out := askExplain(t, newTestBase(fake), `/explain "test (ubuntu-latest)`); !strings.HasPrefix(out, "explain: malformed command") {
				t.Errorf("outcome %q", out)
			}
			githubtest.Golden(t, filepath.Join("..", "testdata", "golden", "handlers", "i18n", lang, "explain_malformed.md"), posted(t, fake))
		})
	}
}

// A settings file with a mistake is reported in the checks comment in the
// language it asks for, compared with
// testdata/golden/handlers/i18n/LANG/checks_settings_problem.md.
func TestSettingsProblemsByLanguage(t *testing.T) {
	for _, lang := range append(prompts.Languages()[1:], "ko") {
		t.Run(lang, func(t *testing.T) {
			fake := newFake(t)
			fake.SeedFailingPR(githubtest.GoTestLog)
			fake.SetFile(githubtest.Owner, githubtest.Repo, ".github/prcoach.yml",
				"version: 1\nlanguage: "+lang+"\ntone:\n  mood: calm\n  threshold: high\n")
			handle(t, newCheckRun(newTestBase(fake)), fixture(t, "check_run", "completed", "check_run_failure.json"))
			githubtest.Golden(t, filepath.Join("..", "testdata", "golden", "handlers", "i18n", lang, "checks_settings_problem.md"), posted(t, fake))
		})
	}
}
