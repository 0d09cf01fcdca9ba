package ci

import (
	"encoding/binary"
	"slices"
	"strings"
	"unicode/utf8"
)

// litSet finds which of a set of literals (four bytes or more, lower-cased,
// compared ASCII case-insensitively) occur in a line while looking at only
// every second position: each literal is keyed by two adjacent four-byte
// windows, so whatever the parity of an occurrence, one of its keys sits
// at an even position. When the few bytes that may follow a literal in a
// match are known, the second window may also be its last three bytes and
// each of those bytes (one key per byte): a four-byte literal needs that,
// and a short literal made of common words gets a rarer key. Windows are
// hashed (bit 0x20 set in every byte folds ASCII case) into a 64 KB table
// of flags; only a set flag leads to the exact keys and a full comparison.
type litSet struct {
	// tab has a non-zero byte at the hash of every key: a byte per
	// slot costs fewer instructions per probe than a bit.
	tab     *[1 << 16]uint8
	buckets [1 << 10][]litKey // keys by hash>>6
	lits    []string
}

// litKey is one key of a literal: the folded window at off in it.
type litKey struct {
	w   uint32
	lit int32
	off int32
}

// maxFollowKeys bounds the keys a four-byte literal gets for the bytes
// that may follow it.
const maxFollowKeys = 16

const litMul = 0x9E3779B1

// fold32 is the case-folded key of the four-byte window at b[i:].
func fold32(b []byte, i int) uint32 { return binary.LittleEndian.Uint32(b[i:]) | 0x20202020 }

func hash32(w uint32) uint32 { return (w * litMul) >> 16 }

// newLitSet indexes lits, each at least four bytes long; literal i is
// reported as i. follow[i], when not nil, holds the few bytes that may
// follow literal i in a match; it is required for a four-byte literal (see
// indexable).
func newLitSet(lits []string, follow []*[256]bool) *litSet {
	s := &litSet{tab: new([1 << 16]uint8), lits: lits}
	for id, l := range lits {
		f := follow[id]
		if len(l) > 4 && count(f) > maxFollowKeys {
			f = nil
		}
		o := rarePair(l, f != nil)
		s.add(gram32(l[o:o+4]), id, o)
		if o+5 <= len(l) {
			s.add(gram32(l[o+1:o+5]), id, o+1)
			continue
		}
		for c, ok := range f {
			if ok {
				s.add(gram32(l[o+1:]+string([]byte{byte(c)})), id, o+1)
			}
		}
	}
	return s
}

// count returns how many bytes set holds; 0 for nil.
func count(set *[256]bool) int {
	n := 0
	if set != nil {
		for _, ok := range set {
			if ok {
				n++
			}
		}
	}
	return n
}

func (s *litSet) add(w uint32, id, off int) {
	h := hash32(w)
	for _, k := range s.buckets[h>>6] {
		if k == (litKey{w: w, lit: int32(id), off: int32(off)}) {
			return
		}
	}
	s.tab[h] = 1
	s.buckets[h>>6] = append(s.buckets[h>>6], litKey{w: w, lit: int32(id), off: int32(off)})
}

// find lists in ls.found the literals occurring in b, each once.
func (s *litSet) find(b []byte, ls *lineScratch) bool {
	s.scan(b, ls)
	return s.done(ls)
}

// findPlain is find on b[from:] that also tells whether b (a raw line
// without its timestamp) is plain, its own display form: at most maxText
// bytes of valid UTF-8 with no control byte other than tab. It looks at
// each byte once for both. When b is not plain the literals found are not
// to be used.
func (s *litSet) findPlain(b []byte, from int, ls *lineScratch) (lits, plain bool) {
	if len(b) > maxText {
		return false, false
	}
	bad, or := s.scan(b[from:], ls)
	for _, c := range b[:from] {
		bad |= (uint64(c) - 0x20) &^ uint64(c) & 0x80
		or |= uint64(c)
	}
	plain = bad == 0 && or&0x8080808080808080 == 0 ||
		(bad == 0 || noControl(b)) && utf8.Valid(b)
	return s.done(ls), plain
}

