package safety

import (
	"regexp/syntax"
	"slices"
	"strings"
	"unicode/utf8"
)

// Many rules can only match where one of their keywords starts: gitleaks'
// `\b((?:hvs\.[\w-]{90,120}|s\.(?i:[a-z0-9]{24})))…` starts with "hvs." or
// "s.", its keywords. Go's regexp has no literal prefix to skip to for
// such a pattern and tries it at every byte of the line, which costs much
// on a line saying "tests." or "task". A match starts at one of the
// keyword hits, so where the pattern, anchored, fails at every hit, the
// line has no match and the search is skipped; otherwise the rule runs on
// the line as before, which keeps its matches exactly what they were.

// maxLeads bounds the literals leadOf expands a pattern's start into.
const maxLeads = 64

// leadOf returns pattern anchored at its start when every match of it
// starts with one of keywords (lower case, found case-insensitively on
// ASCII), or one byte before one when back is 1, and trying it there is
// at least as permissive as on the whole line; nil otherwise.
func leadOf(pattern string, keywords []string) (lead *lazyRegexp, back int) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil || len(keywords) == 0 {
		return nil, 0
	}
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	lits, _, ok := leadNode(re)
	if !ok && re.Op == syntax.OpConcat && len(re.Sub) > 1 && narrow(re.Sub[0]) {
		// "(?:^|[ \t])--user": the match starts at the keyword or at
		// the one byte before it.
		lits, _, ok = leadSeq(re.Sub[1:])
		back = 1
	}
	if !ok || len(lits) == 0 {
		return nil, 0
	}
	for _, l := range lits {
		if l.text == "" || l.needWord && !syntax.IsWordChar(rune(l.text[0])) || !startsWithKeyword(l, keywords) {
			return nil, 0
		}
	}
	lead, err = newLazyRegexp(`^(?:` + pattern + `)`)
	if err != nil {
		return nil, 0
	}
	return lead, back
}

// leadLiteral is a literal every match of one branch of a pattern starts
// with.
type leadLiteral struct {
	text     string
	fold     bool // some of it is matched case-insensitively
	needWord bool // a \b comes before it: tried where it starts, the \b holds only if its first byte is a word byte
}

// leadNode returns literals one of which starts every match of re, and
// whether each is all of the match; ok is false when that is not known.
// A \b, ^ or \A before any literal is allowed: tried at a keyword hit, ^
// and \A hold as on the whole line or more often, and so does \b before
// a word byte (nothing comes before it in the text tried).
func leadNode(re *syntax.Regexp) (lits []leadLiteral, exact, ok bool) {
	switch re.Op {
	case syntax.OpLiteral:
		return []leadLiteral{{text: string(re.Rune), fold: re.Flags&syntax.FoldCase != 0}}, true, true
	case syntax.OpEmptyMatch:
		return []leadLiteral{{}}, true, true
	case syntax.OpCapture:
		return leadNode(re.Sub[0])
	case syntax.OpConcat:
		return leadSeq(re.Sub)
	case syntax.OpAlternate:
		exact = true
		for _, sub := range re.Sub {
			l, ex, ok := leadNode(sub)
			if !ok {
				return nil, false, false
			}
			lits, exact = append(lits, l...), exact && ex
		}
		return lits, exact, len(lits) <= maxLeads
	}
	return nil, false, false
}

// leadSeq is leadNode for a concatenation of subs: literals of successive
// parts are joined as long as each part is all literal.
func leadSeq(subs []*syntax.Regexp) (lits []leadLiteral, exact, ok bool) {
	lits = []leadLiteral{{}}
	for _, sub := range subs {
		empty := !slices.ContainsFunc(lits, func(l leadLiteral) bool { return l.text != "" })
		switch sub.Op {
		case syntax.OpWordBoundary, syntax.OpBeginLine, syntax.OpBeginText:
			if !empty {
				return lits, false, true
			}
			for i := range lits {
				lits[i].needWord = lits[i].needWord || sub.Op == syntax.OpWordBoundary
			}
			continue
		}
		next, ex, ok := leadNode(sub)
		if !ok || len(lits)*len(next) > maxLeads {
			return lits, false, !empty
		}
		joined := make([]leadLiteral, 0, len(lits)*len(next))
		for _, a := range lits {
			for _, b := range next {
				joined = append(joined, leadLiteral{text: a.text + b.text, fold: a.fold || b.fold,
					needWord: a.needWord || a.text == "" && b.needWord})
			}
		}
		lits = joined
		if !ex {
			return lits, false, true
		}
	}
	return lits, true, true
}

// narrow reports whether re matches a single ASCII byte or, at the start of
// a line, nothing.
func narrow(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpCharClass:
		return len(re.Rune) > 0 && re.Rune[len(re.Rune)-1] < utf8.RuneSelf
	case syntax.OpBeginLine, syntax.OpBeginText:
		return true
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !narrow(sub) {
				return false
			}
		}
		return true
	}
	return false
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
