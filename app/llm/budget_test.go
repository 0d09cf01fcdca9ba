package llm

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/prcoach/prcoach/handlers/ci"
	"github.com/prcoach/prcoach/prompts"
)

// corpusPrompt is the explanation prompt of one log next to "the last
// 1,000 lines" of the same log.
type corpusPrompt struct {
	log            string
	lines          int
	prompt, naive  int // tokens: ours, and the same instructions with the tail
	data, tailOnly int // tokens of the data alone: our User, the tail alone
}

var lineBreak = regexp.MustCompile(`\r\n|\r|\n`)

// corpusPrompts analyses every log in testdata/logs as the app does and
// builds its check explanation prompt with the default budget.
func corpusPrompts(t testing.TB) []corpusPrompt {
	paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "logs", "*.log"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no logs in testdata/logs: %v", err)
	}
	var out []corpusPrompt
	for _, path := range paths {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		a, err := ci.Analyze(strings.NewReader(string(raw)), ci.Builtin())
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		fc := failingCheck(filepath.Base(path), a, ci.Decide(a, ci.Evidence{}))
		p, err := prompts.CheckExplanationPrompt(prompts.CheckExplanationData{Check: fc})
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		lines := lineBreak.Split(strings.TrimRight(string(raw), "\r\n"), -1)
		tail := strings.Join(lines[max(0, len(lines)-1000):], "\n")
		naive := "Explain this failing check.\n<<<BEGIN DATA log>>>\n" + tail + "\n<<<END DATA log>>>\n"
		out = append(out, corpusPrompt{
			log: filepath.Base(path), lines: len(lines),
			prompt: p.Tokens(), naive: prompts.EstimateTokens(p.System) + prompts.EstimateTokens(naive),
			data: prompts.EstimateTokens(p.User), tailOnly: prompts.EstimateTokens(tail),
		})
	}
	return out
}

// failingCheck fills the prompt data from an analysis as the checks
// comment does.
func failingCheck(name string, a ci.Analysis, v ci.Verdict) prompts.FailingCheck {
	fc := prompts.FailingCheck{Name: name, Conclusion: "failure", Step: a.Step, Title: a.Title, Category: a.Category,
		Verdict: v.LikelyCause, Reason: v.Reason, Reproduce: a.Reproduce}
	if a.Cause != nil {
		fc.Explanation, fc.NextSteps = a.Cause.Explanation, a.Cause.NextSteps
	}
	for _, ex := range a.Excerpts {
		fc.Excerpts = append(fc.Excerpts, prompts.Excerpt{StartLine: ex.StartLine, EndLine: ex.EndLine, Text: ex.Text})
	}
	return fc
}

// TestPromptTokensOnCorpus reports the tokens of the explanation prompt of
// every log in testdata/logs against "the last 1,000 lines" of the same
// log, and holds every prompt to the default budget. Tokens are
// prompts.EstimateTokens, which counts about 1.1 times cl100k_base.
func TestPromptTokensOnCorpus(t *testing.T) {
	ps := corpusPrompts(t)
	var prompt, naive, data, tail []float64
	var ratios []float64
	var sumPrompt, sumNaive, sumLongPrompt, sumLongNaive int
	for _, p := range ps {
		t.Logf("%-32s %5d lines: prompt %5d tokens (data %5d); instructions + last 1,000 lines %6d (lines alone %6d)",
			p.log, p.lines, p.prompt, p.data, p.naive, p.tailOnly)
		if p.prompt > prompts.DefaultExplainBudget {
			t.Errorf("%s: prompt of %d tokens, over the budget of %d", p.log, p.prompt, prompts.DefaultExplainBudget)
		}
		prompt, naive = append(prompt, float64(p.prompt)), append(naive, float64(p.naive))
		data, tail = append(data, float64(p.data)), append(tail, float64(p.tailOnly))
		ratios = append(ratios, float64(p.naive)/float64(p.prompt))
		sumPrompt, sumNaive = sumPrompt+p.prompt, sumNaive+p.naive
		if p.lines >= 1000 {
			sumLongPrompt, sumLongNaive = sumLongPrompt+p.prompt, sumLongNaive+p.naive
		}
	}
	t.Logf("%d logs: prompt tokens median %.0f, max %.0f; data median %.0f, max %.0f", len(ps),
		median(prompt), slices.Max(prompt), median(data), slices.Max(data))
	t.Logf("instructions + last 1,000 lines: median %.0f, max %.0f; lines alone median %.0f, max %.0f",
		median(naive), slices.Max(naive), median(tail), slices.Max(tail))
	t.Logf("ratio last-1,000-lines prompt / our prompt: per log median %.2f×, max %.2f×; corpus total %.2f×; logs of 1,000+ lines %.2f×",
		median(ratios), slices.Max(ratios), float64(sumNaive)/float64(sumPrompt), float64(sumLongNaive)/max(1, float64(sumLongPrompt)))
	if sumLongPrompt > 0 && sumLongNaive < 5*sumLongPrompt {
		t.Errorf("on logs of 1,000+ lines the prompts take %d tokens against %d for the last 1,000 lines: less than 5× fewer",
			sumLongPrompt, sumLongNaive)
	}
}

func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	if n := len(s); n%2 == 1 {
		return s[n/2]
	} else {
		return (s[n/2-1] + s[n/2]) / 2
	}
}
