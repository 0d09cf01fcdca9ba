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
		if re.Min >= 1 && re.Sub[0].Op == syntax.OpLiteral && len(re.Sub[0].Rune) == 1 {
			return []string{strings.Repeat(strings.ToLower(string(re.Sub[0].Rune)), min(re.Min, 8))}
		}
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
	for _, sub := range flatten(subs) {
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

// flatten splices captures and nested concatenations into one sequence so
// that literals on both sides of a group boundary join into one run.
func flatten(subs []*syntax.Regexp) []*syntax.Regexp {
	var out []*syntax.Regexp
	for _, sub := range subs {
		for sub.Op == syntax.OpCapture {
			sub = sub.Sub[0]
		}
		if sub.Op == syntax.OpConcat {
			out = append(out, flatten(sub.Sub)...)
			continue
		}
		out = append(out, sub)
	}
	return out
}

// firstBytes returns, for a pattern anchored at the start of the line, the
// set of bytes a matching line can start with, or nil when unknown. It lets
// anchored patterns skip most lines after one table lookup.
func firstBytes(pattern string) *[256]bool {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	re = re.Simplify()
	if re.Op != syntax.OpConcat {
		return nil
	}
	subs := flatten(re.Sub)
	if len(subs) < 2 || (subs[0].Op != syntax.OpBeginLine && subs[0].Op != syntax.OpBeginText) {
		return nil
	}
	var set [256]bool
	if !addFirst(&set, subs[1]) {
		return nil
	}
	return &set
}

// addFirst adds the bytes re can start with; false when it may match
// empty or its first bytes are not known.
func addFirst(set *[256]bool, re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral:
		r := re.Rune[0]
		if r >= 0x80 {
			for b := 0x80; b < 256; b++ {
				set[b] = true
			}
			return true
		}
		set[r] = true
		if re.Flags&syntax.FoldCase != 0 {
			set[strings.ToUpper(string(r))[0]] = true
			set[strings.ToLower(string(r))[0]] = true
		}
		return true
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			for r := lo; r <= min(hi, 0x7f); r++ {
				set[r] = true
			}
			if hi >= 0x80 {
				for b := 0x80; b < 256; b++ {
					set[b] = true
				}
			}
		}
		return true
	case syntax.OpPlus:
		return addFirst(set, re.Sub[0])
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !addFirst(set, sub) {
				return false
			}
		}
		return true
	case syntax.OpConcat:
		if subs := flatten(re.Sub); len(subs) > 0 {
			return addFirst(set, subs[0])
		}
	}
	return false
}
