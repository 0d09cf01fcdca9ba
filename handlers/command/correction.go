package command

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/prcoach/prcoach/handlers/markdown"
)

// MaxReasonLen is the longest reason, in characters, that `/explain wrong`
// accepts.
const MaxReasonLen = 200

// Problems of `/explain wrong`; like the others, they never quote the
// user's text.
const (
	problemReasonLong   = "That reason is longer than 200 characters; a short line is enough, and the details can go in a normal comment."
	problemReasonHidden = "The reason has invisible or control characters in it; typing it again usually clears them."
)

// sentenceEnd is the punctuation a keyword may carry (`/explain flaky.`).
const sentenceEnd = ".!?:,;"

// isWord reports whether arg is the keyword w alone, in any case, perhaps
// with sentence punctuation. More words make a check name: `/explain flaky
// tests` explains the check "flaky tests", as `/explain "flaky"` explains
// a check called flaky.
func isWord(arg, w string) bool {
	return strings.EqualFold(strings.TrimRight(arg, sentenceEnd), w)
}

// afterWord reports whether arg starts with the keyword w as a whole word,
// in any case, and returns the rest. The word may carry sentence
// punctuation or a dash (`wrong: …`, `wrong. …`, `wrong—…`) but not a
// hyphen or a letter: `wrong-format` is another word.
func afterWord(arg, w string) (string, bool) {
	if !markdown.HasPrefixFold(arg, w) {
		return "", false
	}
	rest := arg[len(w):]
	r, _ := utf8.DecodeRuneInString(rest)
	if rest == "" || unicode.IsSpace(r) || strings.ContainsRune(sentenceEnd+"—–", r) {
		return rest, true
	}
	return "", false
}

// parseWrong reads the reason after `/explain wrong`: separators in front of it
// (`wrong: …`, `wrong - …`) are dropped.
func parseWrong(rest string) Result {
	reason := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(rest), sentenceEnd+"-—–"))
	switch {
	case !utf8.ValidString(reason) || strings.ContainsFunc(reason, hidden):
		return Result{Kind: Malformed, Problem: problemReasonHidden}
	case utf8.RuneCountInString(reason) > MaxReasonLen:
		return Result{Kind: Malformed, Problem: problemReasonLong}
	}
	return Result{Kind: Wrong, Reason: reason}
}
