package ci

import "encoding/binary"

// gramSet finds occurrences of four-byte grams (ASCII case folded by
// setting bit 0x20 of every byte) with one probe of an 8 KB bit table per
// position: a set bit sends the window to an exact lookup.
type gramSet struct {
	bits  *[1 << 10]uint64 // 1<<16 bits, indexed by hash
	mul   uint32
	slots map[uint32][]int32 // hash → indexes into keys
	keys  []uint32
}

// fold32 is the case-folded key of a four-byte window.
func fold32(b []byte) uint32 { return binary.LittleEndian.Uint32(b) | 0x20202020 }

func (g *gramSet) hash(w uint32) uint32 { return (w * g.mul) >> 16 }

// newGramSet indexes grams (each four bytes long); gram i is reported as i.
func newGramSet(grams []string) *gramSet {
	g := &gramSet{bits: new([1 << 10]uint64), mul: 0x9E3779B1, slots: map[uint32][]int32{}}
	for i, s := range grams {
		w := fold32([]byte(s))
		h := g.hash(w)
		g.bits[h>>6] |= 1 << (h & 63)
		g.slots[h] = append(g.slots[h], int32(i))
		g.keys = append(g.keys, w)
	}
	return g
}

// mayHit reports whether the window w may be one of the grams.
func (g *gramSet) mayHit(w uint32) bool {
	h := (w * g.mul) >> 16
	return g.bits[h>>6]&(1<<(h&63)) != 0
}

// each calls f with every gram equal to window w.
func (g *gramSet) each(w uint32, f func(id int32)) {
	for _, id := range g.slots[g.hash(w)] {
		if g.keys[id] == w {
			f(id)
		}
	}
}
