package ci

import (
	"encoding/binary"
	"strings"
)

// baseGrams are four-byte windows (compared case-insensitively) that almost
// every failure line contains ("test" for listings of failed tests such as
// PHPUnit's "1) Class::testName"). Patterns without a literal of their own
// run only on lines with one of them or of the grams a knowledge base adds
// for its literals.
var baseGrams = []string{
	"rror", "fail", "anic", "atal", "err!", "meou", "med ", "ille", "xcep",
	"aceb", "ndef", "deni", "exit", "abor", "emor", "efus", "##[e", "##[g",
	"____", ".go:", ".py:", ".rb:", "● ", "\u2715 ", "rspe", "test",
}

// prefilter answers "might this line matter?" with one pass over its bytes:
// every four-byte window, with bit 0x20 set in each byte (so ASCII letters
// compare case-insensitively), is looked up in a collision-free hash table.
type prefilter struct {
	tab   []uint32
	ids   []int32 // gram index for each table slot
	mul   uint32
	shift uint32
	grams []string
}

// gram32 folds a four-byte string into a table key.
func gram32(s string) uint32 {
	var b [4]byte
	copy(b[:], s)
	return binary.LittleEndian.Uint32(b[:]) | 0x20202020
}

// newPrefilter builds a table for grams; each gram must be four bytes long
// ("● " is four bytes in UTF-8).
func newPrefilter(grams []string) *prefilter {
	keys := make(map[uint32]int32, len(grams))
	for i, g := range grams {
		if _, dup := keys[gram32(g)]; !dup {
			keys[gram32(g)] = int32(i)
		}
	}
	for bits := uint32(12); ; bits++ {
		mul := uint32(0x9E3779B1)
		for try := 0; try < 2000; try++ {
			if pf, ok := tryPrefilter(keys, mul, bits); ok {
				pf.grams = grams
				return pf
			}
			mul = mul*0x01000193 + 0x2545F491 | 1
		}
	}
}

func tryPrefilter(keys map[uint32]int32, mul, bits uint32) (*prefilter, bool) {
	pf := &prefilter{tab: make([]uint32, 1<<bits), ids: make([]int32, 1<<bits), mul: mul, shift: 32 - bits}
	for k, id := range keys {
		h := (k * mul) >> pf.shift
		if pf.tab[h] != 0 {
			return nil, false
		}
		pf.tab[h], pf.ids[h] = k, id
	}
	return pf, true
}

// hit reports whether b contains one of the grams.
func (pf *prefilter) hit(b []byte) bool {
	tab, mul, shift := pf.tab, pf.mul, pf.shift
	i := 0
	for ; i+8 <= len(b); i += 4 {
		x := binary.LittleEndian.Uint64(b[i:]) | 0x2020202020202020
		w0, w1, w2, w3 := uint32(x), uint32(x>>8), uint32(x>>16), uint32(x>>24)
		if tab[(w0*mul)>>shift] == w0 || tab[(w1*mul)>>shift] == w1 ||
			tab[(w2*mul)>>shift] == w2 || tab[(w3*mul)>>shift] == w3 {
			return true
		}
	}
	for ; i+4 <= len(b); i++ {
		w := binary.LittleEndian.Uint32(b[i:]) | 0x20202020
		if tab[(w*mul)>>shift] == w {
			return true
		}
	}
	return false
}

// gramFor returns a gram to add so that text containing lit passes the
// prefilter: "" when one of have already occurs in lit, else the window of
// lit least made of common letters and repeated bytes.
func gramFor(lit string, have map[uint32]bool) string {
	if len(lit) < 4 {
		return ""
	}
	for i := 0; i+4 <= len(lit); i++ {
		if have[gram32(lit[i:i+4])] {
			return ""
		}
	}
	best, bestScore := "", 99
	for i := 0; i+4 <= len(lit); i++ {
		w := lit[i : i+4]
		score := 0
		for j := 0; j < 4; j++ {
			if strings.IndexByte("etaoinshr", w[j]) >= 0 {
				score++
			}
			if j > 0 && w[j] == w[j-1] {
				score++
			}
		}
		if score < bestScore {
			best, bestScore = w, score
		}
	}
	return best
}
