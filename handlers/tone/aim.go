package tone

import (
	"regexp"
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
	aimedFactor       = 1.5  // "you", "your" in the few words before: "your code is dumb"
	exclaimedFactor   = 1.1  // the sentence ends in '!'
	askedFactor       = 0.8  // a question or a polite proposal
	maxWeight         = 0.95
)

// negators, hedges and boosters are read in the few words before a
// harsh word.
var (
	negators = sync.OnceValue(func() map[string]bool {
		return wordSet(`not isn't aren't wasn't weren't isnt arent wasnt non never`)
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
// (addressed to the reader, exclaimed, asked). Negation, hedges and
// questions do not soften swearing (swear): "kinda sucks" and "not fuck
// up" are still curses.
func aimFactor(s *sentence, start, end int, swear bool) float64 {
	before := words(s.lower[:start])
	if len(before) > 3 {
		before = before[len(before)-3:]
	}
	f := 1.0
	if !swear && wordIn(lastN(before, 2), negators()) {
		f *= negatedFactor
	} else if n := len(before); n > 0 && before[n-1] == "less" {
		f *= lessFactor
	}
	if !swear && (wordIn(before, hedges()) || hasPair(before, "kind", "of") || hasPair(before, "sort", "of")) {
		f *= hedgedFactor
	}
	if n := len(before); n > 0 && boosters()[before[n-1]] || n > 1 && boosters()[before[n-2]] {
		f *= intensifiedFactor
	}
	switch {
	case aimedAtReader(words(s.lower[:start])):
		f *= aimedFactor
	case secondPersonRE.MatchString(s.lower):
		f *= addressedFactor
	}
	t := strings.TrimRight(s.text, " )\"'")
	switch {
	case strings.HasSuffix(t, "!"):
		f *= exclaimedFactor
	case !swear && (strings.HasSuffix(t, "?") || proposalRE().MatchString(s.lower)):
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
func graded(w float64, s *sentence, start, end int, swear bool) float64 {
	return min(maxWeight, w*aimFactor(s, start, end, swear))
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

// Direction: a harsh word about the writer themselves ("I'm an idiot")
// counts a tenth, and a mild or insulting one in a sentence of praise a
// fifth ("heck, nice catch"). Swearing keeps more of its weight in both,
// as it lands on a reader whoever it is aimed at.
const (
	selfFactor             = 0.1
	selfProfaneFactor      = 0.1
	praisedFactor          = 0.2
	praisedProfanityFactor = 0.7
)

// hitWeight is the weight of rule r's match at s.lower[start:end]: the
// rule's weight, graded by aimFactor for insults and profanity, then
// lowered when the words are about the writer or sit in praise.
func hitWeight(r rule, s *sentence, start, end int) float64 {
	w := r.weight
	profane := r.signal == SignalProfanity && r.weight >= profane
	if r.signal == SignalInsult || r.signal == SignalProfanity {
		w = graded(w, s, start, end, profane)
	}
	if r.self && (selfDirected(s.lower, start, end) || !r.seen && (s.admits && pastVerdict(s.lower[:start]) ||
		(s.admits || s.owned) && interjection(s.lower, start, end))) {
		w *= pick(profane, selfProfaneFactor, selfFactor)
	}
	if (r.signal == SignalInsult || r.signal == SignalProfanity) && atTool(s.lower, start, end) {
		w *= selfFactor
	}
	if s.owned && r.self && !r.seen && r.signal == SignalInsult {
		w /= ownedDivisor(s)
	}
	if r.soft && s.isPraise() {
		w *= pick(profane, praisedProfanityFactor, praisedFactor)
	}
	return w
}

// secondPerson are the words that aim what follows at the reader.
var secondPerson = sync.OnceValue(func() map[string]bool {
	return wordSet(`you your you're yours u ur`)
})

// readerFillers may stand between "you are" and the word it describes: "you're
// being really lazy", "you are the clueless one".
var readerFillers = sync.OnceValue(func() map[string]bool {
	return wordSet(`so really very just being getting a an the such totally completely too quite
		pretty clearly obviously simply plain utterly absolutely`)
})

// aimedAtReader reports a harsh word that describes the reader or their
// work, read from the words before it: "your code is dumb", "your stupid
// macro", "you're lazy", "you crazy people". "You are writing garbage to
// the register" and "you can be lazy here" are not.
func aimedAtReader(before []string) bool {
	if wordIn(lastN(before, 3), wordSet(`your ur`)) {
		return true
	}
	for i := len(before) - 1; i >= 0 && i >= len(before)-4; i-- {
		switch w := before[i]; {
		case w == "you're" || w == "are" || w == "were":
			return w == "you're" || i > 0 && before[i-1] == "you"
		case w == "you" || w == "u":
			return i == len(before)-1
		case !readerFillers()[w]:
			return false
		}
	}
	return false
}

// tools are things a reviewer curses without blaming anyone: "stupid
// IDE", "silly spell check", "ugly gerrit UI".
var tools = sync.OnceValue(func() map[string]bool {
	return wordSet(`ide ides editor editors linter linters lint compiler compilers gerrit git github gitlab
		rebase rebases spell spellcheck spellchecker autocorrect autocomplete vim emacs eclipse xcode
		browser browsers keyboard laptop os windows phone cosmic checkpatch pep8
		flake8 pylint eslint tooling toolchain webui ui bot bots python java javascript bash perl php ruby
		kconfig gcc clang msvc jenkins travis gae cmake gradle maven npm webpack`)
})

// atTool reports harsh words at lower[start:end] aimed at a tool: one of
// tools right after them ("damn eclipse") or right before them ("gerrit
// sucks"), and no "you"/"your" just before ("your stupid editor config"
// is the reader's).
func atTool(lower string, start, end int) bool {
	after, before := words(lower[end:]), words(lower[:start])
	if (len(after) == 0 || !tools()[after[0]]) && (len(before) == 0 || !tools()[before[len(before)-1]]) {
		return false
	}
	return !wordIn(lastN(before, 3), secondPerson())
}

// interjectionLeads may come before a curse that is an exclamation.
var interjectionLeads = sync.OnceValue(func() map[string]bool {
	return wordSet(`oh ah ahh aah argh hmm hm well yes yeah yep ok okay oops ugh and but so what how the`)
})

// interjection reports harsh words at lower[start:end] used as an
// exclamation that opens the sentence and aims at nothing: "Damn.",
// "Oh crap, …", "yes damn it...", "how the hell?" ("what the hell is this"
// goes on, so it is no exclamation). In a comment that owns up to a slip or
// speaks only of its writer, such a curse is about the writer.
func interjection(lower string, start, end int) bool {
	for _, w := range words(lower[:start]) {
		if !interjectionLeads()[w] {
			return false
		}
	}
	if !strings.HasSuffix(lower[start:end], " ") {
		return true // the match ends the sentence or took its punctuation
	}
	tail := strings.TrimPrefix(lower[end:], "it")
	return strings.TrimSpace(tail) == "" || strings.ContainsAny(tail[:1], ",.!;:-)")
}

// pick is cond ? a : b.
func pick(cond bool, a, b float64) float64 {
	if cond {
		return a
	}
	return b
}

// lastN is the last n of ws (all of them when fewer).
func lastN(ws []string, n int) []string {
	if len(ws) > n {
		return ws[len(ws)-n:]
	}
	return ws
}

// admitRE matches the words with which a writer owns up to a slip.
var admitRE = regexp.MustCompile(`(?i)\b(?:done|fixed|will fix|fixing|oops|opps|sorry|my bad|good catch|nice catch|my fault|my mistake|` +
	`you're right|you are right|will (?:clean (?:it |this |that )?up|update|change|remove|redo)|i'll (?:fix|update|change|remove|clean)|removing (?:it |this |that )?now|thanks for catching)\b`)

// admitsSlip reports prose that owns up to a slip of its writer's.
func admitsSlip(prose string) bool { return admitRE.MatchString(prose) }

// pastVerdictRE matches "that was", "this was", "it was" (and "were") with
// at most one word after, at the end of the text before a harsh word.
var pastVerdictRE = regexp.MustCompile(`\b(?:that|this|it) (?:was|were)(?: \w+)? ?$`)

// pastVerdict reports a harsh word passed on something done before: "that
// was stupid", "this was really ugly".
func pastVerdict(before string) bool { return pastVerdictRE.MatchString(before) }

// proposalRE matches the words of a polite proposal, which soften a harsh
// word beside them: "maybe rename it, the name is ugly". An opinion ("I
// think this is stupid") is no proposal.
var proposalRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\b(?:please|could|would|can we|can you|maybe|perhaps|consider|suggest\w*|nit|let's|how about|what about|mind)\b`)
})
