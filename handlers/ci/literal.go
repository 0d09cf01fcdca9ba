package ci

import (
	"regexp/syntax"
	"strings"
)

// requiredLiterals returns lower-cased strings at least one of which occurs
// (case-insensitively) in every text the pattern matches, or nil when no
// such set was found. It lets a line skip a regular expression after a
// cheap substring check.
func requiredLiterals(pattern string) []string {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	lits := required(re.Simplify())
	for _, l := range lits {
		if len(l) < 3 {
			return nil
		}
	}
	return lits
}

// required returns any-of literals for re; nil means "nothing required".
func required(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(re.Rune))}
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpConcat:
		return requiredConcat(re.Sub)
	case syntax.OpAlternate:
		var all []string
		for _, sub := range re.Sub {
			l := required(sub)
			if l == nil {
				return nil
			}
			all = append(all, l...)
		}
		return all
	}
	return nil
}

// requiredConcat joins runs of adjacent literals and returns the best
// requirement among the parts: the one whose shortest member is longest.
func requiredConcat(subs []*syntax.Regexp) []string {
	var best []string
	consider := func(c []string) {
		if c != nil && shortest(c) > shortest(best) {
			best = c
		}
	}
	run := ""
	for _, sub := range subs {
		if sub.Op == syntax.OpLiteral {
			run += strings.ToLower(string(sub.Rune))
			continue
		}
		if run != "" {
			consider([]string{run})
			run = ""
		}
		consider(required(sub))
	}
	if run != "" {
		consider([]string{run})
	}
	return best
}

func shortest(l []string) int {
	if l == nil {
		return 0
	}
	n := len(l[0])
	for _, s := range l[1:] {
		n = min(n, len(s))
	}
	return n
}
