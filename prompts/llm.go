package prompts

import (
	"fmt"
)

// Token budgets of the model prompts: the most tokens, as EstimateTokens
// counts them, that a prompt's instructions and data may take together.
const (
	DefaultExplainBudget = 3000
	DefaultReviewBudget  = 2000
	DefaultRewordBudget  = 1500
)

// Limits on untrusted text, in characters (runes).
const (
	maxFieldRunes = 200  // a one-line field such as a check or file name
	maxLineRunes  = 300  // one line of a log, diff or comment
	maxTextRunes  = 4000 // one free text, before any budget applies
)

// CheckExplanationData asks for a few sentences that explain one failing
// check; they stand in the checks comment instead of the knowledge base's
// explanation.
type CheckExplanationData struct {
	Check     FailingCheck
	FirstTime bool   // a first-time contributor gets a warmer word
	Language  string // the reply language; "" means English
	Budget    int    // tokens; 0 means DefaultExplainBudget
}

// ExplainChecksData asks for the reply to `/explain` on a pull request:
// every failing check explained, most relevant first.
type ExplainChecksData struct {
	Checks    []FailingCheck
	Question  string // what the person wrote after /explain, if anything
	FirstTime bool
	Language  string
	Budget    int // tokens; 0 means DefaultExplainBudget
}

// ExplainReviewData asks what a review comment wants, for `/explain` in a
// review thread.
type ExplainReviewData struct {
	Comment  string   // the review comment explained
	Path     string   // the file it is on, if any
	Line     int      // the line it is on, if any
	DiffHunk string   // the diff GitHub shows above it; its end is the line
	Thread   []string // earlier comments of the thread, oldest first
	Question string   // what the person wrote after /explain, if anything
	Language string
	Budget   int // tokens; 0 means DefaultReviewBudget
}

// RewordData asks for a gentler wording of a tense review comment.
type RewordData struct {
	Comment  string
	Signals  []string // what the tone model found, e.g. `insult: "lazy"`
	Keep     []string // technical tokens the rewording must keep verbatim
	Language string
	Budget   int // tokens; 0 means DefaultRewordBudget
}

// CheckExplanationPrompt builds the prompt for one failing check's
// explanation, fitted to the budget (see fitChecks).
func CheckExplanationPrompt(d CheckExplanationData) (Prompt, error) {
	v := newChecksView([]FailingCheck{d.Check}, "", d.FirstTime, d.Language)
	return fitChecks(&v, "check_explanation", "llm_check", orDefault(d.Budget, DefaultExplainBudget), 350)
}

// ExplainChecksPrompt builds the prompt for the `/explain` reply about a
// pull request's failing checks, fitted to the budget (see fitChecks).
func ExplainChecksPrompt(d ExplainChecksData) (Prompt, error) {
	if len(d.Checks) == 0 {
		return Prompt{}, fmt.Errorf("explain checks prompt: no failing checks")
	}
	v := newChecksView(d.Checks, d.Question, d.FirstTime, d.Language)
	return fitChecks(&v, "explain_checks", "llm_explain_checks", orDefault(d.Budget, DefaultExplainBudget), 900)
}

// ExplainReviewPrompt builds the prompt for the `/explain` reply in a
// review thread. To fit the budget it drops, in order: diff lines far from
// the commented line, the oldest thread comments, the end of the comment.
func ExplainReviewPrompt(d ExplainReviewData) (Prompt, error) {
	v := reviewView{
		Language: language(d.Language),
		Path:     oneLine(d.Path, maxFieldRunes),
		Line:     d.Line,
		Hunk:     tailLines(d.DiffHunk),
		Comment:  textLines(d.Comment),
		Question: oneLine(d.Question, maxFieldRunes),
	}
	for _, c := range d.Thread {
		v.Thread = append(v.Thread, textLines(c))
	}
	return fit("explain_review", orDefault(d.Budget, DefaultReviewBudget), 600,
		func() (Prompt, error) { return pair("explain_review", "llm_explain_review", v) },
		func(over int) bool { return trimHead(&v.Hunk, &v.HunkCut, 3, over) },
		func(int) bool { return dropFirst(&v.Thread) },
		func(over int) bool { return trimHead(&v.Hunk, &v.HunkCut, 0, over) },
		func(over int) bool { return trimTail(&v.Comment, &v.CommentCut, 5, over) },
	)
}

// RewordPrompt builds the prompt for a gentler wording of a review
// comment. A comment is never shortened (its points must all survive), so
// one too long for the budget, even without the tone signals, is an error.
func RewordPrompt(d RewordData) (Prompt, error) {
	v := rewordView{Language: language(d.Language), Comment: splitLines(d.Comment, 0)}
	for _, s := range d.Signals {
		v.Signals = append(v.Signals, oneLine(s, maxFieldRunes))
	}
	for _, k := range d.Keep {
		v.Keep = append(v.Keep, oneLine(k, maxLineRunes))
	}
	answer := min(1200, max(200, 2*EstimateTokens(d.Comment)+150))
	return fit("reword", orDefault(d.Budget, DefaultRewordBudget), answer,
		func() (Prompt, error) { return pair("reword", "llm_reword", v) },
		func(int) bool { return dropLast(&v.Signals) },
	)
}

// Tokens estimates the tokens of the prompt's instructions and data.
func (p Prompt) Tokens() int { return EstimateTokens(p.System) + EstimateTokens(p.User) }
