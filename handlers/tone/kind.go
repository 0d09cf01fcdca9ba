package tone

import (
	"regexp"
	"strings"
	"sync"
)

// Kind is what a review comment asks for, in Conventional Comments terms.
// It is the one classifier of review comments: /explain picks its wording
// by it, and a rewording takes its label from it.
type Kind string

// The kinds of review comment. KindUnclear says that no rule matched: the
// caller decides what that means (an explanation stays neutral, a
// rewording gets no label).
const (
	// KindIssue reports a defect: something wrong, broken or missing.
	KindIssue Kind = "issue"
	// KindChange asks for a change or votes against one ("please rename",
	// "must", "-1") without naming a defect. It is never non-blocking.
	KindChange Kind = "change"
	// KindQuestion asks something, in one line ending with a question mark.
	KindQuestion Kind = "question"
	// KindSuggestion offers an option ("maybe", "consider", "what about").
	KindSuggestion Kind = "suggestion"
	// KindNit is a small polish, called a nit by the reviewer.
	KindNit Kind = "nit"
	// KindUnclear is a comment no rule could place.
	KindUnclear Kind = ""
)

// Classify says what the review comment text asks for.
func Classify(text string) Kind { return classify(text, text) }

// RewordLabel is the Conventional Comments label a rewording of original
// starts with, or "" when none fits: the defect and question rules read
// the rewording (what will be posted), the request and option rules read
// the original (how the reviewer phrased it). Only a comment phrased as an
// option, asking for no change, is called non-blocking.
func RewordLabel(original, reworded string) string {
	switch classify(reworded, original) {
	case KindIssue:
		if playful().MatchString(original) {
			return "" // "…a fail lol" jokes; calling it an issue would not
		}
		return LabelIssue
	case KindQuestion:
		return LabelQuestion
	case KindSuggestion, KindNit:
		return LabelSuggestion
	}
	return ""
}

// classify applies the rules in order: the reviewer's own label, a defect,
// a one-line question, a request for a change, an option. said is what
// the comment says, phrased how the reviewer wrote it; they differ only
// for a rewording.
func classify(said, phrased string) Kind {
	if k, ok := labelled(phrased); ok {
		return k
	}
	s := strings.TrimSpace(said)
	switch {
	case issueWords().MatchString(goWrongRE.ReplaceAllString(s, " ")):
		return KindIssue
	case strings.HasSuffix(s, "?") && !strings.Contains(s, "\n") && !rhetorical().MatchString(s):
		return KindQuestion
	case changeRequest().MatchString(phrased):
		return KindChange
	case nitWord().MatchString(phrased):
		return KindNit
	case optional().MatchString(phrased) || optionStart().MatchString(phrased):
		return KindSuggestion
	}
	return KindUnclear
}

// labelled reads a Conventional Comments label the reviewer wrote at the
// start of the comment ("nit:", "question (non-blocking):").
func labelled(text string) (Kind, bool) {
	head, _, ok := strings.Cut(strings.ToLower(strings.TrimSpace(text)), ":")
	if !ok {
		return KindUnclear, false
	}
	head, _, _ = strings.Cut(head, "(")
	switch strings.TrimSpace(head) {
	case "nit", "nitpick":
		return KindNit, true
	case "question":
		return KindQuestion, true
	case "suggestion", "thought":
		return KindSuggestion, true
	case "issue", "todo":
		return KindIssue, true
	}
	return KindUnclear, false
}

// rhetorical marks a question that is a reproach, not a request for
// information ("why would you…").
var rhetorical = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\bwhy (?:would|on earth|the hell)\b|\bdid you even\b`)
})

// goWrongRE matches "if something goes wrong": a hypothetical, not a
// defect the comment reports.
var goWrongRE = regexp.MustCompile(`(?i)\b(?:go|goes|went|going|gone) wrong\b`)

// playful marks a comment that laughs or winks: an emoticon, "lol",
// "haha", "heh". Its defect words are seldom a report of a defect.
var playful = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)(?:^|\s)(?:[:;]-?[)pPdD]|\^_?\^|xD)(?:\s|$|[.,!])|\b(?:lol|lmao|rofl|haha\w*|hehe?\w*|heh|kidding|joking)\b|[\x{1F600}-\x{1F64F}]`)
})

// nitWord marks a comment the reviewer calls a nit.
var nitWord = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\bnit(?:pick(?:ing|y)?)?\b`)
})

// optionStart marks a comment that opens with an offer ("what about…",
// "we could…").
var optionStart = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^\s*(?:suggestion|consider|maybe|perhaps|what about|how about|could we|could you|you could|we could|optional)\b`)
})
