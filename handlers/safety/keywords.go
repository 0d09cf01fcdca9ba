package safety

import (
	"slices"
)

// keywordIndex finds, in one pass over a text, every keyword of the rules
// (so a rule's regexp runs only on the lines holding one, at the places
// they are) and every one of the app's own credentials. There are about
// 300 keywords with gitleaks' rules and a few dozen credential lines, too
// many to search for one by one.
type keywordIndex struct {
	m      matcher
	nrules int
	rules  [][]int    // rules[p]: the rules whose keyword is pattern p
	own    [][]string // own[p]: the credentials whose folded form is pattern p
}

// hit asks to run one rule on one line, from pos (an offset in the text,
// where the rule's keyword starts).
type hit struct{ rule, line, pos int }

// newKeywordIndex indexes the keywords of rules and the literal
// credentials own.
func newKeywordIndex(rules []rule, own []string) keywordIndex {
	k := keywordIndex{nrules: len(rules)}
	var patterns []string
	id := map[string]int{}
	add := func(s string) int {
		s = foldASCII(s)
		p, ok := id[s]
		if !ok {
			p = len(patterns)
			id[s] = p
			patterns = append(patterns, s)
			k.rules = append(k.rules, nil)
			k.own = append(k.own, nil)
		}
		return p
	}
	for ri, r := range rules {
		for _, w := range r.keywords {
			p := add(w)
			k.rules[p] = append(k.rules[p], ri)
		}
	}
	for _, lit := range own {
		p := add(lit)
		k.own[p] = append(k.own[p], lit)
	}
	k.m = newMatcher(patterns)
	return k
}

// scan returns, sorted by rule, line and position and without duplicates,
// the hits of the rules' keywords in text, and the spans of the own
// credentials in it; lines holds the start offset of every line.
func (k *keywordIndex) scan(text string, lines []int) (hs []hit, own []span) {
	line := 0
	k.m.each(text, func(p, end int) {
		start := end - k.m.lens[p]
		// No pattern holds a '\n', so a match's line is its last byte's.
		for line+1 < len(lines) && lines[line+1] < end {
			line++
		}
		for _, ri := range k.rules[p] {
			hs = append(hs, hit{ri, line, start})
		}
		for _, lit := range k.own[p] {
			if text[start:end] == lit {
				own = append(own, span{start, start, end, ownKind})
			}
		}
	})
	return slices.Compact(sortHits(hs, k.nrules)), own
}

// sortHits sorts hs, every rule below nrules, by rule, line and position.
// They come in the order their keywords end, so by line and nearly by
// position: a stable count by rule, then an insertion sort of each rule's
// few hits out of place, costs far less than a sort by comparisons.
func sortHits(hs []hit, nrules int) []hit {
	if len(hs) < 2 {
		return hs
	}
	at := make([]int, nrules+1)
	for _, h := range hs {
		at[h.rule+1]++
	}
	for r := 1; r <= nrules; r++ {
		at[r] += at[r-1]
	}
	out := make([]hit, len(hs))
	for _, h := range hs {
		out[at[h.rule]] = h
		at[h.rule]++
	}
	for i := 1; i < len(out); i++ {
		h := out[i]
		j := i
		for ; j > 0 && out[j-1].rule == h.rule && (out[j-1].line > h.line || out[j-1].line == h.line && out[j-1].pos > h.pos); j-- {
			out[j] = out[j-1]
		}
		out[j] = h
	}
	return out
}

// matcher is an Aho-Corasick automaton over ASCII-case-folded bytes, laid
// out as a full transition table over byte classes: a step is one lookup,
// and bytes that occur in no pattern share one class. A table entry is the
// next state's row offset (state × width), with outMark set when patterns
// end at that state.
type matcher struct {
	class  [256]uint8 // byte → class; 0 for bytes in no pattern
	width  int        // classes per state
	next   []uint32   // next[row+class]
	outAt  []uint32   // patterns ending at state s: outs[outAt[s]:outAt[s+1]]
	outs   []uint32
	lens   []int // pattern lengths
	states int
}

// outMark flags a table entry whose state ends patterns.
const outMark = 1 << 31

// newMatcher builds the automaton of patterns, which are already folded
// (foldASCII) and hold no '\n'.
func newMatcher(patterns []string) matcher {
	var m matcher
	m.width = 1
	for _, p := range patterns {
		for i := 0; i < len(p); i++ {
			if m.class[p[i]] == 0 {
				m.class[p[i]] = uint8(m.width)
				m.width++
			}
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		m.class[c] = m.class[c+'a'-'A']
	}
	if m.width > 256 {
		panic("safety: too many byte classes") // cannot happen: at most 255 distinct bytes plus "other"
	}
	// The trie: none marks a missing edge until the failure links fill it.
	const none = ^uint32(0)
	grow := func() uint32 {
		for range m.width {
			m.next = append(m.next, none)
		}
		m.states++
		return uint32(m.states - 1)
	}
	grow()
	ends := map[uint32][]uint32{}
	for pi, p := range patterns {
		s := uint32(0)
		for i := 0; i < len(p); i++ {
			e := int(s)*m.width + int(m.class[p[i]])
			if m.next[e] == none {
				t := grow()
				m.next[e] = t
			}
			s = m.next[e]
		}
		ends[s] = append(ends[s], uint32(pi))
		m.lens = append(m.lens, len(p))
	}
	// Breadth first: a state's failure link (the longest proper suffix of
	// its path that is a trie path) is known before its children's, and a
	// missing edge takes the failure link's edge.
	fail := make([]uint32, m.states)
	out := make([][]uint32, m.states)
	out[0] = ends[0]
	queue := []uint32{0}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for c := range m.width {
			e := int(s)*m.width + c
			t := m.next[e]
			switch {
			case t != none:
				if s != 0 {
					fail[t] = m.next[int(fail[s])*m.width+c]
				}
				out[t] = append(slices.Clip(ends[t]), out[fail[t]]...)
				queue = append(queue, t)
			case s == 0:
				m.next[e] = 0
			default:
				m.next[e] = m.next[int(fail[s])*m.width+c]
			}
		}
	}
	m.outAt = make([]uint32, m.states+1)
	for s := range m.states {
		m.outAt[s] = uint32(len(m.outs))
		m.outs = append(m.outs, out[s]...)
	}
	m.outAt[m.states] = uint32(len(m.outs))
	if m.states*m.width >= outMark {
		panic("safety: keyword automaton too large")
	}
	for e, t := range m.next {
		m.next[e] = t * uint32(m.width)
		if len(out[t]) > 0 {
			m.next[e] |= outMark
		}
	}
	return m
}

// each calls f(pattern, end) for every occurrence of every pattern in
// text, overlapping ones included, in order of end; end is the offset just
// past the occurrence.
func (m *matcher) each(text string, f func(p, end int)) {
	if m.states == 0 {
		return
	}
	next, class := m.next, &m.class
	row := uint32(0)
	for i := 0; i < len(text); i++ {
		e := next[row+uint32(class[text[i]])]
		row = e &^ outMark
		if e&outMark != 0 {
			s := row / uint32(m.width)
			for _, p := range m.outs[m.outAt[s]:m.outAt[s+1]] {
				f(int(p), i+1)
			}
		}
	}
}

// foldASCII returns s with ASCII letters lower-cased, so offsets stay the
// same.
func foldASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
