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
		return longest(literalSegments(re))
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 && re.Sub[0].Op == syntax.OpLiteral && len(re.Sub[0].Rune) == 1 {
			if seg := literalSegments(re.Sub[0]); len(seg) == 1 {
				return []string{strings.Repeat(seg[0], min(re.Min, 8))}
			}
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

// requiredConcat joins runs of adjacent literals (and small alternations
// of literals, as every combination) and returns the best requirement
// among the parts: the one whose shortest member is longest.
func requiredConcat(subs []*syntax.Regexp) []string {
	best, _ := requiredFollow(subs)
	return best
}

// literalFollow returns the bytes that must come right after an occurrence
// of requiredLiterals(pattern) in a match, or nil when that is not known
// (the literal may end the match, or follows from a nested group).
func literalFollow(pattern string) *[256]bool {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	re = re.Simplify()
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	if re.Op != syntax.OpConcat {
		return nil
	}
	_, follow := requiredFollow(re.Sub)
	return follow
}

// requiredFollow is requiredConcat, also returning the bytes that follow
// the chosen literals when they are known.
func requiredFollow(subs []*syntax.Regexp) ([]string, *[256]bool) {
	var best []string
	var bestFollow *[256]bool
	consider := func(c []string, follow *[256]bool) {
		if c != nil && shortest(c) > shortest(best) {
			best, bestFollow = c, follow
		}
	}
	run := []string{""}
	flush := func(follow *[256]bool) {
		if shortest(run) > 0 {
			consider(run, follow)
		}
		run = []string{""}
	}
	flat := flatten(subs)
	for j, sub := range flat {
		if sub.Op == syntax.OpLiteral {
			segs := literalSegments(sub)
			run = join(run, segs[:1])
			for _, seg := range segs[1:] {
				flush(nil)
				run = []string{seg}
			}
			continue
		}
		if strs, exact, _ := nodePrefixes(sub); exact && sub.Op == syntax.OpAlternate &&
			len(strs)*len(run) <= maxPrefixes {
			for i, s := range strs {
				strs[i] = lowerASCII(s)
			}
			run = join(run, strs)
			continue
		}
		flush(followOf(flat[j:]))
		consider(required(sub), nil)
	}
	flush(nil)
	return best, bestFollow
}

// followOf returns the bytes a match of the sequence starts with, or nil
// when it may be empty or that is not known.
func followOf(rest []*syntax.Regexp) *[256]bool {
	set, nullable, known := firstOfSeq(rest)
	if !known || nullable {
		return nil
	}
	return &set
}

// literalSegments returns a literal node's text, ASCII-lower-cased, split
// where a case-folded rune has variants that ASCII folding would miss
// (those runes are left out), so each segment can be looked for with
// ASCII case folding alone.
func literalSegments(re *syntax.Regexp) []string {
	if re.Flags&syntax.FoldCase == 0 {
		return []string{lowerASCII(string(re.Rune))}
	}
	var segs []string
	start := 0
	for i, r := range re.Rune {
		if !foldSafe(r) {
			segs = append(segs, lowerASCII(string(re.Rune[start:i])))
			start = i + 1
		}
	}
	return append(segs, lowerASCII(string(re.Rune[start:])))
}

// longest returns the longest of segs as a one-element requirement, or nil
// when all are empty.
func longest(segs []string) []string {
	best := ""
	for _, s := range segs {
		if len(s) > len(best) {
			best = s
		}
	}
	if best == "" {
		return nil
	}
	return []string{best}
}

// join returns every a+b.
func join(as, bs []string) []string {
	out := make([]string, 0, len(as)*len(bs))
	for _, a := range as {
		for _, b := range bs {
			out = append(out, a+b)
		}
	}
	return out
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
