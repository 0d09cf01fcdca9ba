package prompts

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
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

// fit renders a prompt and, while it is over budget, applies the trimming
// steps in order: each is called with the tokens still too many and
// reports false once it has nothing left to trim.
func fit(name string, budget, answer int, build func() (Prompt, error), steps ...func(over int) bool) (Prompt, error) {
	for {
		p, err := build()
		if err != nil {
			return Prompt{}, err
		}
		p.MaxTokens = answer
		n := p.Tokens()
		if n <= budget {
			return p, nil
		}
		for len(steps) > 0 && !steps[0](n-budget) {
			steps = steps[1:]
		}
		if len(steps) == 0 {
			return Prompt{}, fmt.Errorf("%s prompt: %d tokens even at its shortest, over the budget of %d", name, n, budget)
		}
	}
}

// pair renders the system and user templates of one prompt.
func pair(name, tmpl string, data any) (Prompt, error) {
	system, err := render(tmpl+"_system", data)
	if err != nil {
		return Prompt{}, err
	}
	user, err := render(tmpl+"_user", data)
	if err != nil {
		return Prompt{}, err
	}
	return Prompt{Name: name, System: system, User: user}, nil
}

// trimTail drops lines from the end of *lines, keeping at least keep, until
// the dropped lines weigh about over tokens; *cut counts what was dropped.
func trimTail(lines *[]string, cut *int, keep, over int) bool {
	n := len(*lines)
	for saved := 0; n > keep && saved < over; n-- {
		saved += lineTokens((*lines)[n-1])
	}
	*cut += len(*lines) - n
	trimmed := n < len(*lines)
	*lines = (*lines)[:n]
	return trimmed
}

// trimHead is trimTail from the start of *lines.
func trimHead(lines *[]string, cut *int, keep, over int) bool {
	i := 0
	for saved := 0; len(*lines)-i > keep && saved < over; i++ {
		saved += lineTokens((*lines)[i])
	}
	*cut += i
	*lines = (*lines)[i:]
	return i > 0
}

// lineTokens is what one data line costs: its text, the "| " and the
// line break.
func lineTokens(l string) int { return EstimateTokens(l) + 2 }

func dropFirst[T any](s *[]T) bool {
	if len(*s) == 0 {
		return false
	}
	*s = (*s)[1:]
	return true
}

func dropLast[T any](s *[]T) bool {
	if len(*s) == 0 {
		return false
	}
	*s = (*s)[:len(*s)-1]
	return true
}

func orDefault(n, def int) int {
	if n > 0 {
		return n
	}
	return def
}

func language(l string) string {
	if l = oneLine(l, 40); l != "" {
		return l
	}
	return "English"
}

// checksView is what the check templates render: every untrusted field
// quoted, multi-line text as lines.
type checksView struct {
	Language  string
	FirstTime bool
	Question  string
	Checks    []checkView
	Dropped   []string // names of checks left out to fit the budget
}

type checkView struct {
	N                                                int
	Name, Conclusion, Step, Category, Title, Verdict string
	Reason, Reproduce, LogProblem                    string
	Explanation, NextSteps                           []string
	Excerpts                                         []excerptView
}

type excerptView struct {
	Start, End int
	Lines      []string
	Cut        int // lines left out at the end to fit the budget
}

func newChecksView(checks []FailingCheck, question string, firstTime bool, lang string) checksView {
	v := checksView{Language: language(lang), FirstTime: firstTime, Question: oneLine(question, maxFieldRunes)}
	for i, f := range checks {
		c := checkView{
			N: i + 1, Name: oneLine(f.Name, maxFieldRunes), Conclusion: oneLine(f.Conclusion, 40),
			Step: oneLine(f.Step, maxFieldRunes), Category: oneLine(f.Category, 40),
			Title: oneLine(f.Title, maxFieldRunes), Verdict: oneLine(f.Verdict, 40),
			Reason: oneLine(f.Reason, maxLineRunes), Reproduce: oneLine(f.Reproduce, maxLineRunes),
			LogProblem: oneLine(f.LogProblem, maxLineRunes), Explanation: textLines(f.Explanation),
		}
		for _, s := range f.NextSteps {
			c.NextSteps = append(c.NextSteps, oneLine(s, maxLineRunes))
		}
		for _, ex := range f.Excerpts {
			c.Excerpts = append(c.Excerpts, excerptView{Start: ex.StartLine, End: ex.EndLine, Lines: textLines(ex.Text)})
		}
		v.Checks = append(v.Checks, c)
	}
	return v
}

// fitChecks renders a checks prompt within budget. It always keeps the
// instructions, the delimiters and each kept check's facts (name, step,
// category, title, verdict and reason). To fit it drops, in order: excerpt
// lines from the end of the longest excerpt down to three per excerpt, the
// knowledge base's explanations and next steps (last check first), every
// excerpt but a check's first, excerpt lines down to one, and finally whole
// checks from the end, which are then only named.
func fitChecks(v *checksView, name, tmpl string, budget, answer int) (Prompt, error) {
	return fit(name, budget, answer,
		func() (Prompt, error) { return pair(name, tmpl, v) },
		func(over int) bool { return v.trimLines(3, over) },
		func(int) bool { return v.dropFromLast(func(c *checkView) bool { return dropAll(&c.Explanation) }) },
		func(int) bool { return v.dropFromLast(func(c *checkView) bool { return dropAll(&c.NextSteps) }) },
		func(int) bool {
			return v.dropFromLast(func(c *checkView) bool { return len(c.Excerpts) > 1 && dropLast(&c.Excerpts) })
		},
		func(over int) bool { return v.trimLines(1, over) },
		func(int) bool {
			if len(v.Checks) < 2 {
				return false
			}
			v.Dropped = append([]string{v.Checks[len(v.Checks)-1].Name}, v.Dropped...)
			return dropLast(&v.Checks)
		},
	)
}

