package ci

import (
	"bytes"
	"encoding/binary"
	"strings"
)

// screen tells, without allocating or running a regular expression, which
// patterns may match a line: every pattern's necessary conditions (a
// required literal, how an anchored match starts) are checked on the
// line's bytes. Patterns are numbered in knowledge-base order, so the
// first candidate whose expression matches names the line.
type screen struct {
	pats []patScreen
	// Patterns with a required literal of four bytes or more and no
	// anchored prefix are found through their literals (see litSet).
	found   *litSet
	lits    []string // ASCII-lower-cased
	litPats [][]int32
	// The other patterns are checked directly, by the first byte of the
	// text (atStart), of the text after leading blanks (afterBlank), or on
	// every line (always).
	atStart, afterBlank [256][]filed
	always              []int32
}

// filed is a pattern filed under a first byte, with its anchor's quick
// check (see anchor.setQuick) copied in so that most lines are ruled out
// without touching the pattern; a zero mask passes every line.
type filed struct {
	quick, mask, fold uint64
	p                 int32
}

// anyPasses reports whether one of fs passes its quick check on b.
func anyPasses(fs []filed, b []byte) bool {
	for k := range fs {
		if fs[k].passes(b) {
			return true
		}
	}
	return false
}

// passes reports whether b (the text from where the anchor's prefixes
// start) may pass the quick check.
func (f *filed) passes(b []byte) bool {
	return len(b) < 8 || (binary.LittleEndian.Uint64(b)|f.fold)&f.mask == f.quick
}

// patScreen is one pattern's necessary conditions.
type patScreen struct {
	rule   int32
	index  int32 // of the pattern within its rule
	anchor *anchor
	lits   []string   // checked on a candidate line; nil = none
	follow *[256]bool // bytes that must follow one of lits, nil = any
	// litIDs, when not nil, are lits' numbers in the screen's litSet,
	// which finds them (a four-byte one only before a byte of a known
	// set): a line where it found none of them holds none of lits, and
	// lits need no search of their own.
	litIDs []int32
	// gated patterns have no required literal of four bytes or more: they
	// run only on lines that look like errors (see KnowledgeBase.pf) or
	// that extend an open excerpt.
	gated bool
}

// blank is the \s class of Go regular expressions.
var blank = [256]bool{'\t': true, '\n': true, '\f': true, '\r': true, ' ': true}

// lineScratch is per-scan memory reused across lines.
type lineScratch struct {
	cand  []uint64 // candidate patterns
	found []int32  // literals found in the line
	seen  []uint64 // found, as a set
	repo  repoBudget
}

// newScreen indexes the rules' patterns.
func newScreen(rules []rule, patterns [][]string) *screen {
	sc := &screen{}
	litID := map[string]int32{}
	var follows []*[256]bool
	var users []int // patterns that gave each literal its follow set
	// index adds literal l of pattern p to the litSet, once.
	index := func(l string, p int32) int32 {
		id, ok := litID[l]
		if !ok {
			id = int32(len(sc.lits))
			litID[l] = id
			sc.lits = append(sc.lits, l)
			sc.litPats = append(sc.litPats, nil)
			follows = append(follows, nil)
			users = append(users, 0)
		}
		users[id]++
		follows[id] = unionFollow(follows[id], sc.pats[p].follow, users[id] == 1)
		return id
	}
	for i, r := range rules {
		for k := range r.pats {
			p := int32(len(sc.pats))
			a := anchorOf(patterns[i][k])
			lits := requiredLiterals(patterns[i][k])
			selective := lits != nil && shortest(lits) >= 4
			sc.pats = append(sc.pats, patScreen{rule: int32(i), index: int32(k), anchor: a, gated: !selective})
			if lits != nil {
				sc.pats[p].follow = literalFollow(patterns[i][k])
			}
			if !selective || a.selective() || !indexable(lits, sc.pats[p].follow) {
				sc.pats[p].lits = lits
				sc.direct(p, a)
				if selective && indexable(lits, sc.pats[p].follow) {
					// Filed by its anchor, but its literals are
					// looked for with the others.
					for _, l := range lits {
						sc.pats[p].litIDs = append(sc.pats[p].litIDs, index(l, p))
					}
				}
				continue
			}
			if sc.pats[p].follow != nil {
				sc.pats[p].lits = lits
			}
			for _, l := range lits {
				id := index(l, p)
				sc.litPats[id] = append(sc.litPats[id], p)
			}
		}
	}
	sc.found = newLitSet(sc.lits, follows)
	return sc
}

// indexable reports whether a litSet can find lits: a literal of four
// bytes needs a small set of bytes known to follow it.
func indexable(lits []string, follow *[256]bool) bool {
	if shortest(lits) > 4 {
		return true
	}
	n := count(follow)
	return 0 < n && n <= maxFollowKeys
}

// unionFollow merges the bytes that may follow a literal in two patterns,
// giving nil (not known) when either is nil.
func unionFollow(a, b *[256]bool, first bool) *[256]bool {
	if b == nil || (a == nil && !first) {
		return nil
	}
	u := new([256]bool)
	for c := range u {
		u[c] = a != nil && a[c] || b[c]
	}
	return u
}

