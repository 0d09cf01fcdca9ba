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
		nit think sure right wrong looks seems because since add added adds new file files
		support supports test tests tested code function method class value values return
		returns error errors check checks call calls called change changes changed remove
		removed update updated make makes made set get gets run runs build line lines name
		names type types case cases work works working fine good great nice thanks thank
		translation translations message messages comment comments patch patches version
		version release issue issues bug bugs fix fixed fixes should shouldn't would couldn't
		isn't aren't wasn't won't can't it's that's there's let's i'm we're you're they're
		all any some each every other another more most much many few first last next
		previous old new same different better best also too very really only just even
		still already yet again now then later before after while during until since
		without within between through over under above below up down out off into onto
		case default option options config setting settings path paths data list map
		string number int bool field fields object objects array arrays key keys instead
		gonna wanna gotta learn sometime sometimes something anything nothing everything`)
})

// Covered reports the language of prose (comment text with code and
// quotes masked) and whether the lexicon covers it. Text that is mostly
// English function words, or too short to tell, counts as English; text
// mostly in another script, or that the detector places in another
// language with some confidence while it holds few English words, does
// not.
func Covered(prose string) (string, bool) {
	prose = strings.ReplaceAll(maskTech(prose), "Code", " ")
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
		if englishWords()[w] || commonWords()[w] {
			english++
		}
	}
	if len(ws) < 8 && english == 0 && foreignShare(ws) >= 2 {
		return shortLanguage(prose), false
	}
	if len(ws) < 8 || english*4 >= len(ws) {
		return English, true
	}
	info := whatlanggo.DetectWithOptions(prose, whatlanggo.Options{Whitelist: latinLanguages()})
	if info.Lang == whatlanggo.Eng || info.Confidence < 0.3 {
		return English, true
	}
	return langName(info), false
}

// foreignWords are frequent function words of the other languages review
// comments are often written in (German, French, Spanish, Portuguese,
// Italian, Dutch), none of them an English word.
var foreignWords = sync.OnceValue(func() map[string]bool {
	return wordSet(`der die das ist nicht und doch ich du wir sie ein eine es auch aber oder wenn mit für auf
		le la les est pas et je tu nous vous une des du ce cette mais ou avec pour que qui c'est
		el los las y yo tú nosotros una por para con pero esto esta está es
		os não é uma com isso isto também
		il lo gli è non io che per questo questa anche
		het een niet en ik jij wij van met voor dit`)
})

// foreignShare counts the words of ws that are foreign function words.
func foreignShare(ws []string) int {
	n := 0
	for _, w := range ws {
		if foreignWords()[w] {
			n++
		}
	}
	return n
}

// shortLanguage names the language of a short text without English words
// whose foreign function words give it away.
func shortLanguage(prose string) string {
	info := whatlanggo.DetectWithOptions(prose, whatlanggo.Options{Whitelist: latinLanguages()})
	if info.Lang == whatlanggo.Eng {
		return "unknown"
	}
	return langName(info)
}

// latinLanguages are the languages in Latin script that review comments
// are commonly written in; limiting the detector to them keeps short
// English text from reading as Somali or Malagasy.
func latinLanguages() map[whatlanggo.Lang]bool {
	return map[whatlanggo.Lang]bool{
		whatlanggo.Eng: true, whatlanggo.Deu: true, whatlanggo.Fra: true, whatlanggo.Spa: true,
		whatlanggo.Por: true, whatlanggo.Ita: true, whatlanggo.Nld: true, whatlanggo.Pol: true,
		whatlanggo.Tur: true, whatlanggo.Swe: true, whatlanggo.Ces: true, whatlanggo.Vie: true,
		whatlanggo.Ind: true, whatlanggo.Ron: true, whatlanggo.Hun: true, whatlanggo.Fin: true,
	}
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
