package tone

import (
	"strings"
	"unicode"
)

// hit is one signal found in a comment, with the words that raised it.
type hit struct {
	signal   string
	weight   float64
	evidence string
}

// sentence is one prose sentence with its lower-cased form; the
// classifications several rules share are computed on first use.
type sentence struct {
	text, lower           string
	praise, polite, aimed *bool
}

func newSentence(s string) *sentence {
	return &sentence{text: s, lower: strings.ToLower(strings.ReplaceAll(s, "’", "'"))}
}

// cached evaluates f once per sentence.
func cached(slot **bool, f func() bool) bool {
	if *slot == nil {
		v := f()
		*slot = &v
	}
	return **slot
}

// isPraise: thanks, great, nice, love… (sarcasm checks it too).
func (s *sentence) isPraise() bool {
	return cached(&s.praise, func() bool { return contexts().praise.MatchString(s.lower) })
}

// isPolite: please, could, maybe, a Conventional Comments label….
func (s *sentence) isPolite() bool {
	return cached(&s.polite, func() bool { return contexts().polite.MatchString(s.lower) || hasLabel(s.lower) })
}

// isAimed: the sentence is about a person or their work.
func (s *sentence) isAimed() bool {
	return cached(&s.aimed, func() bool { return contexts().aimed.MatchString(s.lower) })
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

// shouting finds capitalised words that are not acronyms or identifiers:
// two or more shout, and one does when it is an emphatic word such as WHY
// or NEVER.
func shouting(s *sentence) []hit {
	var caps []string
	emphatic := 0.0
	for _, f := range strings.Fields(s.text) {
		w := strings.Trim(f, `.,;:!?"()*_-`)
		if !isShout(w) {
			continue
		}
		caps = append(caps, w)
		emphatic = max(emphatic, shoutWords()[w])
	}
	var weight float64
	switch {
	case len(caps) >= 3:
		weight = 0.6
	case len(caps) == 2:
		weight = 0.5
	case len(caps) == 1 && emphatic > 0:
		weight = emphatic
	default:
		return nil
	}
	return []hit{{SignalShouting, weight, strings.Join(caps, " ")}}
}

// isShout reports an all-capitals word of two or more letters that is not a
// known acronym and has no digits or underscores (those are identifiers).
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
	if letters < 2 || acronyms()[w] {
		return false
	}
	// Plurals of short acronyms: PRS, APIS, ID'S.
	stem := strings.TrimSuffix(strings.TrimSuffix(w, "S"), "'")
	return stem == w || len(stem) > 4 || !acronyms()[stem]
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
		case len(run) >= 3:
			w = 0.5
		case len(run) == 2 && run[0] != run[1]:
			w = 0.45
		case len(run) == 2:
			w = 0.35
		}
		if w > 0 && s.isPraise() {
			w = 0.1
		}
		if w > 0 {
			out = append(out, hit{SignalPunctuation, w, run})
		}
		i = j
	}
	return out
}

// verdict finds a sentence that is nothing but a dismissive word or two:
// "Wrong.", "No.", "No, no, no.", "Not even close."
func verdict(s *sentence) []hit {
	ws := words(s.lower)
	if len(ws) == 0 || len(ws) > 3 || strings.ContainsAny(s.text, ":") {
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
	return []hit{{SignalVerdict, 0.5, strings.TrimSpace(s.text)}}
}

// order finds a sentence that opens with an imperative verb and gives no
// reason and no courtesy: "Remove this." One alone is blunt but fine; the
// caller weighs a comment made of several.
func order(s *sentence) bool {
	ws := words(s.lower)
	for len(ws) > 0 && (ws[0] == "just" || ws[0] == "simply" || ws[0] == "now") {
		ws = ws[1:]
	}
	if len(ws) == 0 || len(ws) > 12 || !imperatives()[ws[0]] || s.isPolite() || strings.ContainsAny(s.text, ":;?") {
		return false
	}
	return !contexts().reason.MatchString(s.lower)
}

// sarcasticPraise finds praise next to the harm it pretends to praise:
// "Great, another PR without tests", "Thanks for breaking the build".
func sarcasticPraise(s *sentence) []hit {
	c := contexts()
	if !s.isPraise() || !c.negEvent.MatchString(s.lower) || c.sarcasmExempt.MatchString(s.lower) {
		return nil
	}
	return []hit{{SignalSarcasm, 0.6, c.praise.FindString(s.lower) + " … " + c.negEvent.FindString(s.lower)}}
}
