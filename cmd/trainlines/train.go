package main

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"

	"github.com/prcoach/prcoach/handlers/ci"
)

type trainConfig struct {
	epochs    int
	rate, l2  float64
	posWeight float64
}

// train fits a logistic model by stochastic gradient descent with AdaGrad
// step sizes over every kept line of the logs.
func train(logs []example, cfg trainConfig) []float32 {
	type item struct {
		feats []uint32
		y     float64
	}
	var items []item
	for _, e := range logs {
		for _, run := range e.runs {
			for _, l := range run {
				y := 0.0
				if e.inChunk(l.N) {
					y = 1
				}
				items = append(items, item{l.Feats, y})
			}
		}
	}
	w := make([]float64, 1<<ci.ModelBits)
	g2 := make([]float64, len(w))
	rng := rand.New(rand.NewPCG(1, 2))
	for ep := 0; ep < cfg.epochs; ep++ {
		rng.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
		for _, it := range items {
			z := 0.0
			for _, f := range it.feats {
				z += w[f]
			}
			p := 1 / (1 + math.Exp(-z))
			g := p - it.y
			if it.y == 1 {
				g *= cfg.posWeight
			}
			for _, f := range it.feats {
				gf := g + cfg.l2*w[f]
				g2[f] += gf * gf
				w[f] -= cfg.rate * gf / math.Sqrt(g2[f]+1e-8)
			}
		}
	}
	out := make([]float32, len(w))
	for i, v := range w {
		out[i] = float32(v)
	}
	return out
}

func encode(w []float32) []byte {
	b := make([]byte, 4*len(w))
	for i, v := range w {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(v))
	}
	return b
}

// crossValidate trains on all repositories but one fold's and measures
// the hit rate on that fold: a hit when the chosen window holds every
// labelled line. It prints the rate per fold, per language and in total.
func crossValidate(dir string, logs []example, folds int, cfg trainConfig) {
	fold := func(repo string) int {
		h := fnv.New32a()
		h.Write([]byte(repo))
		return int(h.Sum32() % uint32(folds))
	}
	reach := 0
	for _, e := range logs {
		for _, run := range e.runs {
			if e.ChunkLines <= 50 && run[0].N <= e.ChunkStart && e.ChunkStart+e.ChunkLines-1 <= run[len(run)-1].N {
				reach++
				break
			}
		}
	}
	fmt.Printf("chunk within the kept lines (at most 50 lines): %.3f\n", rate(reach, len(logs)))
	type tally struct{ n, hit int }
	byLang := map[string]*tally{}
	total := tally{}
	for k := 0; k < folds; k++ {
		var tr, te []example
		for _, e := range logs {
			if fold(e.Repo) == k {
				te = append(te, e)
			} else {
				tr = append(tr, e)
			}
		}
		m := &ci.LineModel{W: train(tr, cfg)}
		ft := tally{}
		for _, e := range te {
			h := hits(dir, e, m)
			if os.Getenv("TRAINLINES_MISSES") != "" && e.ChunkLines <= 50 {
				showMisses(e, m)
			}
			ft.n++
			ft.hit += h
			t := byLang[e.Language]
			if t == nil {
				t = &tally{}
				byLang[e.Language] = t
			}
			t.n++
			t.hit += h
		}
		total.n += ft.n
		total.hit += ft.hit
		fmt.Printf("fold %d: %d logs from %d repositories, hit %.3f\n", k, ft.n, len(repos(te)), rate(ft.hit, ft.n))
	}
	langs := make([]string, 0, len(byLang))
	for l := range byLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		fmt.Printf("  %-14s n=%3d hit=%.3f\n", l, byLang[l].n, rate(byLang[l].hit, byLang[l].n))
	}
	fmt.Printf("cross-validated by repository: n=%d hit=%.3f\n", total.n, rate(total.hit, total.n))
}

// hits runs the whole analysis with model m on e's log and reports 1 when
// its excerpts hold every labelled line within the 50-line budget, the
// way the acceptance scorer counts.
func hits(dir string, e example, m *ci.LineModel) int {
	f, err := os.Open(filepath.Join(dir, e.Log))
	if err != nil {
		return 0
	}
	defer f.Close()
	a, _ := ci.AnalyzeWith(f, nil, m)
	shown, covered := 0, 0
	for _, ex := range a.Excerpts {
		shown += ex.EndLine - ex.StartLine + 1
		lo := max(ex.StartLine, e.ChunkStart)
		hi := min(ex.EndLine, e.ChunkStart+e.ChunkLines-1)
		covered += max(0, hi-lo+1)
	}
	if covered == e.ChunkLines && shown <= 50 {
		return 1
	}
	if os.Getenv("TRAINLINES_MISSES") != "" {
		fmt.Printf("MISSED %s chunk %d+%d title %q why %q\n", e.Log, e.ChunkStart, e.ChunkLines, a.Title, a.Why)
		for _, ex := range a.Excerpts {
			fmt.Printf("  excerpt %d-%d\n", ex.StartLine, ex.EndLine)
		}
	}
	return 0
}

func rate(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// showMisses prints, for logs the window misses, where the chunk and the
// window are and how the scorer rated the chunk's first line.
func showMisses(e example, m *ci.LineModel) {
	w, ok := ci.BestWindow(e.runs, m)
	if !ok {
		fmt.Printf("MISS %s: no lines\n", e.Log)
		return
	}
	run := e.runs[w.Run]
	ex := ci.WindowExcerpt(run, w)
	if ex.StartLine <= e.ChunkStart && e.ChunkStart+e.ChunkLines-1 <= ex.EndLine {
		return
	}
	pc, pk := -1.0, m.Score(run[w.Key].Feats)
	inRun := false
	for _, r := range e.runs {
		for _, l := range r {
			if l.N == e.ChunkStart {
				pc = m.Score(l.Feats)
				inRun = true
			}
		}
	}
	fmt.Printf("MISS %s chunk %d+%d window %d-%d key %d p=%.2f chunk p=%.2f inRun=%v\n",
		e.Log, e.ChunkStart, e.ChunkLines, ex.StartLine, ex.EndLine, run[w.Key].N, pk, pc, inRun)
}
