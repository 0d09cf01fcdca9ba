package tone

import (
	"testing"
	"time"

	goaway "github.com/TwiN/go-away"
	"github.com/jonreiter/govader"
)

// TestCandidateLibraries measures the two candidate libraries the design
// names, alone and added to the rules, on the whole corpus. They are not
// used by the model: the test holds the reason (neither alone is as good
// as the rules; go-away added to the rules raises recall on this corpus
// but lets three times as many calm comments through).
func TestCandidateLibraries(t *testing.T) {
	corpus := append(loadCorpus(t, "tune"), loadCorpus(t, "holdout")...)
	start := time.Now()
	vader := govader.NewSentimentIntensityAnalyzer()
	t.Logf("govader lexicon load: %v", time.Since(start))
	profanity := goaway.NewProfanityDetector()

	rules := func(e example) bool { return Assess(e.Text, DefaultThreshold).Tense }
	profane := func(e example) bool { return profanity.IsProfane(proseText(e.Text)) }
	negative := func(e example) bool { return vader.PolarityScores(proseText(e.Text)).Compound <= -0.5 }
	classifiers := []struct {
		name string
		f    func(example) bool
	}{
		{"rules", rules},
		{"go-away IsProfane", profane},
		{"govader compound <= -0.5", negative},
		{"rules or go-away", func(e example) bool { return rules(e) || profane(e) }},
		{"rules or govader", func(e example) bool { return rules(e) || negative(e) }},
	}
	f1 := map[string]float64{}
	for _, c := range classifiers {
		var m metrics
		for _, e := range corpus {
			switch got := c.f(e); {
			case got && e.Tense:
				m.tp++
			case got:
				m.fp++
				t.Logf("%s false alarm: %q", c.name, e.Text)
			case e.Tense:
				m.fn++
			default:
				m.tn++
			}
		}
		p, r := m.precision(), m.recall()
		f1[c.name] = 2 * p * r / (p + r)
		t.Logf("%-26s precision=%.3f recall=%.3f fpr=%.3f f1=%.3f", c.name, p, r, m.fpr(), f1[c.name])
	}
	for _, name := range []string{"go-away IsProfane", "govader compound <= -0.5"} {
		if f1[name] > f1["rules"] {
			t.Errorf("%s alone has F1 %.3f > rules %.3f: reconsider using it", name, f1[name], f1["rules"])
		}
	}
}
