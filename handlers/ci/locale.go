package ci

import (
	"embed"
	"sync"

	"github.com/prcoach/prcoach/handlers/langfile"
)

// The built-in causes' words in other languages live in causes/<tag>.yaml,
// one file per language (tags as prompts.Languages writes them), keyed by
// cause id: title, explanation and next_steps, with the same {placeholders}
// as causes.yaml. A cause a file lacks stays in English.
//
//go:embed causes/*.yaml
var overlayFiles embed.FS

// CauseText is one cause's words in one language.
type CauseText struct {
	Title       string   `yaml:"title"`
	Explanation string   `yaml:"explanation"`
	NextSteps   []string `yaml:"next_steps"`
}

// overlays holds every language's cause texts by tag, then by cause id.
var overlays = sync.OnceValues(func() (map[string]map[string]CauseText, error) {
	return langfile.Load[map[string]CauseText](overlayFiles, "causes", "cause translations")
})

// Translations returns the cause texts of language tag by cause id (nil
// when there are none), for tests and coverage reports.
func Translations(tag string) map[string]CauseText {
	all, err := overlays()
	if err != nil {
		return nil
	}
	return all[tag]
}

// InLanguage is c with its title, explanation and next steps in language
// tag, when that language has them and c is the built-in cause of its id
// word for word (a repository's own cause keeps its own words); else c.
func (c Cause) InLanguage(tag string) Cause {
	t, ok := Translations(tag)[c.ID]
	if !ok || !builtinWords(c) {
		return c
	}
	c.Title, c.Explanation = t.Title, t.Explanation
	if len(t.NextSteps) == len(c.NextSteps) {
		c.NextSteps = t.NextSteps
	}
	return c
}

// Explained is c's explanation and next steps (c is a's cause, in some
// language) with their {placeholders} filled from what the log said ("The
// job was stopped after 360 minutes."); a placeholder the log did not
// fill is left out.
func (a Analysis) Explained(c Cause) (string, []string) {
	steps := make([]string, len(c.NextSteps))
	for i, s := range c.NextSteps {
		steps[i] = fill(s, a.CauseArgs)
	}
	return fill(c.Explanation, a.CauseArgs), steps
}

// TitleIn is a's title in language tag when it is a cause's title that
// language has (filled from TitleArgs as the English one is); else "".
func (a Analysis) TitleIn(tag string) string {
	if a.TitleKey != TitleCause || a.Cause == nil {
		return ""
	}
	local := a.Cause.InLanguage(tag)
	if local.Title == a.Cause.Title {
		return ""
	}
	return fill(local.Title, a.TitleArgs)
}

// builtinWords reports whether c has the built-in words of its id.
func builtinWords(c Cause) bool {
	kb := Builtin()
	for i := range kb.causes {
		if b := &kb.causes[i]; b.ID == c.ID {
			return b.Title == c.Title && b.Explanation == c.Explanation
		}
	}
	return false
}
