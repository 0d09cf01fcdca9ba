package tone

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
)

// determiners may stand before an adjective that can be dropped: "this
// stupid check" keeps "this check". "What" is none: "what idiot
// approved this" has a noun, not a modifier, after it.
var determiners = sync.OnceValue(func() map[string]bool {
	return wordSet(`a an the this that these those such your our their his her its some my any
		more most another every each`)
})

// functionWords after a harsh word that opens a sentence show it is no
// modifier of a noun: "Yuck for making this slower" has no noun to keep.
var functionWords = sync.OnceValue(func() map[string]bool {
	return wordSet(`for to of in on at with and but or that as is are was were if when because so`)
})

// intensifiers go with the harsh word they strengthen.
var intensifiers = sync.OnceValue(func() map[string]bool {
	return wordSet(`very really so pretty kinda quite rather totally completely utterly absolutely
		incredibly super extremely truly just fairly somewhat bit little`)
})

var wordAt = regexp.MustCompile(`[\p{L}\p{N}'\x{E000}-\x{EFFF}]+`)

// removeHarsh takes the words of h out of s when that leaves a whole
// sentence: an interjection that opens it ("Damn, …"), a modifier before
// the word it modifies ("this stupid check", "the fucking build") with
// its intensifiers, or a faint condescending word. ok is false when the
// words are the sentence's point ("This is stupid.").
func removeHarsh(s string, h hit) (string, bool) {
	lower := asciiLower(s) // offsets in lower must be offsets in s
	ev := strings.ToLower(h.evidence)
	i := strings.Index(lower, ev)
	if ev == "" || i < 0 {
		return s, false
	}
	end := i + len(ev)
	locs := wordAt.FindAllStringIndex(s, -1)
	k := -1 // index of the first word of the evidence
	for j, l := range locs {
		if l[0] >= i {
			k = j
			break
		}
	}
	if k < 0 {
		return s, false
	}
	last := k
	for last+1 < len(locs) && locs[last+1][0] < end {
		last++
	}
	start := i
	// An interjection at the start, followed by punctuation or nothing.
	rest := strings.TrimLeft(s[end:], " ")
	if strings.TrimSpace(strings.Trim(s[:start], " ,.!?;:")) == "" || onlyInterjections(lower[:start]) {
		if rest == "" || strings.ContainsAny(rest[:1], ",.!?;:-") {
			return dropConnective(dropVocative(strings.TrimLeft(strings.TrimLeft(rest, ",.!?;:- "), " "))), true
		}
	}
	// An interjection closing the sentence after its own stop: "…a
	// possibility? yuck!", "…a lot prettier. darn."
	if k > 0 && strings.TrimSpace(strings.Trim(s[end:], " .!?:;)")) == "" && strings.ContainsAny(strings.TrimRight(s[:i], " ")[max(0, len(strings.TrimRight(s[:i], " "))-1):], ".!?,;") {
		if h.signal == SignalProfanity || h.signal == SignalInsult && len(words(ev)) == 1 && !softOrNoun(ev) {
			return trailingConnective.ReplaceAllString(strings.TrimRight(s[:i], " ,;"), ""), true
		}
	}
	faint := h.signal == SignalCondescension && h.weight < firm
	// A curse used as an intensifier leaves the intensifiers before it to
	// the word it strengthened: "very darned unlikely" is "very unlikely".
	// Before a function word it strengthens nothing ("Damned if you do,
	// damned if you don't" is an idiom): dropping it would break the phrase.
	swear := h.signal == SignalProfanity && intensifierForm(ev) && !functionWords()[nextWord(s, locs, last)]
	// A modifier: a word follows, and before it stands a determiner, an
	// intensifier or the start of the sentence.
	if last+1 < len(locs) && locs[last+1][0]-end <= 1 && s[end:locs[last+1][0]] != "," || faint {
		for k > 0 && !swear && intensifiers()[strings.ToLower(s[locs[k-1][0]:locs[k-1][1]])] {
			k--
			start = locs[k][0]
		}
		prev := ""
		if k > 0 {
			prev = strings.ToLower(s[locs[k-1][0]:locs[k-1][1]])
		}
		next := strings.ToLower(s[locs[last+1][0]:locs[last+1][1]])
		// "one" stands for a noun and means nothing without its word: "You
		// are the clueless one" must not become "You are the one".
		propOnly := next == "one" || next == "ones"
		// After "a"/"an" the adjective is the point ("is an ugly hack",
		// "end up with an ugly log"): it is softened, not dropped, so the
		// sentence still says what is wrong.
		// So is a bare adjective inside a sentence ("has terrible
		// performance", "no ugly casts"): there is no article to keep.
		bare := k > 0 && !determiners()[prev] && !intensifiers()[prev] && !adverbsAfter()[next] && strings.ContainsFunc(next, unicode.IsLetter)
		if soft, ok := softAdjective(ev); ok && !faint && !swear && !propOnly && !functionWords()[next] && !aboutPerson(s, locs, last, prev) && (prev == "a" || prev == "an" || bare) {
			out := s[:i] + soft + s[end:]
			return fixArticle(out, strings.LastIndex(out[:i], " ")+1), true
		}
		if faint || swear || h.signal == SignalInsult && !propOnly && !functionWords()[next] && (k == 0 || determiners()[prev]) {
			out := s[:start] + strings.TrimLeft(s[end:], " ")
			return fixArticle(out, start), true
		}
	}
	return s, false
}

