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
	case reportsDefect(s):
		return KindIssue
	case refusal().MatchString(phrased):
		return KindChange
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
	return regexp.MustCompile(`(?i)\bwhy (?:would|on earth|the hell)\b|\bdid you even\b|\bcan you imagine\b`)
})

// reportsDefect reports a defect word said as a claim: not a reference to
// a bug report ("file a bug", "the bug", "bug 1234"), and not in a clause
// that only supposes it ("if this fails", "in case it breaks").
func reportsDefect(s string) bool {
	s = bugReferenceRE.ReplaceAllString(goWrongRE.ReplaceAllString(s, " "), " ")
	for _, loc := range issueWords().FindAllStringIndex(s, -1) {
		clause := s[:loc[0]]
		if i := strings.LastIndexAny(clause, ",;:.!?()\n"); i >= 0 {
			clause = clause[i+1:]
		}
		if !hypotheticalRE.MatchString(clause) {
			return true
		}
	}
	return false
}

// bugReferenceRE matches "bug" as the name of a report or its tracker:
// "file a bug", "a separate bug", "bug 1234", "the bug is filed".
var bugReferenceRE = regexp.MustCompile(`(?i)\b(?:(?:file|filed|open|opened|raise|raised|create|created|report|reported|log|logged|track|tracked|see|read|misread|need|needs)(?: a| an| the| another| new| this| that)?|a separate|a new|another|separate|upstream|existing|related|original|the|this|that|which|launchpad|chromium|crbug|tracking|umbrella|meta|follow-?up|an? (?:tracking|umbrella|meta|follow-?up))\s+bugs?\b|\bbugs?\s*(?:#|\d|report\w*|track\w*|number|id\b|link|filed|fix\w*|for\b|about\b|to track|was filed|is filed|open\b)|\bbugfix\w*`)

// hypotheticalRE marks a clause that supposes a defect rather than
// reporting one.
var hypotheticalRE = regexp.MustCompile(`(?i)\b(?:if|unless|whether|in case|otherwise|avoid|prevent|when|so that|might|may|could)\b`)

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
