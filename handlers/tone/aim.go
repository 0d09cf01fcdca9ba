package tone

import (
	"strings"
	"sync"
)

// Graded weights: a harsh word's weight is its rule's weight times the
// factors below, read from the words around it, so that scores spread out
// and the threshold trades precision for recall in small steps instead of
// one strong word either clearing it or not.
const (
	negatedFactor     = 0.3  // "not stupid", "non-ugly", "isn't terrible"
	lessFactor        = 0.4  // "less ugly", "slightly less horrible"
	hedgedFactor      = 0.7  // "a bit ugly", "kind of silly", "somewhat hacky"
	intensifiedFactor = 1.25 // "really stupid", "totally useless", "so ugly"
	addressedFactor   = 1.15 // the sentence speaks to the reader: "you", "your"
	exclaimedFactor   = 1.1  // the sentence ends in '!'
	askedFactor       = 0.8  // a question or a polite proposal
	maxWeight         = 0.95
)

// negators, hedges and boosters are read in the few words before a
// harsh word.
var (
	negators = sync.OnceValue(func() map[string]bool {
		return wordSet(`not isn't aren't wasn't weren't isnt arent wasnt non no never hardly nothing don't doesn't didn't`)
	})
	hedges = sync.OnceValue(func() map[string]bool {
		return wordSet(`bit little slightly kinda somewhat rather tad mildly tiny bit abit touch potentially possibly maybe perhaps might seems seem`)
	})
	boosters = sync.OnceValue(func() map[string]bool {
		return wordSet(`really so very totally absolutely completely utterly extremely incredibly entirely
			such truly plain downright comically insanely seriously horribly terribly super too`)
	})
)

// aimFactor grades the harsh words at s.lower[start:end] by the words
// before them (negation, hedges, boosters) and by the sentence
// (addressed to the reader, exclaimed, asked).
func aimFactor(s *sentence, start, end int) float64 {
	before := words(s.lower[:start])
	if len(before) > 3 {
		before = before[len(before)-3:]
	}
	f := 1.0
	if wordIn(before, negators()) {
		f *= negatedFactor
	} else if n := len(before); n > 0 && before[n-1] == "less" {
		f *= lessFactor
	}
	if wordIn(before, hedges()) || hasPair(before, "kind", "of") || hasPair(before, "sort", "of") {
		f *= hedgedFactor
	}
	if n := len(before); n > 0 && boosters()[before[n-1]] || n > 1 && boosters()[before[n-2]] {
		f *= intensifiedFactor
	}
	if secondPersonRE.MatchString(s.lower) {
		f *= addressedFactor
	}
	t := strings.TrimRight(s.text, " )\"'")
	switch {
	case strings.HasSuffix(t, "!"):
		f *= exclaimedFactor
	case strings.HasSuffix(t, "?") || s.isPolite():
		f *= askedFactor
	}
	return f
}

// wordIn reports whether any of ws is in set.
func wordIn(ws []string, set map[string]bool) bool {
	for _, w := range ws {
		if set[w] {
			return true
		}
	}
	return false
}

// hasPair reports a followed directly by b in ws.
func hasPair(ws []string, a, b string) bool {
	for i := 0; i+1 < len(ws); i++ {
		if ws[i] == a && ws[i+1] == b {
			return true
		}
	}
	return false
}

// graded applies aimFactor to weight w, within (0, maxWeight].
func graded(w float64, s *sentence, start, end int) float64 {
	return min(maxWeight, w*aimFactor(s, start, end))
}

// hasTarget reports a sentence that names what its words are about
// ("this", "that", "it", "the …"): a harsh word there is aimed at the work,
// even in a comment that otherwise speaks only of its writer.
func (s *sentence) hasTarget() bool {
	return wordIn(words(s.lower), targets())
}

// targets are the words that point a sentence at a thing.
var targets = sync.OnceValue(func() map[string]bool {
	return wordSet(`this that it it's these those the its they them their there here`)
})

// ownedDivisor is how much a harsh word in a comment that speaks only of
// its writer is weakened: much when its sentence names nothing else ("So
// stupid."), less when it points at a thing ("this is ugly"), which may
// be the reader's work.
func ownedDivisor(s *sentence) float64 {
	if s.hasTarget() {
		return 1.5
	}
	return 2.5
}
