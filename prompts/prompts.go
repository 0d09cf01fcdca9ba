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

// parsed holds every template, parsed once on first use.
var parsed = sync.OnceValues(func() (*template.Template, error) {
	return template.New("prompts").Funcs(template.FuncMap{
		"fence":  fence,
		"plural": plural,
		"join":   strings.Join,
		"add":    func(a, b int) int { return a + b },
	}).ParseFS(files, "templates/*.tmpl")
})

func render(name string, data any) (string, error) {
	t, err := parsed()
	if err != nil {
		return "", fmt.Errorf("parsing templates: %w", err)
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
