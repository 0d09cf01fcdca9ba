package tone

import (
	"regexp"
	"strings"
	"unicode"
)

// hit is one signal found in a comment, with the words that raised it.
type hit struct {
	signal   string
	weight   float64
	evidence string
	// base is the rule's weight before grading (0 for hits that are not
	// graded): a rewording takes out a harsh word by its base weight, so
	// a hedged "a bit ugly" still loses "ugly".
	base float64
}

// sentence is one prose sentence with its lower-cased form; the
// classifications several rules share are computed on first use.
type sentence struct {
	text, lower    string
	praise, polite *bool
	// owned: the comment speaks of the writer and never to the reader, so
	// its harsh adjectives are most likely about the writer's own work.
	owned bool
	// admits: the comment owns up to a slip ("fixed", "oops", "sorry",
	// "good catch"), so "that was stupid" there is about the writer's own
	// earlier work.
	admits bool
}

// newSentence prepares s for the rules: lower-cased, code-like words
// masked (see maskTech) and guarded phrases neutralised (see neutral).
func newSentence(s string) *sentence {
	lower := strings.ToLower(strings.ReplaceAll(maskTech(unemphasise(s)), "’", "'"))
	return &sentence{text: s, lower: neutral(lower)}
}

// cached evaluates f once per sentence.
func cached(slot **bool, f func() bool) bool {
	if *slot == nil {
		v := f()
		*slot = &v
	}
	return **slot
}

// isPraise: thanks, great, nice, love… (sarcasm checks it too). Praise
// that is negated ("not great", "isn't nice") is none.
func (s *sentence) isPraise() bool {
	return cached(&s.praise, func() bool {
		for _, loc := range contexts().praise.FindAllStringIndex(s.lower, -1) {
			if !wordIn(lastN(words(s.lower[:loc[0]]), 2), negators()) {
				return true
			}
		}
		return false
	})
}

// isPolite: please, could, maybe, a Conventional Comments label….
func (s *sentence) isPolite() bool {
	return cached(&s.polite, func() bool { return contexts().polite.MatchString(s.lower) || hasLabel(s.lower) })
}

// hasLabel reports a Conventional Comments label ("nit:", "suggestion (non-blocking):").
func hasLabel(lower string) bool {
	head, _, ok := strings.Cut(lower, ":")
	if !ok {
		return false
	}
	head, _, _ = strings.Cut(head, "(")
	return labels()[strings.TrimSpace(head)]
}

// shouting finds runs of capitalised common English words ("THIS IS NOT
// OK"); acronyms and identifiers in capitals (GURL, ANGLE, OOME) are not
// words and never count. Shouting adds to other signals but is never
// tense alone.
func shouting(s *sentence) []hit {
	var caps []string
	for _, f := range strings.Fields(s.text) {
		w := strings.Trim(f, `.,;:!?"()*_-`)
		if isShout(w) {
			caps = append(caps, w)
		}
	}
	var weight float64
	switch {
	case len(caps) >= 3:
		weight = mild
	case len(caps) == 2:
		weight = faint
	case len(caps) == 1 && emphatic()[caps[0]]:
		weight = faint
	default:
		return nil
	}
	return []hit{{signal: SignalShouting, weight: weight, evidence: strings.Join(caps, " ")}}
}

// isShout reports an all-capitals word of two or more letters whose
// lower-case form is a common English word and not a known acronym.
func isShout(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			letters++
		case r == '\'':
		default:
			return false
		}
	}
	return letters >= 2 && !acronyms()[w] && commonWords()[strings.ToLower(w)]
}

// punctuation finds piles of '!' and '?': three or more, or a mixed "?!".
func punctuation(s *sentence) []hit {
	var out []hit
	t := s.text
	for i := 0; i < len(t); {
		if t[i] != '!' && t[i] != '?' {
			i++
			continue
		}
		j := i
		for j < len(t) && (t[j] == '!' || t[j] == '?') {
			j++
		}
		run := t[i:j]
		var w float64
		switch {
		case len(run) >= 3, len(run) == 2 && run[0] != run[1]:
			w = faint
		case len(run) == 2:
			w = 0.15
		}
		if w > 0 && s.isPraise() {
			w = 0.05
		}
		if w > 0 {
			out = append(out, hit{signal: SignalPunctuation, weight: w, evidence: run})
		}
		i = j
	}
	return out
}

// verdict finds a sentence that is nothing but a dismissive word or two:
// "Wrong.", "No.", "No, no, no.", "Not even close." A line of code ("try {")
// is no verdict.
func verdict(s *sentence) []hit {
	ws := words(s.lower)
	if len(ws) == 0 || len(ws) > 3 || strings.ContainsAny(s.text, ":{}()[]=;<>") {
		return nil
	}
	core := false
	for _, w := range ws {
		if !verdictWords()[w] {
			return nil
		}
		core = core || verdictCore()[w]
	}
	if !core {
		return nil
	}
	return []hit{{signal: SignalVerdict, weight: mild, evidence: strings.TrimSpace(s.text)}}
}

// sarcasticPraise finds praise next to the harm it pretends to praise:
// "Great, another PR without tests", "Thanks for breaking the build".
func sarcasticPraise(s *sentence) []hit {
	c := contexts()
	if !s.isPraise() || !c.negEvent.MatchString(s.lower) || c.sarcasmExempt.MatchString(s.lower) {
		return nil
	}
	return []hit{{signal: SignalSarcasm, weight: 0.6, evidence: c.praise.FindString(s.lower) + " … " + c.negEvent.FindString(s.lower)}}
}

// emphasisRE matches one word in Markdown emphasis: _word_, *word*, **word**.
var emphasisRE = regexp.MustCompile(`(^|[\s(])(?:_{1,2}|\*{1,2})([A-Za-z']+)(?:_{1,2}|\*{1,2})([\s.,;:!?)]|$)`)

// unemphasise drops Markdown emphasis around single words, so "_hate_"
// reads as "hate" and not as an identifier.
func unemphasise(s string) string {
	if !strings.ContainsAny(s, "_*") {
		return s
	}
	return emphasisRE.ReplaceAllString(s, "$1$2$3")
}
