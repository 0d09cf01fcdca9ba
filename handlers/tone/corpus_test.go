package tone

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// example is one labelled review comment of the corpus.
type example struct {
	Tense bool   `json:"tense"`
	Kind  string `json:"kind"`
	Text  string `json:"text"`
}

// loadCorpus reads testdata/tone/NAME.jsonl.
func loadCorpus(t testing.TB, name string) []example {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "testdata", "tone", name+".jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []example
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		var e example
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("%s.jsonl line %d: %v", name, n, err)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// metrics are the confusion counts of a threshold over a corpus.
type metrics struct{ tp, fp, tn, fn int }

func (m metrics) precision() float64 { return ratio(m.tp, m.tp+m.fp) }
func (m metrics) recall() float64    { return ratio(m.tp, m.tp+m.fn) }
func (m metrics) fpr() float64       { return ratio(m.fp, m.fp+m.tn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// measure scores every example and logs each mistake with its signals.
func measure(t *testing.T, corpus []example) metrics {
	var m metrics
	for _, e := range corpus {
		r := Assess(e.Text, DefaultThreshold)
		switch {
		case e.Tense && r.Tense:
			m.tp++
		case e.Tense:
			m.fn++
			t.Logf("missed (%s, %.2f %v): %q", e.Kind, r.Score, r.Signals, e.Text)
		case r.Tense:
			m.fp++
			t.Logf("false alarm (%s, %.2f %v): %q", e.Kind, r.Score, r.Signals, e.Text)
		default:
			m.tn++
		}
	}
	t.Logf("n=%d tp=%d fp=%d tn=%d fn=%d precision=%.3f recall=%.3f fpr=%.3f",
		len(corpus), m.tp, m.fp, m.tn, m.fn, m.precision(), m.recall(), m.fpr())
	return m
}

// The thresholds below were set from measurements, not wishes. Since the
// precision-first rework (plain directness, bare orders, one-word verdicts,
// shouting and piles of '!' are no longer tense alone) many examples this
// corpus labels tense are below the threshold on purpose, so its recall
// floor is low; precision and the false-positive rate are the promises. The rules
// were written while reading tune.jsonl and fit it completely; holdout.jsonl
// was written before the rules and scored once at the end (precision 1.000,
// recall 0.862, false-positive rate 0/52 at that first look). Both fail the
// test if they slip below the targets.
func TestCorpusTune(t *testing.T) {
	checkMetrics(t, measure(t, loadCorpus(t, "tune")), 0.95, 0.6, 0.02)
}

func TestCorpusHoldout(t *testing.T) {
	checkMetrics(t, measure(t, loadCorpus(t, "holdout")), 0.95, 0.4, 0.02)
}

// TestCorpusTechnical holds the false-positive rate on ordinary technical
// review comments (technical.jsonl, written for this test, none harsh):
// jargon of many languages and tools (kill, dead code, dummy, abort, fatal,
// hack, master, nuke, blacklist, orphan, zombie, execute), harsh words in
// quotes, code and logs, self-directed words and enthusiasm.
func TestCorpusTechnical(t *testing.T) {
	corpus := loadCorpus(t, "technical")
	if len(corpus) < 500 {
		t.Fatalf("technical corpus has %d comments, want at least 500", len(corpus))
	}
	m := measure(t, corpus)
	if m.tp+m.fn != 0 {
		t.Fatalf("technical corpus should hold calm comments only")
	}
	if f := m.fpr(); f > 0.02 {
		t.Errorf("false-positive rate %.3f > 0.02 on %d technical comments", f, len(corpus))
	}
}

func checkMetrics(t *testing.T, m metrics, minPrecision, minRecall, maxFPR float64) {
	t.Helper()
	if p := m.precision(); p < minPrecision {
		t.Errorf("precision %.3f < %.2f", p, minPrecision)
	}
	if r := m.recall(); r < minRecall {
		t.Errorf("recall %.3f < %.2f", r, minRecall)
	}
	if f := m.fpr(); f > maxFPR {
		t.Errorf("false-positive rate %.3f > %.2f", f, maxFPR)
	}
}

func TestCorpusShape(t *testing.T) {
	all := append(loadCorpus(t, "tune"), loadCorpus(t, "holdout")...)
	counts := map[bool]int{}
	hard := 0
	for _, e := range all {
		counts[e.Tense]++
		if e.Kind == "hard" {
			hard++
		}
		if e.Text == "" || e.Kind == "" {
			t.Errorf("example without text or kind: %+v", e)
		}
	}
	if len(all) < 300 || counts[true] < 100 || counts[false] < 100 || hard < 50 {
		t.Errorf("corpus has %d examples (%d tense, %d calm, %d hard negatives); want ≥300, ≥100, ≥100, ≥50",
			len(all), counts[true], counts[false], hard)
	}
}

// TestRewordCorpus rewords every example of both sets: every rewording
// keeps every technical token and reads calm, and most tense examples get
// one (the rest get a reply naming the phrases instead).
func TestRewordCorpus(t *testing.T) {
	none, tense := 0, 0
	for _, e := range append(loadCorpus(t, "tune"), loadCorpus(t, "holdout")...) {
		if !Assess(e.Text, DefaultThreshold).Tense {
			continue
		}
		tense++
		got := Reword(e.Text)
		if got == "" {
			none++
			t.Logf("no safe rewording for %q; phrases %q", e.Text, Phrases(e.Text))
			continue
		}
		if err := Keeps(e.Text, got); err != nil {
			t.Errorf("Reword(%q) = %q: %v", e.Text, got, err)
		}
		if r := Assess(got, DefaultThreshold); r.Tense {
			t.Errorf("Reword(%q) = %q still tense: %.2f %v", e.Text, got, r.Score, r.Signals)
		}
	}
	t.Logf("%d tense examples, %d without a safe rewording", tense, none)
	if none*3 > tense {
		t.Errorf("%d of %d tense examples have no rewording; want at most a third", none, tense)
	}
}

func BenchmarkAssess(b *testing.B) {
	corpus := append(loadCorpus(b, "tune"), loadCorpus(b, "holdout")...)
	Assess("warm up the lazily compiled rules", DefaultThreshold)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Assess(corpus[i%len(corpus)].Text, DefaultThreshold)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "comments/s")
}

func BenchmarkReword(b *testing.B) {
	var tense []example
	for _, e := range append(loadCorpus(b, "tune"), loadCorpus(b, "holdout")...) {
		if e.Tense {
			tense = append(tense, e)
		}
	}
	Reword("warm up")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Reword(tense[i%len(tense)].Text)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "comments/s")
}

// BenchmarkAssessLarge scores one 1 MB comment made of the corpus's prose.
func BenchmarkAssessLarge(b *testing.B) {
	var sb strings.Builder
	corpus := append(loadCorpus(b, "tune"), loadCorpus(b, "holdout")...)
	for i := 0; sb.Len() < 1<<20; i++ {
		sb.WriteString(corpus[i%len(corpus)].Text + "\n\n")
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		Assess(text, DefaultThreshold)
	}
}

// TestThresholdSweep logs precision, recall and false-positive rate on the
// hold-out set for the thresholds a repository might configure, and checks
// that raising the threshold never raises the false-positive rate.
func TestThresholdSweep(t *testing.T) {
	corpus := loadCorpus(t, "holdout")
	scores := make([]float64, len(corpus))
	for i, e := range corpus {
		scores[i] = Assess(e.Text, DefaultThreshold).Score
	}
	prevFPR := 2.0
	for _, th := range []float64{0.3, 0.4, 0.5, 0.6, 0.7, 0.8} {
		var m metrics
		for i, e := range corpus {
			switch tense := scores[i] >= th; {
			case tense && e.Tense:
				m.tp++
			case tense:
				m.fp++
			case e.Tense:
				m.fn++
			default:
				m.tn++
			}
		}
		t.Logf("threshold %.1f: precision=%.3f recall=%.3f fpr=%.3f", th, m.precision(), m.recall(), m.fpr())
		if m.fpr() > prevFPR {
			t.Errorf("threshold %.1f: false-positive rate %.3f rose from %.3f", th, m.fpr(), prevFPR)
		}
		prevFPR = m.fpr()
	}
}