// trailingConnective is a joining word left at the end once the word
// after it went: "Yes, and ... crap." is "Yes".
var trailingConnective = regexp.MustCompile(`(?i)[\s,;]*\b(?:and|but|or|so)[\s.…]*$`)

// connectiveRE matches a word that joins what follows to what went
// before: once an opening curse goes ("Crap, but ok"), it joins nothing.
var connectiveRE = regexp.MustCompile(`(?i)^(?:but|and|so|yet|though|however|although|anyway)\b[,:]?\s*`)

// dropConnective takes such a word off the start of s, when words follow.
func dropConnective(s string) string {
	loc := connectiveRE.FindStringIndex(s)
	if loc == nil || !strings.ContainsFunc(s[loc[1]:], unicode.IsLetter) && !strings.ContainsFunc(s[loc[1]:], isPlaceholder) {
		return s
	}
	return s[loc[1]:]
}

// adverbsAfter follow an adjective that modifies no noun: "I feel
// stupid now" must not become "I feel odd now".
var adverbsAfter = sync.OnceValue(func() map[string]bool {
	return wordSet(`now here there today too enough again though anyway indeed then already still yet`)
})

// personNouns name people: "a stupid user" is an insult to drop, not a
// verdict to soften ("an odd user" is no kinder).
var personNouns = sync.OnceValue(func() map[string]bool {
	return wordSet(`user users person people guy guys man men woman women developer developers dev devs
		reviewer reviewers author authors contributor contributors maintainer maintainers coder coders
		programmer programmers engineer engineers admin admins newbie newbies kid kids boy girl team folks`)
})

// aboutPerson reports a harsh adjective (its last word at index last of
// locs) said to or of people: after "you" ("you crazy c programmers") or
// before a word for a person within two words ("a stupid user").
func aboutPerson(s string, locs [][]int, last int, prev string) bool {
	if prev == "you" || prev == "ye" {
		return true
	}
	for j := last + 1; j < len(locs) && j <= last+2; j++ {
		if personNouns()[strings.ToLower(s[locs[j][0]:locs[j][1]])] {
			return true
		}
	}
	return false
}

// softOrNoun reports a harsh word that may close a sentence as its
// point rather than as an exclamation ("the API is, frankly, ugly.").
func softOrNoun(ev string) bool {
	_, ok := softAdjective(ev)
	return ok
}

