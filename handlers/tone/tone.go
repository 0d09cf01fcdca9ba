// Package tone scores how a code-review comment may land on the person who
// reads it, names the signals behind the score, and rewords a tense comment
// into a gentler one that keeps every technical token.
//
// The model is rule-based and offline: named phrase rules (insults,
// profanity, condescension, sarcasm, absolutes aimed at people, "why would
// you" questions, exasperation), and shape rules (shouting in capitals,
// piles of '!' and '?', bare orders, one-word verdicts). Each hit has a
// weight in (0, 1); the score is the chance that at least one of them
// lands, 1 − Π(1 − w). Quoted lines, code blocks, code spans and links are
// never scored.
package tone

import (
	"fmt"
	"math"
	"strings"
)

// DefaultThreshold is the score at and above which a comment is tense. One
// strong signal reaches it; mild ones need company. See corpus_test.go for
// the precision and recall it gives.
const DefaultThreshold = 0.5

// Result is the verdict on one comment.
type Result struct {
	// Tense is Score >= the threshold used.
	Tense bool `json:"tense"`
	// Score is in [0, 1].
	Score float64 `json:"score"`
	// Signals name what raised the score, each as `signal: "evidence"`,
	// in the order found; empty (not nil) when nothing did.
	Signals []string `json:"signals"`
}

// Assess scores text against threshold. Quoted lines (">"), fenced and
// indented code blocks, inline code spans and links do not count.
func Assess(text string, threshold float64) Result {
	hits := findHits(text)
	score := combine(hits)
	return Result{Tense: score >= threshold, Score: score, Signals: describe(hits)}
}

// findHits runs every rule over every prose sentence of text.
func findHits(text string) []hit {
	var hits []hit
	for _, raw := range sentences(proseText(text)) {
		hits = append(hits, sentenceHits(newSentence(raw))...)
	}
	return hits
}

// sentenceHits runs every rule over one sentence.
func sentenceHits(s *sentence) []hit {
	hits := phraseHits(s)
	hits = append(hits, shouting(s)...)
	hits = append(hits, punctuation(s)...)
	hits = append(hits, verdict(s)...)
	hits = append(hits, sarcasticPraise(s)...)
	if order(s) {
		hits = append(hits, hit{SignalOrder, 0.3, strings.TrimSpace(s.text)})
	}
	return hits
}

// phraseHits applies the phrase rules to one sentence.
func phraseHits(s *sentence) []hit {
	var out []hit
	for _, r := range rules() {
		matches := r.re.FindAllString(s.lower, -1)
		if len(matches) == 0 || r.unless != nil && r.unless.MatchString(s.lower) {
			continue
		}
		for _, m := range matches {
			w := r.weight
			if r.aimed && !s.isAimed() {
				w *= 0.6
			}
			if r.soft && s.isPraise() {
				w /= 5
			}
			out = append(out, hit{r.signal, w, strings.Trim(m, " ,.;:!?")})
		}
	}
	return out
}

// combine turns hit weights into a score in [0, 1], rounded to 3 places.
func combine(hits []hit) float64 {
	calm := 1.0
	for _, h := range hits {
		calm *= 1 - h.weight
	}
	return math.Round((1-calm)*1000) / 1000
}

// describe renders hits as `signal: "evidence"`, without duplicates.
func describe(hits []hit) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, h := range hits {
		d := fmt.Sprintf("%s: %q", h.signal, h.evidence)
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}
