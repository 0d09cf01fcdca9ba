package handlers

import (
	"strings"
	"testing"

	"github.com/prcoach/prcoach/handlers/githubtest"
)

// The repository's .github/prcoach.yml, and its organisation's fallback,
// steer what each handler does; a push that changes it reloads it.
func TestRepositorySettingsSteerTheHandlers(t *testing.T) {
	t.Run("ignored check is not explained", func(t *testing.T) {
		fake := newFake(t)
		fake.SeedFailingPR(githubtest.GoTestLog)
		fake.SetFile(githubtest.Owner, githubtest.Repo, ".github/prcoach.yml", "version: 1\nchecks:\n  ignore: [\"test (*)\"]\n")
		out := deliver(t, newCheckRun(newTestBase(fake)), "check_run", "check_run_failure.json", nil)
		if out != "#7 skipped: nothing failing" || len(conversation(fake)) != 0 {
			t.Errorf("outcome %q, comments %q", out, conversation(fake))
		}
	})
	t.Run("organisation fallback turns tone replies off", func(t *testing.T) {
		fake := toneFake(t)
		fake.SetFile(githubtest.Owner, ".github", ".github/prcoach.yml", "version: 1\ntone:\n  mode: off\n")
		if out := reviewComment(t, newTestBase(fake), "review_comment_tense.json", nil); out != "skipped: tone replies are off for this repository" {
			t.Errorf("outcome %q", out)
		}
	})
	t.Run("a mistake is reported in the comment and defaults apply", func(t *testing.T) {
		fake := newFake(t)
		fake.SeedFailingPR(githubtest.GoTestLog)
		fake.SetFile(githubtest.Owner, githubtest.Repo, ".github/prcoach.yml", "version: 1\ntone:\n  mood: calm\n")
		if out := deliver(t, newCheckRun(newTestBase(fake)), "check_run", "check_run_failure.json", nil); out != "#7 commented: 1 failing" {
			t.Errorf("outcome %q", out)
		}
		containsAll(t, onlyComment(t, fake), "tone.mood", "TestParseEmpty")
	})
	t.Run("a push that changes the file reloads it", func(t *testing.T) {
		fake := toneFake(t)
		b := newTestBase(fake)
		fake.SetFile(githubtest.Owner, githubtest.Repo, ".github/prcoach.yml", "version: 1\ntone:\n  mode: off\n")
		if out := reviewComment(t, b, "review_comment_tense.json", nil); !strings.Contains(out, "off") {
			t.Fatalf("first outcome %q", out)
		}
		fake.SetFile(githubtest.Owner, githubtest.Repo, ".github/prcoach.yml", "version: 1\ntone:\n  mode: reply\n")
		if out := deliver(t, &Push{b.settings}, "push", "push_settings.json", nil); !strings.HasPrefix(out, "settings reloaded") {
			t.Fatalf("push outcome %q", out)
		}
		if out := reviewComment(t, b, "review_comment_tense.json", nil); !strings.Contains(out, "tone suggestion posted") {
			t.Errorf("after the push: outcome %q", out)
		}
	})
}