// direct files pattern p under the first bytes its anchor allows.
func (sc *screen) direct(p int32, a *anchor) {
	file := func(buckets *[256][]filed, set *[256]bool) {
		f := filed{p: p}
		if set == &a.first && a.prefixes != nil {
			f.quick, f.mask, f.fold = a.quick, a.quickMask, a.quickFold
		}
		for c, ok := range set {
			if ok {
				buckets[c] = append(buckets[c], f)
			}
		}
	}
	switch {
	case a == nil:
		sc.always = append(sc.always, p)
	case a.skip == nil:
		file(&sc.atStart, &a.first)
	case *a.skip == blank:
		file(&sc.afterBlank, &a.first)
	default: // a line starts with a byte of the leading class or, when
		// that may be empty, with one of what follows
		set := *a.skip
		for c, ok := range a.first {
			set[c] = set[c] || ok && a.minSkip == 0
		}
		file(&sc.atStart, &set)
	}
}

// scratch returns per-scan memory sized for the screen.
func (sc *screen) scratch() *lineScratch {
	return &lineScratch{cand: make([]uint64, (len(sc.pats)+63)/64),
		seen: make([]uint64, (len(sc.lits)+63)/64)}
}

// candidates marks in ls.cand the patterns that may match body (the text
// after matchBody); lits says whether ls.found lists the indexed literals
// occurring in body (see litSet.find). open says the line extends an open excerpt; gate tells
// whether the line looks like an error, asked only when a gated pattern
// needs it. It reports whether any pattern was marked.
func (sc *screen) candidates(body []byte, lits, open bool, gate func() bool, ls *lineScratch) bool {
	var first, after []filed
	i := 0 // where body's text starts after blanks
	if len(body) > 0 {
		first = sc.atStart[body[0]]
		for i < len(body) && blank[body[i]] {
			i++
		}
		if i < len(body) {
			after = sc.afterBlank[body[i]]
		}
	}
	if !lits && len(sc.always) == 0 && !anyPasses(first, body) && !anyPasses(after, body[i:]) {
		return false // most lines: nothing to check
	}
	clear(ls.cand)
	any := false
	gated := 0 // 0 unknown, 1 yes, 2 no
	mark := func(p int32) {
		ps := &sc.pats[p]
		if ls.cand[p/64]&(1<<(p%64)) != 0 || (ps.litIDs != nil && !anyFound(ls.found, ps.litIDs)) ||
			(ps.anchor != nil && !ps.anchor.ok(body)) ||
			(ps.lits != nil && (ps.litIDs == nil || ps.follow != nil) && !containsFold(body, ps.lits, ps.follow)) {
			return
		}
		if ps.gated && !open {
			if gated == 0 {
				gated = 2
				if gate() {
					gated = 1
				}
			}
			if gated == 2 {
				return
			}
		}
		ls.cand[p/64] |= 1 << (p % 64)
		any = true
	}
	if lits {
		for _, id := range ls.found {
			for _, p := range sc.litPats[id] {
				mark(p)
			}
		}
	}
	for k := range first {
		if f := &first[k]; f.passes(body) {
			mark(f.p)
		}
	}
	for k := range after {
		if f := &after[k]; f.passes(body[i:]) {
			mark(f.p)
		}
	}
	for _, p := range sc.always {
		mark(p)
	}
	return any
}

// anyFound reports whether one of ids is in found.
func anyFound(found, ids []int32) bool {
	for _, f := range found {
		for _, id := range ids {
			if f == id {
				return true
			}
		}
	}
	return false
}

// containsFold reports whether b contains one of the lower-cased subs,
// comparing ASCII letters case-insensitively, followed by a byte of follow
// when follow is not nil. Each sub is looked for by one of its bytes, the
// rarest in logs by a rough guess, and compared in full only where that
// byte is.
func containsFold(b []byte, subs []string, follow *[256]bool) bool {
	at := func(i int, s string) bool {
		return equalFold(b[i:i+len(s)], s) && (follow == nil || i+len(s) < len(b) && follow[b[i+len(s)]])
	}
	for _, s := range subs {
		if len(s) == 0 {
			for i := 0; i <= len(b); i++ {
				if at(i, s) {
					return true
				}
			}
			continue
		}
		k := guideByte(s)
		c := s[k]
		// j is where c would be for an occurrence at j-k.
		for j, last := k, len(b)-len(s)+k; j <= last; j++ {
			if c >= 'a' && c <= 'z' {
				if b[j]|0x20 != c {
					continue
				}
			} else {
				n := bytes.IndexByte(b[j:last+1], c)
				if n < 0 {
					break
				}
				j += n
			}
			if at(j-k, s) {
				return true
			}
		}
	}
	return false
}

// guideByte returns the index of the byte of s to look for first: one
// that is not a letter, a digit or a blank if there is one, else a letter
// other than the commonest.
func guideByte(s string) int {
	best, score := 0, 3
	for i := 0; i < len(s); i++ {
		c := s[i]
		sc := 0
		switch {
		case c >= 'a' && c <= 'z':
			sc = 1
			if strings.IndexByte("etaoinsrh", c) >= 0 {
				sc = 2
			}
		case c == ' ' || c == '\t' || c >= '0' && c <= '9':
			sc = 2
		}
		if sc < score {
			best, score = i, sc
		}
	}
	return best
}
