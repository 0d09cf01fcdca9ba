package safety

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"
)

// gitleaksRules loads gitleaks' default config once per process (building
// it parses about 220 rules and goes through viper's global instance, which
// must not happen concurrently) and turns its rules into rules of this
// package.
//
// The rules run in this package's engine rather than through
// Detector.DetectString: that runs every rule whose keyword appears anywhere
// in a fragment over the whole fragment, and measured 1.4 MB/s on a CI log
// in 64 KiB fragments (2.2 MB/s on one 4 MB fragment full of "token=").
// Here a rule runs only on the lines holding its keyword, and a finding
// depends on its line alone, which keeps streaming and whole-text redaction
// identical. Entropy thresholds and allowlists are applied as gitleaks does;
// multi-part rules count on their primary pattern alone (stricter).
var gitleaksRules = sync.OnceValues(func() ([]rule, error) {
	d, err := detect.NewDetectorDefaultConfig()
	if err != nil {
		return nil, fmt.Errorf("load gitleaks default config: %w", err)
	}
	ids := make([]string, 0, len(d.Config.Rules))
	for id := range d.Config.Rules {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var rules []rule
	for _, id := range ids {
		gr := d.Config.Rules[id]
		if gr.Regex == nil || gr.SkipReport || len(gr.Keywords) == 0 || id == slowRule {
			continue // path-only and auxiliary rules say nothing about text
		}
		kws := make([]string, len(gr.Keywords))
		for i, k := range gr.Keywords {
			kws[i] = strings.ToLower(k)
		}
		rules = append(rules, rule{
			kind:     gr.RuleID,
			keywords: kws,
			re:       gr.Regex,
			group:    gr.SecretGroup,
			firstSet: gr.SecretGroup == 0,
			valid:    gitleaksCheck(gr, d.Config.Allowlists),
		})
	}
	return rules, nil
})

// slowRule is left out: its pattern costs about 40 µs per 100-byte line in
// Go's regexp (its bounded repeats blow up the NFA), 185 ms of the 260 ms
// all rules took on a 2 MB CI log, and it fires on every line saying
// "token" or "key". The "secret" rule covers the same assignments.
const slowRule = "generic-api-key"

// gitleaksCheck returns the entropy and allowlist checks of one gitleaks rule.
func gitleaksCheck(gr config.Rule, global []*config.Allowlist) func(candidate) bool {
	lists := append(slices.Clip(global), gr.Allowlists...)
	return func(c candidate) bool {
		if gr.Entropy != 0 && entropy(c.secret) <= gr.Entropy {
			return false
		}
		for _, a := range lists {
			if allowed(a, c) {
				return false
			}
		}
		return true
	}
}

// allowed reports whether an allowlist excuses the candidate. There is no
// commit or path here, so a list that requires one never applies.
func allowed(a *config.Allowlist, c candidate) bool {
	target := c.secret
	switch a.RegexTarget {
	case "match":
		target = c.match
	case "line":
		target = c.line
	}
	byRegex := a.RegexAllowed(target)
	byWord, _ := a.ContainsStopWord(c.secret)
	if a.MatchCondition != config.AllowlistMatchAnd {
		return byRegex || byWord
	}
	if len(a.Commits) > 0 || len(a.Paths) > 0 {
		return false
	}
	return (len(a.Regexes) == 0 || byRegex) && (len(a.StopWords) == 0 || byWord) &&
		(len(a.Regexes) > 0 || len(a.StopWords) > 0)
}

// entropy is the Shannon entropy of s in bits per byte.
func entropy(s string) float64 {
	if s == "" {
		return 0
	}
	var counts [256]int
	for i := 0; i < len(s); i++ {
		counts[s[i]]++
	}
	var h float64
	for _, n := range counts {
		if n > 0 {
			p := float64(n) / float64(len(s))
			h -= p * math.Log2(p)
		}
	}
	return h
}
