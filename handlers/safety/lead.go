package safety

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// Many rules can only match where one of their keywords starts: gitleaks'
// `\b((?:hvs\.[\w-]{90,120}|s\.(?i:[a-z0-9]{24})))…` starts with "hvs." or
// "s.", its keywords. Go's regexp has no literal prefix to skip to for
// such a pattern and tries it at every byte of the line, which costs much
// on a line saying "tests." or "task". A match starts at one of the
// keyword hits, so where the pattern, anchored, fails at every hit, the
// line has no match and the search is skipped; otherwise the rule runs on
// the line as before, which keeps its matches exactly what they were.

// leadOf returns pattern anchored at its start when every match of it
// starts with one of keywords (lower case, found case-insensitively on
// ASCII) and trying it there is at least as permissive as on the whole
// line; nil otherwise.
func leadOf(pattern string, keywords []string) *regexp.Regexp {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil || len(keywords) == 0 {
		return nil
	}
	lits, ok := leadLiterals(re, false)
	if !ok || len(lits) == 0 {
		return nil
	}
	for _, l := range lits {
		if !startsWithKeyword(l, keywords) {
			return nil
		}
	}
	lead, err := regexp.Compile(`^(?:` + pattern + `)`)
	if err != nil {
		return nil
	}
	return lead
}

// leadLiteral is a literal every match of one branch of a pattern starts
// with.
type leadLiteral struct {
	text string
	fold bool // matched case-insensitively
}

// leadLiterals returns literals one of which starts every match of re, or
// false when that is not known. Leading \b, ^ and \A are allowed: tried
// at a keyword hit, ^ and \A hold as on the whole line or more often, and
// so does \b before a literal that starts with a word character (nothing
// comes before it in the text tried). boundary says such a \b was passed.
func leadLiterals(re *syntax.Regexp, boundary bool) ([]leadLiteral, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return nil, false
		}
		if boundary && !syntax.IsWordChar(re.Rune[0]) {
			return nil, false
		}
		return []leadLiteral{{string(re.Rune), re.Flags&syntax.FoldCase != 0}}, true
	case syntax.OpCapture:
		return leadLiterals(re.Sub[0], boundary)
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			switch sub.Op {
			case syntax.OpWordBoundary:
				boundary = true
			case syntax.OpBeginLine, syntax.OpBeginText:
			default:
				return leadLiterals(sub, boundary)
			}
		}
		return nil, false
	case syntax.OpAlternate:
		var all []leadLiteral
		for _, sub := range re.Sub {
			l, ok := leadLiterals(sub, boundary)
			if !ok {
				return nil, false
			}
			all = append(all, l...)
		}
		return all, true
	}
	return nil, false
}

// startsWithKeyword reports whether every text l matches starts with one
// of keywords as the keyword index finds them: ASCII-case-insensitively.
// A case-insensitive literal whose keyword part holds a letter with a
// non-ASCII case variant (k: the Kelvin sign, s: the long s) could match
// text the index does not find, so it does not count.
func startsWithKeyword(l leadLiteral, keywords []string) bool {
	for _, k := range keywords {
		if len(l.text) < len(k) || foldASCII(l.text[:len(k)]) != k {
			continue
		}
		if l.fold && strings.ContainsAny(k, "ks") {
			continue
		}
		return true
	}
	return false
}
