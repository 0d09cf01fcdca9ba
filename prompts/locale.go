package prompts

import (
	"embed"
	"fmt"
	"path"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// The offline texts in each shipped language live in locales/<tag>.txt: a
// line "@key" opens a message, the lines after it up to the next "@" line
// are its text (trailing newlines dropped), "#" lines are comments. {1},
// {2}… stand for the message's arguments; a key ending in ".one" or
// ".other" is the singular or plural form of one message.
//
//go:embed locales/*.txt
var localeFiles embed.FS

// Languages returns the tag of every language the offline texts are
// written in, English first.
func Languages() []string { return []string{"en", "de", "es", "fr", "pt-BR", "ja", "zh-Hans"} }

// english is the language every other one falls back to.
const english = "en"

// Locale is the language a text is written in, resolved from a
// repository's language setting.
type Locale struct {
	// Tag is the shipped language used: one of Languages().
	Tag string
	// Asked is the setting as written, lower-cased; "" means English.
	Asked string
	// Fallback is true when Asked has no shipped language, so the text is
	// in English and says so in one line.
	Fallback bool
}

// ResolveLocale picks the shipped language for a language tag: the tag
// itself, else its language without the region ("de-AT" is German, "pt"
// and "pt-PT" Brazilian Portuguese); Chinese only in Simplified script
// ("zh", "zh-CN", "zh-SG", "zh-Hans"). Anything else is English, marked
// Fallback.
func ResolveLocale(tag string) Locale {
	asked := strings.ToLower(strings.TrimSpace(strings.ReplaceAll(tag, "_", "-")))
	l := Locale{Tag: english, Asked: asked}
	base, rest, _ := strings.Cut(asked, "-")
	switch {
	case asked == "":
	case base == "zh":
		if rest == "" || rest == "cn" || rest == "sg" || strings.HasPrefix(rest, "hans") {
			l.Tag = "zh-Hans"
		} else {
			l.Fallback = true
		}
	case base == "pt":
		l.Tag = "pt-BR"
	case base == "en", base == "de", base == "es", base == "fr", base == "ja":
		l.Tag = base
	default:
		l.Fallback = true
	}
	return l
}

// catalog is one language's messages by key.
type catalog map[string]string

// catalogs holds every shipped language's messages, read once.
var catalogs = sync.OnceValues(func() (map[string]catalog, error) {
	out := map[string]catalog{}
	for _, tag := range Languages() {
		b, err := localeFiles.ReadFile(path.Join("locales", tag+".txt"))
		if err != nil {
			return nil, fmt.Errorf("reading locale %s: %w", tag, err)
		}
		out[tag] = parseCatalog(string(b))
	}
	return out, nil
})

// parseCatalog reads one locales file (see localeFiles).
func parseCatalog(text string) catalog {
	c := catalog{}
	key := ""
	var lines []string
	flush := func() {
		if key != "" {
			c[key] = strings.TrimRight(strings.Join(lines, "\n"), "\n")
		}
	}
	for _, line := range strings.Split(text, "\n") {
		switch {
		case strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "@"):
			flush()
			key, lines = strings.TrimSpace(line[1:]), nil
		default:
			lines = append(lines, line)
		}
	}
	flush()
	return c
}

// say is the message key of l's language with args in place of {1}, {2}…;
// a key the language lacks is taken from English, and a key English lacks
// is shown as it is, so a slip shows in tests instead of failing a post.
func (l Locale) say(key string, args ...any) string {
	all, err := catalogs()
	if err != nil {
		return key
	}
	text, ok := all[l.Tag][key]
	if !ok {
		if text, ok = all[english][key]; !ok {
			return key
		}
	}
	// One pass, so an argument that itself reads "{2}" (a check or file
	// name is anyone's text) stays as it is.
	pairs := make([]string, 0, 2*len(args))
	for i, a := range args {
		pairs = append(pairs, "{"+strconv.Itoa(i+1)+"}", fmt.Sprint(a))
	}
	return strings.NewReplacer(pairs...).Replace(text)
}

// sayN is say for a message with a singular (key.one) and a plural
// (key.other) form, chosen by n.
func (l Locale) sayN(n int, key string, args ...any) string {
	if n == 1 {
		return l.say(key+".one", args...)
	}
	return l.say(key+".other", args...)
}

// after is what goes between text that may not be the language's own (a
// verdict's reason left in English) and the language's next sentence: a space
// after Latin text, else the language's own sentence separator.
func (l Locale) after(text string) string {
	if r, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(text)); r < utf8.RuneSelf {
		return " "
	}
	return l.say("sentence.sep")
}

// list joins items the way the language writes a list: "a, b and c".
func (l Locale) list(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	head := strings.Join(items[:len(items)-1], l.say("list.sep"))
	return l.say("list.last", head, items[len(items)-1])
}

// codes writes names as code spans, separated the way the language
// separates list items: "`a`, `b`".
func (l Locale) codes(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "`" + n + "`"
	}
	return strings.Join(out, l.say("list.sep"))
}

// usage is the /explain usage note in l's language: inEnglish is the
// note as handlers/command writes it, and every shipped language but
// English has it translated as note.usage.
func (l Locale) usage(inEnglish string) string {
	all, err := catalogs()
	if err != nil || l.Tag == english {
		return inEnglish
	}
	if text, ok := all[l.Tag]["note.usage"]; ok {
		return text
	}
	return inEnglish
}

// fallbackLine is the one line a text in English carries when the
// repository asked for a language PR Coach has no offline texts in; ""
// otherwise.
func (l Locale) fallbackLine() string {
	if !l.Fallback {
		return ""
	}
	return l.say("fallback", strings.ReplaceAll(l.Asked, "`", ""))
}

// Say is the text of one message (see localeFiles) in the shipped
// language that tag resolves to, for the few sentences handlers put into
// a comment's data.
func Say(tag, key string, args ...any) string {
	return ResolveLocale(tag).say(key, args...)
}

// Translate is the message key in the shipped language tag resolves to,
// with args in place of {1}, {2}…; in English, or when that language
// lacks the key, it is inEnglish, the sentence as its source wrote it.
func Translate(tag, key, inEnglish string, args ...any) string {
	l := ResolveLocale(tag)
	all, err := catalogs()
	if err != nil || l.Tag == english {
		return inEnglish
	}
	if _, ok := all[l.Tag][key]; !ok {
		return inEnglish
	}
	return l.say(key, args...)
}
