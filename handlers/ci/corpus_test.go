package ci

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// corpusEntry is one log of testdata/logs with what it must yield.
type corpusEntry struct {
	File          string   `yaml:"file"`
	Ecosystem     string   `yaml:"ecosystem"`
	Category      string   `yaml:"category"`
	LikelyCause   string   `yaml:"likely_cause"`
	PassedOnRerun bool     `yaml:"passed_on_rerun"`
	FailsOnBase   bool     `yaml:"fails_on_base"`
	Expect        [][2]int `yaml:"expect"`
}

// Thresholds measured on the corpus and set just under what it reaches, so
// a regression fails the test.
const (
	minRecall         = 0.97
	minCategoryShare  = 0.95
	minVerdictShare   = 0.95
	minEcosystemShare = 0.95
	// The excerpts may use the whole budget: context around the first
	// error and the step's other telling lines (issue 10).
	maxMeanExcerptRows = excerptBudget
)

func loadCorpus(t *testing.T) []corpusEntry {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "logs", "expect.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Logs []corpusEntry `yaml:"logs"`
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	return doc.Logs
}

// TestCorpus measures excerpt recall (expected lines covered by excerpts),
// excerpt size, and how often category, ecosystem and verdict are right.
func TestCorpus(t *testing.T) {
	entries := loadCorpus(t)
	if len(entries) < 40 {
		t.Fatalf("corpus has %d logs, want at least 40", len(entries))
	}
	var want, covered, shown, catOK, ecoOK, verdictOK int
	ecosystems := map[string]bool{}
	for _, e := range entries {
		ecosystems[e.Ecosystem] = true
		f, err := os.Open(filepath.Join("..", "..", "testdata", "logs", e.File))
		if err != nil {
			t.Fatal(err)
		}
		a, err := Analyze(f, nil)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", e.File, err)
		}
		w, c := coverage(e.Expect, a.Excerpts)
		want, covered = want+w, covered+c
		n := excerptLines(a.Excerpts)
		shown += n
		v := Decide(a, Evidence{PassedOnRerun: e.PassedOnRerun, FailsOnBase: e.FailsOnBase})
		catOK += btoi(a.Category == e.Category)
		ecoOK += btoi(a.Ecosystem == e.Ecosystem)
		verdictOK += btoi(v.LikelyCause == e.LikelyCause)
		if c < w || a.Category != e.Category || v.LikelyCause != e.LikelyCause || a.Ecosystem != e.Ecosystem {
			t.Logf("%s: covered %d/%d, shown %d, category %s (want %s), ecosystem %s (want %s), verdict %s (want %s), why %v, excerpts %v",
				e.File, c, w, n, a.Category, e.Category, a.Ecosystem, e.Ecosystem, v.LikelyCause, e.LikelyCause, a.Why, ranges(a.Excerpts))
		}
	}
	n := float64(len(entries))
	recall := float64(covered) / float64(want)
	t.Logf("corpus: %d logs, %d ecosystems; recall %.3f (%d/%d lines); excerpt lines %d (%.1f a log); category %d/%d, ecosystem %d/%d, verdict %d/%d",
		len(entries), len(ecosystems), recall, covered, want, shown, float64(shown)/n, catOK, len(entries), ecoOK, len(entries), verdictOK, len(entries))
	if len(ecosystems) < 10 {
		t.Errorf("corpus covers %d ecosystems, want at least 10", len(ecosystems))
	}
	if recall < minRecall {
		t.Errorf("recall %.3f < %.2f", recall, minRecall)
	}
	if float64(shown)/n > maxMeanExcerptRows {
		t.Errorf("mean excerpt %.1f lines > %d", float64(shown)/n, maxMeanExcerptRows)
	}
	for _, c := range []struct {
		name string
		ok   int
		min  float64
	}{{"category", catOK, minCategoryShare}, {"ecosystem", ecoOK, minEcosystemShare}, {"verdict", verdictOK, minVerdictShare}} {
		if float64(c.ok)/n < c.min {
			t.Errorf("%s right for %d/%d logs, want at least %.0f%%", c.name, c.ok, len(entries), c.min*100)
		}
	}
}

// coverage counts expected lines and those inside some excerpt.
func coverage(expect [][2]int, ex []Excerpt) (want, covered int) {
	for _, r := range expect {
		for n := r[0]; n <= r[1]; n++ {
			want++
			for _, e := range ex {
				if n >= e.StartLine && n <= e.EndLine {
					covered++
					break
				}
			}
		}
	}
	return want, covered
}

func excerptLines(ex []Excerpt) int {
	n := 0
	for _, e := range ex {
		n += e.EndLine - e.StartLine + 1
	}
	return n
}

func ranges(ex []Excerpt) string {
	var parts []string
	for _, e := range ex {
		parts = append(parts, fmt.Sprintf("%d-%d", e.StartLine, e.EndLine))
	}
	return strings.Join(parts, ",")
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
