package ci

import (
	"bytes"
	"fmt"
	"io"
	"testing"
)

func TestZZStats(t *testing.T) {
	kb := Builtin()
	sc := kb.sc
	fmt.Println("pats", len(sc.pats), "lits", len(sc.lits), "always", len(sc.always))
	for i, l := range sc.lits {
		fmt.Printf("%q key=%q pats=%d\n", l, rareGram(l), len(sc.litPats[i]))
	}
	n := 0
	for c := range sc.atStart {
		n += len(sc.atStart[c])
	}
	fmt.Println("atStart entries", n)
	data, _ := io.ReadAll(&logGen{size: 8 << 20})
	lines := bytes.Split(data, []byte("\n"))
	ls := sc.scratch()
	var win, may, found, cand, lines2, gateCalls int
	for _, l := range lines {
		b := matchBody(stripTimestamp(l))
		lines2++
		for i := 0; i+4 <= len(b); i++ {
			win++
			if sc.tab.mayHit(fold32(b[i:])) {
				may++
			}
		}
		if sc.findLiterals(b, ls) {
			found++
			for _, id := range ls.found { _ = id }
		}
		if sc.candidates(b, false, func() bool { gateCalls++; return kb.pf.hit(b) }, ls) {
			cand++
		}
	}
	fmt.Println("lines", lines2, "windows", win, "mayHit", may, "found", found, "cand", cand, "gate", gateCalls)
}
