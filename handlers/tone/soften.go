package tone

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// softenStatus says what became of a sentence.
type softenStatus int

const (
	softened softenStatus = iota // kept, perhaps rewritten
	dropped                      // nothing of it was worth keeping
	failed                       // it carries technical content and could not be softened safely
)

// soften rewrites one protected sentence. Harsh words go when they are a
// modifier (an interjection, an adjective before its noun, a faint
// condescending word, profanity used as an intensifier); a sentence whose
// point is the contempt is dropped unless it carries technical tokens, in
// which case the rewording fails rather than leave a hole.
func soften(s string, tokens []string) (string, softenStatus) {
	hasTokens := strings.ContainsFunc(s, isPlaceholder)
	view := func(p string) string { return scoringView(p, tokens) }
	if len(sentenceHits(newSentence(view(s)))) == 0 {
		return s, softened // nothing harsh here: kept as written
	}
	if !hasTokens && len(verdict(newSentence(s))) > 0 {
		return "", dropped
	}
	if curseRE.MatchString(view(s)) || curseRE.MatchString(s) { // "Damn you mock and python 2.6!": the version is a token
		// The whole sentence curses something ("Darn you, C++!"): nothing
		// of it is worth keeping, and its tokens cannot be dropped.
		if hasTokens {
			return "", failed
		}
		return "", dropped
	}
	out := s
	for _, r := range replacements() {
		// A rewrite that would take a protected token with it is skipped.
		if next := r.apply(out); placeholders(next) == placeholders(out) {
			out = next
		}
	}
	if out != s {
		out = dropVocative(tidy(out)) // "Damn, dude, …" loses its "dude" too
		if firstWord(out) != firstWord(s) {
			out = dropConnective(out) // "Damn, and then …" is "Then …"
		}
	}
	out = tidy(calmPunctuation(out))
	for range 4 {
		hits := strongHits(view(out))
		if len(hits) == 0 {
			break
		}
		done := map[string]bool{}
		for _, h := range hits {
			if done[h.evidence] || !strings.Contains(asciiLower(view(out)), strings.ToLower(h.evidence)) {
				// One word, two signals ("crappy" is profanity and insult),
				// or words an earlier removal took with it: handled once.
				continue
			}
			done[h.evidence] = true
			next, ok := removeHarsh(out, h)
			switch {
			case ok:
				out = tidy(next)
			case hasTokens || hasContent(out, h.evidence):
				return "", failed
			default:
				return "", dropped
			}
		}
	}
	if len(strongHits(view(out))) > 0 {
		if hasTokens {
			return "", failed
		}
		return "", dropped
	}
	if firstWord(out) != firstWord(s) && !hasLabel(strings.ToLower(out)) {
		out = upperFirst(out)
	}
	if !hasTokens && len(words(out)) < 2 {
		return "", dropped
	}
	if out == "" {
		return "", dropped
	}
	return out, softened
}

// curseRE matches a sentence that is nothing but a curse on something:
// "Darn you, C++!", "Screw you, Windows.", "damn the mac!" ("Damn it, …"
// opens a sentence whose rest stands; the replacements take it out).
var curseRE = regexp.MustCompile(`(?i)^(?:oh,? |ah,? )?(?:darn|damn|screw|fuck|curse|sod|f\*+) (?:you|the|these|those|them)\b,?(?: [^.!?]{1,40})?[.!?]*$`)

// scoringView shows a protected sentence the way Assess sees it: code
// spans as "Code", links as "Link", other tokens as themselves.
func scoringView(s string, tokens []string) string {
	return strings.NewReplacer(viewPairs(tokens)...).Replace(s)
}

func viewPairs(tokens []string) []string {
	out := make([]string, 0, 2*len(tokens))
	for i, t := range tokens {
		shown := t
		switch {
		case strings.HasPrefix(t, "`"):
			shown = "Code"
		case urlRE().MatchString(t):
			shown = "Link"
		}
		out = append(out, string(rune(placeholderBase+i)), shown)
	}
	return out
}

// strongHits are the hits of a sentence that a rewording must not keep.
func strongHits(s string) []hit {
	var out []hit
	for _, h := range sentenceHits(newSentence(s)) {
		if max(h.weight, h.base) >= 0.3 && h.evidence != "" && h.signal != SignalShouting {
			out = append(out, h)
		}
	}
	return out
}

var (
	questionPile = regexp.MustCompile(`[!?]*\?[!?]*(?:\.+[!?]+)*`)
	bangs        = regexp.MustCompile(`!+(\s|$)`)
)

// calmPunctuation turns piles into one mark and exclamations into periods.
func calmPunctuation(s string) string {
	return bangs.ReplaceAllString(questionPile.ReplaceAllString(s, "?"), ".$1")
}

var (
	spaces      = regexp.MustCompile(`[ \t]{2,}`)
	spaceBefore = regexp.MustCompile(` +([,.;:?!])(\s|$)`)
	doubledMark = regexp.MustCompile(`([,;:])[,;:.]+|^[\s,.;:]+`)
	// A deletion at the end of a bracket leaves its comma: "(aside from
	// kmalloc, of course)" is "(aside from kmalloc)".
	commaBracket = regexp.MustCompile(`,\s+([)\]])`)
)

// tidy collapses the spaces and stray punctuation left by deletions and
// capitalises the first letter.
func tidy(s string) string {
	s = spaces.ReplaceAllString(s, " ")
	s = spaceBefore.ReplaceAllString(s, "$1$2")
	s = doubledMark.ReplaceAllString(s, "$1")
	s = commaBracket.ReplaceAllString(s, "$1")
	return strings.TrimSpace(s)
}

// upperFirst capitalises a sentence's first letter when its first word is
// an ordinary word: identifiers are placeholders at this point, and a
// one-letter variable ("x <= y") or a word glued to a symbol stays as is.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsLower(r) {
		return s
	}
	w, rest, _ := strings.Cut(s, " ")
	if next, _ := utf8.DecodeRuneInString(rest); isPlaceholder(next) && utf8.RuneCountInString(w) == 1 {
		return s // "a && b": the word is an operand
	}
	w = strings.TrimRight(w, ",.;:!?")
	if len(w) == 1 && w != "a" && w != "i" || strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// placeholders counts the protected tokens standing in s.
func placeholders(s string) int {
	n := 0
	for _, r := range s {
		if isPlaceholder(r) {
			n++
		}
	}
	return n
}

// firstWord is the first space-separated word of s.
func firstWord(s string) string {
	w, _, _ := strings.Cut(strings.TrimSpace(s), " ")
	return w
}

// fillers are words that carry no point of their own in a sentence of
// contempt: "This is kinda ugly." has nothing left once "ugly" goes.
var fillers = sync.OnceValue(func() map[string]bool {
	return wordSet(`this that it it's that's is are was were looks look seems seem so really kind
		kinda of a an the just pretty very such what how oh ah well yeah me to i you your we all
		totally completely quite bit little utterly absolutely here there now again too sort one`)
})

// hasContent reports whether sentence s, without the harsh words ev, still
// says something: then it must not be dropped, and with no safe rewording
// the comment gets none.
func hasContent(s, ev string) bool {
	n := 0
	for _, w := range words(strings.Replace(strings.ToLower(s), strings.ToLower(ev), " ", 1)) {
		if !fillers()[w] {
			n++
		}
	}
	return n >= 2
}
