package prompts

import (
	"fmt"
)

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
	system, err := render(tmpl+"_system", "", data)
	if err != nil {
		return Prompt{}, err
	}
	user, err := render(tmpl+"_user", "", data)
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
	tag := ResolveLocale(oneLine(l, 40))
	switch {
	case tag.Asked == "":
		return "English"
	case !tag.Fallback:
		return languageNames[tag.Tag]
	}
	return fmt.Sprintf("the language with the BCP 47 tag %q", tag.Asked)
}

// languageNames names each shipped language for the model.
var languageNames = map[string]string{
	"en": "English", "de": "German", "es": "Spanish", "fr": "French",
	"pt-BR": "Brazilian Portuguese", "ja": "Japanese", "zh-Hans": "Simplified Chinese",
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
