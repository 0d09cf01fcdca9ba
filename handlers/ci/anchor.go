package ci

import (
	"encoding/binary"
	"regexp/syntax"
	"unicode"
)

// maxPrefixes bounds how many alternative prefixes an anchor keeps.
const maxPrefixes = 16

// anchor is a necessary condition on how a line starts, derived from a
// pattern anchored at the start of the text: after greedily skipping bytes
// of skip (at least minSkip of them), the rest starts with one of prefixes
// or, when there are none, with a byte of first.
type anchor struct {
	skip     *[256]bool
	minSkip  int
	prefixes []string // ASCII-lower-cased when fold
	fold     bool
	first    [256]bool
	// quick rejects most lines with one compare: the first quickLen bytes
	// of every prefix, as a little-endian word; quickFold has 0x20 at the
	// letters compared case-insensitively.
	quick, quickMask, quickFold uint64
	quickLen                    int
}

// setQuick fills the quick check from the prefixes' common start.
func (a *anchor) setQuick() {
	n := min(len(a.prefixes[0]), 8)
	for _, p := range a.prefixes[1:] {
		k := 0
		for k < n && k < len(p) && p[k] == a.prefixes[0][k] {
			k++
		}
		n = k
	}
	a.quickLen = n
	for k := 0; k < n; k++ {
		c := uint64(a.prefixes[0][k])
		a.quick |= c << (8 * k)
		a.quickMask |= 0xff << (8 * k)
		if a.fold && 'a' <= c && c <= 'z' {
			a.quickFold |= 0x20 << (8 * k)
		}
	}
}

// ok reports whether a line (the matched text) can satisfy the anchor.
func (a *anchor) ok(b []byte) bool {
	i := 0
	if a.skip != nil {
		for i < len(b) && a.skip[b[i]] {
			i++
		}
		if i < a.minSkip {
			return false
		}
	}
	rest := b[i:]
	if a.prefixes == nil {
		return len(rest) > 0 && a.first[rest[0]]
	}
	if len(rest) >= 8 && (binary.LittleEndian.Uint64(rest)|a.quickFold)&a.quickMask != a.quick {
		return false
	}
	for _, p := range a.prefixes {
		if len(rest) >= len(p) && (a.fold && equalFold(rest[:len(p)], p) || !a.fold && string(rest[:len(p)]) == p) {
			return true
		}
	}
	return false
}

// selective reports whether the anchor alone rules out most lines: after
// nothing or blanks, it has prefixes or allows few first bytes. A nil
// anchor is not selective.
func (a *anchor) selective() bool {
	if a == nil || (a.skip != nil && *a.skip != blank) {
		return false
	}
	if a.prefixes != nil {
		return true
	}
	n := 0
	for _, ok := range a.first {
		if ok {
			n++
		}
	}
	return n <= 12
}

// anchorOf returns the anchor of a pattern, or nil when it is not anchored
// at the start or nothing useful is known about how a match starts.
func anchorOf(pattern string) *anchor {
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
	rest := subs[1:]
	a := &anchor{}
	if skip, min, ok := skipClass(rest[0]); ok {
		f, nullable, known := firstOfSeq(rest[1:])
		if known && !nullable && disjoint(skip, &f) {
			a.skip, a.minSkip, rest = skip, min, rest[1:]
		}
	}
	f, nullable, known := firstOfSeq(rest)
	if !known || nullable {
		return nil
	}
	a.first = f
	if ps, fold := prefixesOf(rest); len(ps) > 0 {
		a.prefixes, a.fold = ps, fold
		a.setQuick()
	}
	return a
}

// skipClass recognises a leading x* or x+ over an ASCII byte class.
func skipClass(re *syntax.Regexp) (*[256]bool, int, bool) {
	if (re.Op != syntax.OpStar && re.Op != syntax.OpPlus) || re.Sub[0].Op != syntax.OpCharClass {
		return nil, 0, false
	}
	var set [256]bool
	cls := re.Sub[0].Rune
	for i := 0; i+1 < len(cls); i += 2 {
		if cls[i+1] >= 0x80 {
			return nil, 0, false
		}
		for r := cls[i]; r <= cls[i+1]; r++ {
			set[r] = true
		}
	}
	if re.Op == syntax.OpPlus {
		return &set, 1, true
	}
	return &set, 0, true
}

func disjoint(a, b *[256]bool) bool {
	for i := range a {
		if a[i] && b[i] {
			return false
		}
	}
	return true
}

// firstOfSeq returns the bytes a match of the sequence can start with,
// whether it can match the empty string, and whether that is known.
func firstOfSeq(subs []*syntax.Regexp) (set [256]bool, nullable bool, known bool) {
	for _, sub := range subs {
		f, n, ok := firstOf(sub)
		if !ok {
			return set, false, false
		}
		for i, v := range f {
			set[i] = set[i] || v
		}
		if !n {
			return set, false, true
		}
	}
	return set, true, true
}

// firstOf is firstOfSeq for one node. Zero-width assertions count as
// matching empty, which only makes the answer more permissive.
func firstOf(re *syntax.Regexp) (set [256]bool, nullable bool, known bool) {
	switch re.Op {
	case syntax.OpLiteral:
		addRuneFirst(&set, re.Rune[0], re.Flags&syntax.FoldCase != 0)
		return set, false, true
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if r >= 0x80 {
					addHigh(&set)
					break
				}
				set[r] = true
			}
		}
		return set, false, true
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		for i := range set {
			set[i] = i != '\n' || re.Op == syntax.OpAnyChar
		}
		return set, false, true
	case syntax.OpCapture, syntax.OpPlus:
		return firstOf(re.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		set, _, known = firstOf(re.Sub[0])
		return set, true, known
	case syntax.OpRepeat:
		set, nullable, known = firstOf(re.Sub[0])
		return set, nullable || re.Min == 0, known
	case syntax.OpConcat:
		return firstOfSeq(re.Sub)
	case syntax.OpAlternate:
		known = true
		for _, sub := range re.Sub {
			f, n, ok := firstOf(sub)
			for i, v := range f {
				set[i] = set[i] || v
			}
			nullable, known = nullable || n, known && ok
		}
		return set, nullable, known
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return set, true, true
	}
	return set, false, false
}

// addRuneFirst adds the first UTF-8 bytes r (and its case variants when
// fold) can be encoded with.
func addRuneFirst(set *[256]bool, r rune, fold bool) {
	if r >= 0x80 {
		addHigh(set)
		return
	}
	set[r] = true
	if !fold {
		return
	}
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f >= 0x80 {
			addHigh(set)
		} else {
			set[f] = true
		}
	}
}

func addHigh(set *[256]bool) {
	for b := 0x80; b < 256; b++ {
		set[b] = true
	}
}

// foldSafe reports whether r's case variants are all found by ASCII case
// folding: true for ASCII letters other than k and s (whose variants
// include the Kelvin sign and the long s) and for runes without variants.
func foldSafe(r rune) bool {
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f >= 0x80 || r >= 0x80 {
			return false
		}
	}
	return true
}