// trimLines drops lines from the end of the longest excerpt (the later one
// on a tie), keeping at least keep lines in each, until about over tokens
// are saved.
func (v *checksView) trimLines(keep, over int) bool {
	trimmed := false
	for saved := 0; saved < over; {
		var longest *excerptView
		for i := range v.Checks {
			for j := range v.Checks[i].Excerpts {
				if ex := &v.Checks[i].Excerpts[j]; len(ex.Lines) > keep && (longest == nil || len(ex.Lines) >= len(longest.Lines)) {
					longest = ex
				}
			}
		}
		if longest == nil {
			return trimmed
		}
		last := longest.Lines[len(longest.Lines)-1]
		saved += lineTokens(last)
		longest.Lines = longest.Lines[:len(longest.Lines)-1]
		longest.Cut++
		trimmed = true
	}
	return trimmed
}

// dropFromLast applies drop to the checks from the last to the first until
// one of them drops something.
func (v *checksView) dropFromLast(drop func(*checkView) bool) bool {
	for i := len(v.Checks) - 1; i >= 0; i-- {
		if drop(&v.Checks[i]) {
			return true
		}
	}
	return false
}

func dropAll[T any](s *[]T) bool {
	had := len(*s) > 0
	*s = nil
	return had
}

// reviewView is what the review template renders.
type reviewView struct {
	Language, Path, Question string
	Line                     int
	Hunk, Comment            []string
	HunkCut, CommentCut      int
	Thread                   [][]string
}

// rewordView is what the reword template renders.
type rewordView struct {
	Language               string
	Comment, Signals, Keep []string
}

// quote makes untrusted text safe inside a data section: valid UTF-8, line
// breaks as "\n", tabs kept, other control and invisible format characters
// (such as bidirectional overrides) dropped, and no run of three '<' or '>'
// left, so the text can never form or close a <<<DATA>>> delimiter: a space
// breaks every such run ("<<<<" becomes "<< <<").
func quote(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	run, last := 0, rune(0)
	for _, r := range s {
		switch {
		case r == '\r':
			r = '\n'
		case r != '\n' && r != '\t' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r)):
			continue
		}
		if (r == '<' || r == '>') && r == last {
			run++
		} else {
			run = 1
		}
		if run == 3 {
			b.WriteByte(' ')
			run = 1
		}
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

// oneLine quotes s as a single line of at most n runes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(quote(s)), " ")
	return clip(s, n)
}

// textLines quotes s and splits it into lines of at most maxLineRunes,
// keeping at most the first maxTextRunes in all and dropping trailing blank
// lines.
func textLines(s string) []string { return splitLines(clip(s, maxTextRunes), maxLineRunes) }

// tailLines is textLines keeping the last maxTextRunes: the end of a diff
// hunk is the line a review comment is on.
func tailLines(s string) []string {
	if n := utf8.RuneCountInString(s); n > maxTextRunes {
		r := []rune(s)
		s = "…" + string(r[n-maxTextRunes+1:])
	}
	return splitLines(s, maxLineRunes)
}

// splitLines quotes s and splits it into lines, each cut to maxLine runes
// when maxLine > 0.
func splitLines(s string, maxLine int) []string {
	s = strings.TrimRight(quote(s), " \t\n")
	if strings.TrimSpace(s) == "" {
		return nil
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
		if maxLine > 0 {
			lines[i] = clip(lines[i], maxLine)
		}
	}
	return lines
}

// clip cuts s to at most n runes, marking a cut with "…".
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i, count := 0, 0
	for i = range s {
		if count == n-1 {
			break
		}
		count++
	}
	return s[:i] + "…"
}

// EstimateTokens approximates the tokens a BPE tokenizer such as OpenAI's
// cl100k_base makes of s, erring high: a run of ASCII letters counts one
// token per 5 letters (rounded up), other letters one each, a run of digits
// one per 3, a single space nothing (BPE joins it to the next word), a
// longer run of spaces or tabs one, and a run of one punctuation or other
// character one per 4. Over the 56 CI logs in testdata/logs it counts
// between 0.97 and 1.72 times what cl100k_base counts (1.13 times in all).
func EstimateTokens(s string) int {
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		j := i + size
		switch {
		case r < utf8.RuneSelf && unicode.IsLetter(r):
			j = runEnd(s, j, func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' })
			n += (j - i + 4) / 5
		case r < utf8.RuneSelf && unicode.IsDigit(r):
			j = runEnd(s, j, func(c byte) bool { return c >= '0' && c <= '9' })
			n += (j - i + 2) / 3
		case r == ' ' || r == '\t':
			j = runEnd(s, j, func(c byte) bool { return c == ' ' || c == '\t' })
			if j-i > 1 {
				n++
			}
		case r < utf8.RuneSelf:
			c := s[i]
			j = runEnd(s, j, func(b byte) bool { return b == c })
			n += (j - i + 3) / 4
		default:
			n++
		}
		i = j
	}
	return n
}

// runEnd returns the end of the run of bytes from j on that in accepts.
func runEnd(s string, j int, in func(byte) bool) int {
	for j < len(s) && in(s[j]) {
		j++
	}
	return j
}
