package tone

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// matcher is a regexp with a cheap literal prefilter: every match starts
// with one of lits, so a sentence containing none of them is skipped
// without running the regexp (which dominates the cost of Assess).
type matcher struct {
	re   *regexp.Regexp
	lits []string // nil: no prefilter could be derived
}

// newMatcher compiles pattern and derives its leading literals.
func newMatcher(pattern string) matcher {
	m := matcher{re: regexp.MustCompile(pattern)}
	if tree, err := syntax.Parse(pattern, syntax.Perl); err == nil {
		if lits, ok := leadLiterals(tree.Simplify()); ok {
			m.lits = lits
		}
	}
	return m
}

// possible reports whether s may match.
func (m matcher) possible(s string) bool {
	if m.lits == nil {
		return true
	}
	for _, l := range m.lits {
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}

// MatchString is regexp.MatchString behind the prefilter.
func (m matcher) MatchString(s string) bool { return m.possible(s) && m.re.MatchString(s) }

// FindAllString is regexp.FindAllString behind the prefilter.
func (m matcher) FindAllString(s string, n int) []string {
	if !m.possible(s) {
		return nil
	}
	return m.re.FindAllString(s, n)
}

// FindAllStringIndex is regexp.FindAllStringIndex behind the prefilter.
func (m matcher) FindAllStringIndex(s string, n int) [][]int {
	if !m.possible(s) {
		return nil
	}
	return m.re.FindAllStringIndex(s, n)
}

// FindString is regexp.FindString behind the prefilter.
func (m matcher) FindString(s string) string {
	if !m.possible(s) {
		return ""
	}
	return m.re.FindString(s)
}

// leadLiterals returns strings one of which every match of re starts with,
// skipping leading zero-width assertions; ok is false when some branch can
// start with something other than a literal.
func leadLiterals(re *syntax.Regexp) (lits []string, ok bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpCapture:
		return leadLiterals(re.Sub[0])
	case syntax.OpPlus:
		return leadLiterals(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min < 1 {
			return nil, false
		}
		return leadLiterals(re.Sub[0])
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			switch sub.Op {
			case syntax.OpWordBoundary, syntax.OpBeginText, syntax.OpBeginLine, syntax.OpEmptyMatch:
				continue
			}
			return leadLiterals(sub)
		}
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			l, ok := leadLiterals(sub)
			if !ok {
				return nil, false
			}
			lits = append(lits, l...)
		}
		return lits, true
	case syntax.OpCharClass:
		// A small class such as [ae] expands to one-rune literals.
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] > 8 {
				return nil, false
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				lits = append(lits, string(r))
			}
		}
		return lits, len(lits) > 0
	}
	return nil, false
}
