// Package prompts holds every user-facing and model-facing text of PR Coach
// as embedded templates, each with the typed data it renders. Changing the
// wording means changing a template here and its golden file in testdata.
package prompts

import (
	"bytes"
	"embed"
	"fmt"
	"strings"
	"sync"
	"text/template"
)

//go:embed templates/*.tmpl
var files embed.FS

// parsed holds every template, parsed once on first use. The language
// functions (t, tn, list, codes, fallback) speak English here; byLocale
// binds them to another language.
var parsed = sync.OnceValues(func() (*template.Template, error) {
	return template.New("prompts").Funcs(template.FuncMap{
		"fence":  fence,
		"plural": plural,
		"join":   strings.Join,
		"add":    func(a, b int) int { return a + b },
	}).Funcs(localeFuncs(Locale{Tag: english})).ParseFS(files, "templates/*.tmpl")
})

// byLocale holds the templates bound to each shipped language, made on
// first use. A fallback locale is not kept: it names the setting it
// stands for, and settings are anyone's text.
var byLocale sync.Map // Locale -> *template.Template

// templatesFor is the template set whose language functions speak l.
func templatesFor(l Locale) (*template.Template, error) {
	if t, ok := byLocale.Load(l); ok {
		return t.(*template.Template), nil
	}
	base, err := parsed()
	if err != nil {
		return nil, fmt.Errorf("parsing templates: %w", err)
	}
	t, err := base.Clone()
	if err != nil {
		return nil, fmt.Errorf("cloning templates: %w", err)
	}
	t.Funcs(localeFuncs(l))
	if l.Fallback {
		return t, nil
	}
	kept, _ := byLocale.LoadOrStore(l, t)
	return kept.(*template.Template), nil
}

// localeFuncs are the template functions that write in l: t (a message),
// tn (a message with a plural form), list and codes (lists of words and of
// names), after (the space after text in another language), usage (the
// /explain usage note) and fallback (the line saying
// the text is in English).
func localeFuncs(l Locale) template.FuncMap {
	return template.FuncMap{
		"t":        l.say,
		"tn":       l.sayN,
		"list":     l.list,
		"codes":    l.codes,
		"fallback": l.fallbackLine,
		"usage":    l.usage,
		"after":    l.after,
	}
}

// render writes the named template in the language that the repository
// setting lang resolves to.
func render(name, lang string, data any) (string, error) {
	t, err := templatesFor(ResolveLocale(lang))
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, name, data); err != nil {
		return "", fmt.Errorf("rendering %s: %w", name, err)
	}
	return tidy(b.String()), nil
}

// tidy folds the blank lines templates leave behind into one and ends the
// text with a single newline.
func tidy(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := true // drop leading blank lines
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			if blank {
				continue
			}
			blank = true
		} else {
			blank = false
		}
		out = append(out, l)
	}
	return strings.TrimRight(strings.Join(out, "\n"), "\n") + "\n"
}

// fence returns a code fence longer than any run of backticks in text, so
// log lines can never close the block early.
func fence(text string) string {
	longest, run := 0, 0
	for _, r := range text {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}

// plural picks the singular or plural word for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
