package settings

import (
	"embed"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/prcoach/prcoach/handlers/langfile"
)

// The problems' words in other languages live in locales/<tag>.yaml, one
// file per language (tags as prompts.Languages writes them). A message is
// found by the English format that wrote it, and its values (names,
// numbers, the file's own words) are carried over as they were written; a
// message a file lacks stays in English.
//
//go:embed locales/*.yaml
var localeFiles embed.FS

// Locale is one language's words for a settings file's problems.
type Locale struct {
	// HeaderOne and HeaderOther open the list: the file's name (%s) has a
	// problem, or a number (%d) of them.
	HeaderOne   string `yaml:"header_one"`
	HeaderOther string `yaml:"header_other"`
	// Line is where a problem is: "line %d".
	Line string `yaml:"line"`
	// Messages maps each English format to the same message in this
	// language, with the same verbs in the same order.
	Messages map[string]string `yaml:"messages"`
	// Phrases translates the values messages carry that PR Coach wrote
	// itself ("a list", "the value %q", " Did you mean %q?"), the same way.
	Phrases map[string]string `yaml:"phrases"`
}

// english is the built-in wording, used for any language and message
// without a translation.
var english = Locale{
	HeaderOne:   "%s has a problem, so PR Coach uses its default settings until it is fixed:",
	HeaderOther: "%s has %d problems, so PR Coach uses its default settings until they are fixed:",
	Line:        "line %d",
}

// verb matches a fmt verb as the problems' formats use them.
var verb = regexp.MustCompile(`%[-+# 0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z]`)

// translation is one English format, as a pattern that matches the
// messages it writes, and the same format in another language.
type translation struct {
	re    *regexp.Regexp
	local string
}

// locale is a language's words with its messages ready to match.
type locale struct {
	Locale
	messages, phrases []translation
}

var locales = sync.OnceValues(func() (map[string]*locale, error) {
	files, err := langfile.Load[Locale](localeFiles, "locales", "settings translations")
	if err != nil {
		return nil, err
	}
	out := make(map[string]*locale, len(files))
	for tag, l := range files {
		out[tag] = &locale{Locale: l, messages: compile(l.Messages), phrases: compile(l.Phrases)}
	}
	return out, nil
})

// compile turns each English format into an anchored pattern whose groups
// are its values; the formats with the most fixed text are tried first,
// so a general one never takes a message a more specific one wrote.
func compile(messages map[string]string) []translation {
	formats := make([]string, 0, len(messages))
	for f := range messages {
		formats = append(formats, f)
	}
	fixed := func(f string) int { return len(verb.ReplaceAllString(f, "")) }
	sort.Slice(formats, func(i, j int) bool {
		if fixed(formats[i]) != fixed(formats[j]) {
			return fixed(formats[i]) > fixed(formats[j])
		}
		return formats[i] < formats[j]
	})
	out := make([]translation, 0, len(formats))
	for _, f := range formats {
		out = append(out, translation{re: pattern(f), local: messages[f]})
	}
	return out
}

// pattern matches what format writes, a group for each value: %q a quoted
// string, %d a whole number, anything else as little text as will do.
func pattern(format string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`(?s)^`)
	last := 0
	for _, loc := range verb.FindAllStringIndex(format, -1) {
		b.WriteString(regexp.QuoteMeta(format[last:loc[0]]))
		switch format[loc[1]-1] {
		case 'q':
			b.WriteString(`("(?:[^"\\]|\\.)*")`)
		case 'd':
			b.WriteString(`(-?[0-9]+)`)
		default:
			b.WriteString(`(.*?)`)
		}
		last = loc[1]
	}
	b.WriteString(regexp.QuoteMeta(format[last:]) + `$`)
	return regexp.MustCompile(b.String())
}

// localeOf returns tag's words; nil for English or a language without them.
func localeOf(tag string) *locale {
	all, err := locales()
	if err != nil {
		return nil
	}
	return all[tag]
}

// Translations returns the words of language tag (nil when there are
// none), for tests and coverage reports.
func Translations(tag string) *Locale {
	if l := localeOf(tag); l != nil {
		return &l.Locale
	}
	return nil
}

// messageIn is message in language tag; its values are carried over as
// written, or in tag's words where they are phrases of PR Coach's own.
func messageIn(message, tag string) string {
	l := localeOf(tag)
	if l == nil {
		return message
	}
	out, _ := l.match(l.messages, message, func(v string) string {
		v, _ = l.match(l.phrases, v, nil)
		return v
	})
	return out
}

// match renders text with the first of ts whose English format wrote it,
// each value passed through value (nil: as it is); it reports false, with
// text unchanged, when none did.
func (l *locale) match(ts []translation, text string, value func(string) string) (string, bool) {
	for _, t := range ts {
		m := t.re.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		i := 0
		return verb.ReplaceAllStringFunc(t.local, func(string) string {
			i++
			switch {
			case i >= len(m):
				return ""
			case value != nil:
				return value(m[i])
			}
			return m[i]
		}), true
	}
	return text, false
}

// say is format with args in tag's words when it has them: pick chooses
// the format from a Locale.
func say(tag string, pick func(Locale) string, args ...any) string {
	format := pick(english)
	if l := localeOf(tag); l != nil && pick(l.Locale) != "" {
		format = pick(l.Locale)
	}
	return fmt.Sprintf(format, args...)
}

// In renders the problem as String does, in the language tagged tag (as
// prompts.Languages writes it); English where it has no words.
func (p Problem) In(tag string) string {
	var where []string
	if p.Line > 0 {
		where = append(where, say(tag, func(l Locale) string { return l.Line }, p.Line))
	}
	if p.Key != "" {
		where = append(where, p.Key)
	}
	msg := messageIn(p.Message, tag)
	if len(where) == 0 {
		return msg
	}
	return strings.Join(where, ", ") + ": " + msg
}

// In lists every problem, one per line, after a line that names the file,
// as Error does, in the language tagged tag.
func (e *ParseError) In(tag string) string {
	var b strings.Builder
	name := Path
	if e.Source.Repo != "" {
		name = e.Source.Repo + ": " + e.Source.Path
	}
	if n := len(e.Problems); n == 1 {
		b.WriteString(say(tag, func(l Locale) string { return l.HeaderOne }, name))
	} else {
		b.WriteString(say(tag, func(l Locale) string { return l.HeaderOther }, name, n))
	}
	for _, p := range e.Problems {
		b.WriteString("\n- ")
		b.WriteString(p.In(tag))
	}
	return b.String()
}