// softAdjective is the milder word for a harsh adjective that carries a
// sentence's point.
func softAdjective(ev string) (string, bool) {
	switch ev {
	case "ugly", "fugly", "hideous":
		return "awkward", true
	case "stupid", "dumb", "silly", "idiotic", "moronic", "braindead", "brain-dead", "ridiculous", "absurd", "crazy", "insane", "bonkers":
		return "odd", true
	case "crappy", "shitty", "lousy", "terrible", "horrible", "awful", "sloppy", "shoddy", "lame", "pathetic", "amateurish", "atrocious", "god-awful", "godawful", "lazy":
		return "poor", true
	case "useless", "pointless", "worthless":
		return "unnecessary", true
	}
	return "", false
}

// vocativeRE matches a word calling on the reader at the start of what is
// left after an interjection went: "Darn, man :)" must not leave "man :)".
var vocativeRE = regexp.MustCompile(`(?i)^(?:man|dude|bro|mate|guys|folks|buddy|pal|y'all)\b`)

// dropVocative takes such a word off the start of s when punctuation, an
// emoticon (a protected token by then) or nothing follows it ("man, this
// leaks" is "this leaks"); "man pages" keeps its word.
func dropVocative(s string) string {
	loc := vocativeRE.FindStringIndex(s)
	if loc == nil {
		return s
	}
	rest := s[loc[1]:]
	if rest == "" || !strings.ContainsFunc(rest, unicode.IsLetter) || strings.ContainsAny(rest[:1], ",.!?;:") {
		return strings.TrimLeft(rest, ",.!?;: ")
	}
	return s
}

// asciiLower lower-cases the ASCII letters of s and leaves every other
// byte alone, so that it has the same length and offsets as s (the
// lexicon is ASCII; strings.ToLower may change the length of invalid or
// some non-ASCII text).
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// onlyInterjections reports a sentence opening made only of "oh", "ah"
// and the like, so "Oh crap, …" loses "crap" as an opener.
func onlyInterjections(before string) bool {
	if strings.ContainsFunc(before, isPlaceholder) {
		return false
	}
	for _, w := range words(before) {
		switch w {
		case "oh", "ah", "ahh", "aw", "well", "ok", "okay", "yeah", "wow", "hmm":
		default:
			return false
		}
	}
	return true
}

// fixArticle mends "a"/"an" before position at after a word was removed:
// "an ugly hack" becomes "a hack", not "an hack".
func fixArticle(s string, at int) string {
	before := strings.TrimRight(s[:at], " ")
	after := strings.TrimLeft(s[at:], " ")
	low := strings.ToLower(before)
	if after == "" || !(strings.HasSuffix(low, " a") || strings.HasSuffix(low, " an") || low == "a" || low == "an") {
		return s
	}
	vowel := startsWithVowelSound(after)
	base := strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(before, "n"), "N"), " ")
	if strings.HasSuffix(strings.ToLower(before), "an") {
		base = before[:len(before)-1]
	}
	if vowel {
		return base + "n " + after
	}
	return base + " " + after
}

// nextWord is the word after locs[last] in s, lower-cased, or "".
func nextWord(s string, locs [][]int, last int) string {
	if last+1 >= len(locs) {
		return ""
	}
	return strings.ToLower(s[locs[last+1][0]:locs[last+1][1]])
}

// intensifierForm reports profanity used as an intensifier ("fucking",
// "damn", "bloody"), which can go without leaving a hole.
func intensifierForm(ev string) bool {
	switch ev {
	case "damn", "damned", "darn", "darned", "bloody", "goddamn", "goddamned", "effing", "freaking", "frigging":
		return true
	}
	return strings.HasSuffix(ev, "ing") || strings.HasSuffix(ev, "in")
}

// startsWithVowelSound guesses whether "an" goes before w: a vowel letter,
// except the "you" sound of use, user, unique, usual.
func startsWithVowelSound(w string) bool {
	low := strings.ToLower(w)
	if low == "" || !strings.ContainsAny(low[:1], "aeiou") {
		return false
	}
	for _, p := range []string{"use", "usu", "uni", "uti", "ura", "ure", "uro", "eu", "one"} {
		if strings.HasPrefix(low, p) {
			return false
		}
	}
	return true
}
