package handlers

import (
	"github.com/prcoach/prcoach/handlers/ci"
	"github.com/prcoach/prcoach/prompts"
)

// inLanguage puts what handlers/ci wrote in English into a check's report
// in the repository's language lang: the title, the verdict's reason and
// the cause's explanation and next steps. Whatever the language lacks
// stays in English; code, file names and line numbers stay as they are.
func inLanguage(fc prompts.FailingCheck, a ci.Analysis, v ci.Verdict, lang string) prompts.FailingCheck {
	fc.Title = localTitle(a, lang)
	fc.Reason = localReason(v, lang)
	if a.Cause != nil {
		local := a.Cause.InLanguage(prompts.ResolveLocale(lang).Tag)
		fc.Explanation, fc.NextSteps = a.Explained(local)
	}
	return fc
}

// localTitle is a's title in lang.
func localTitle(a ci.Analysis, lang string) string {
	switch a.TitleKey {
	case ci.TitleBuildFailed:
		return prompts.Translate(lang, "title.build_failed", a.Title)
	case ci.TitleFailedAt:
		return prompts.Translate(lang, "title.build_failed_at", a.Title, a.TitleArgs["line"])
	case ci.TitleLinter:
		return prompts.Translate(lang, "title.linter", a.Title, a.TitleArgs["linter"])
	case ci.TitleCause:
		if t := a.TitleIn(prompts.ResolveLocale(lang).Tag); t != "" {
			return t
		}
	}
	return a.Title
}

// localReason is v's reason in lang.
func localReason(v ci.Verdict, lang string) string {
	if v.Key == "" || v.Reason == "" {
		return v.Reason
	}
	args := make([]any, len(v.Args))
	for i, s := range v.Args {
		args[i] = s
	}
	switch {
	case len(args) == 0:
	case v.Key == ci.ReasonChange, v.Key == ci.ReasonEither:
		args[0] = prompts.Translate(lang, "category."+v.Args[0], v.Args[0])
	}
	return prompts.Translate(lang, "reason."+v.Key, v.Reason, args...)
}