// scan lists in ls.found the literals occurring in b, each once, and
// returns a word that is not zero when b may hold a control byte and the
// OR of b's bytes in each byte of a word.
func (s *litSet) scan(b []byte, ls *lineScratch) (bad, or uint64) {
	ls.found = ls.found[:0]
	if len(b) < 8 {
		for i, c := range b {
			bad |= (uint64(c) - 0x20) &^ uint64(c) & 0x80
			or |= uint64(c)
			if i+4 <= len(b) && i%2 == 0 {
				s.verify(b, i, ls)
			}
		}
		return bad, or
	}
	// Each eight-byte load probes the windows at i, i+2 and i+4; the last
	// load is moved back to the last even start that fits, so no window
	// is left for a byte-wise tail and the loads cover every byte.
	last := (len(b) - 8) &^ 1
	tab := s.tab
	for i := 0; ; i += 6 {
		i = min(i, last)
		r := binary.LittleEndian.Uint64(b[i:])
		bad |= (r - 0x2020202020202020) &^ r & 0x8080808080808080
		or |= r
		x := r | 0x2020202020202020
		h0 := (uint32(x) * litMul) >> 16
		h1 := (uint32(x>>16) * litMul) >> 16
		h2 := (uint32(x>>32) * litMul) >> 16
		if tab[h0]|tab[h1]|tab[h2] != 0 {
			s.verifyKey(b, i, uint32(x), h0, ls)
			s.verifyKey(b, i+2, uint32(x>>16), h1, ls)
			s.verifyKey(b, i+4, uint32(x>>32), h2, ls)
		}
		if i == last {
			return bad, or
		}
	}
}

// done clears the set of found literals for the next line and reports
// whether any was found.
func (s *litSet) done(ls *lineScratch) bool {
	for _, id := range ls.found {
		ls.seen[id/64] &^= 1 << (id % 64)
	}
	return len(ls.found) > 0
}

// verify checks in full the literals keyed by the window at b[i:].
func (s *litSet) verify(b []byte, i int, ls *lineScratch) {
	w := fold32(b, i)
	s.verifyKey(b, i, w, hash32(w), ls)
}

// verifyKey is verify for the folded window w at b[i:], whose hash is h.
func (s *litSet) verifyKey(b []byte, i int, w, h uint32, ls *lineScratch) {
	if s.tab[h] == 0 {
		return
	}
	for _, k := range s.buckets[h>>6] {
		if k.w != w {
			continue
		}
		l := s.lits[k.lit]
		start := i - int(k.off)
		if start < 0 || start+len(l) > len(b) || ls.seen[k.lit/64]&(1<<(k.lit%64)) != 0 ||
			!equalFold(b[start:start+len(l)], l) {
			continue
		}
		ls.seen[k.lit/64] |= 1 << (k.lit % 64)
		ls.found = append(ls.found, k.lit)
	}
}

// commonGrams are four-byte windows frequent in passing logs (test names,
// paths, log levels); a literal is keyed elsewhere when it can be.
var commonGrams = []string{"test", "rror", "erro", "fail", "aile", "iled", ".go:", "pass",
	"ing ", "tion", " the", "the ", "ting", "warn", "info", "ound", "comp", " com", "ile ", "    ",
	"npm ", "down", "load", "http", "ttps", "node", "modu", "pack", "kage", "java", "coul", "ould",
	"ror:", "rror", "ror ", "or: ", " err", "led ", "ed t", "d to", " to "}

// rarePair returns the offset in lit of the two adjacent four-byte windows
// least likely to occur in ordinary log lines: not common ones if
// possible, then with the fewest common letters and repeated bytes. With
// follow, the second window may end with the byte after lit.
func rarePair(lit string, follow bool) int {
	best, bestScore := 0, 1<<30
	end := len(lit)
	if follow {
		end++
	}
	for o := 0; o+5 <= end; o++ {
		second := lit[o+1 : min(o+5, len(lit))]
		if sc := gramScore(lit[o:o+4]) + gramScore(second); sc < bestScore {
			best, bestScore = o, sc
		}
	}
	return best
}

func gramScore(w string) int {
	score := 0
	if slices.Contains(commonGrams, w) {
		score += 100
	}
	for j := 0; j < len(w); j++ {
		if strings.IndexByte("etaoinshr ", w[j]) >= 0 {
			score++
		}
		if j > 0 && w[j] == w[j-1] {
			score++
		}
	}
	return score
}
