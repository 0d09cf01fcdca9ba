package command

import (
	"embed"
	"sync"

	"github.com/prcoach/prcoach/handlers/langfile"
)

// The problems' words in other languages live in problems/<tag>.yaml, one
// file per language (tags as prompts.Languages writes them), keyed by the
// ids below. A problem a file lacks stays in English.
//
//go:embed problems/*.yaml
var problemFiles embed.FS

// problemIDs names each problem for its translations.
var problemIDs = map[string]string{
	problemOption:       "option",
	problemLong:         "name_long",
	problemHidden:       "name_hidden",
	problemQuotes:       "quotes",
	problemEmptyQ:       "quotes_empty",
	problemReasonLong:   "reason_long",
	problemReasonHidden: "reason_hidden",
}

// problemTexts holds every language's problems by tag, then by id.
var problemTexts = sync.OnceValues(func() (map[string]map[string]string, error) {
	return langfile.Load[map[string]string](problemFiles, "problems", "problem translations")
})

// ProblemIn returns problem, a Malformed Result's Problem, in the language
// tagged tag (as prompts.Languages writes it); English when tag has no
// words for it.
func ProblemIn(problem, tag string) string {
	all, err := problemTexts()
	if err != nil {
		return problem
	}
	if text, ok := all[tag][problemIDs[problem]]; ok {
		return text
	}
	return problem
}

// ProblemTranslations returns the problems of language tag by id, and the
// English ones by id, for tests.
func ProblemTranslations(tag string) (local, english map[string]string) {
	english = map[string]string{}
	for text, id := range problemIDs {
		english[id] = text
	}
	all, _ := problemTexts()
	return all[tag], english
}
