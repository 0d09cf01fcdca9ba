package tone

import (
	"strings"
	"sync"
	"unicode"

	"github.com/abadojack/whatlanggo"
)

// English is the one language the lexicon covers.
const English = "English"

// englishWords are frequent English function words. Review comments are
// short and full of identifiers, which trigram detectors misread, so a
// comment with a fair share of these is English whatever the detector
// says.
var englishWords = sync.OnceValue(func() map[string]bool {
	return wordSet(`the a an is are was were be been this that these those it it's its to of in
		on for with and or but not no if then else we you i they he she our your my can could
		should would will do does did don't doesn't didn't have has had here there why what how
		when which who please maybe just also use using used need needs instead than so as at by
		from into about after before only still already same like more less yes ok thanks fix
		nit think sure right wrong looks seems because since`)
})

// Covered reports the language of prose (comment text with code and
// quotes masked) and whether the lexicon covers it. Text that is mostly
// English function words, or too short to tell, counts as English; text
// mostly in another script, or that the detector reliably places in
// another language while it holds few English words, does not.
func Covered(prose string) (string, bool) {
	ws := strings.FieldsFunc(strings.ToLower(prose), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\''
	})
	latin, other := scripts(prose)
	if other > 0 && other >= latin {
		info := whatlanggo.Detect(prose)
		if info.Lang == whatlanggo.Eng {
			return English, true
		}
		return langName(info), false
	}
	english := 0
	for _, w := range ws {
		if englishWords()[w] {
			english++
		}
	}
	if len(ws) < 6 || english*6 >= len(ws) {
		return English, true
	}
	info := whatlanggo.Detect(prose)
	if info.Lang == whatlanggo.Eng || !info.IsReliable() {
		return English, true
	}
	return langName(info), false
}

// scripts counts letters in Latin script and in any other script; CJK
// ideographs count as two letters each, as one says about as much as a
// short word.
func scripts(s string) (latin, other int) {
	for _, r := range s {
		switch {
		case !unicode.IsLetter(r):
		case unicode.Is(unicode.Latin, r):
			latin++
		case unicode.Is(unicode.Han, r), unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r), unicode.Is(unicode.Hangul, r):
			other += 2
		default:
			other++
		}
	}
	return latin, other
}

// langName names a detected language in English, or its script when the
// detector found none.
func langName(info whatlanggo.Info) string {
	if name := info.Lang.String(); name != "" {
		return name
	}
	if info.Script != nil {
		return whatlanggo.Scripts[info.Script]
	}
	return "unknown"
}
