package safety

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"
)

//go:generate go run -C ../../tools/gitleaksgen . -o ../../handlers/safety/gitleaks_table.go

// gitleaksSpec is one rule of gitleaks' default config, as generated into
// gitleaks_table.go from the gitleaks module pinned in tools/gitleaksgen.
type gitleaksSpec struct {
	id         string
	pattern    string
	group      int
	entropy    float64
	skipReport bool
	keywords   []string
	allow      []gitleaksAllow
}

// gitleaksAllow is one gitleaks allowlist. scoped lists also name commits
// or paths, which text here never has.
type gitleaksAllow struct {
	and       bool   // every given check must excuse the finding, else any one
	scoped    bool   // names commits or paths
	target    string // "match", "line" or "" for the secret
	regexes   []string
	stopWords []string // lower-case
}

// allowlist is a compiled gitleaksAllow.
type allowlist struct {
	gitleaksAllow
	re *regexp.Regexp // the regexes joined; nil without any
}

// gitleaksRules compiles gitleaks' default rules once per process into rules
// of this package.
//
// The rules run in this package's engine rather than through gitleaks'
// Detector.DetectString: that runs every rule whose keyword appears anywhere
// in a fragment over the whole fragment, and measured 1.4 MB/s on a CI log
// in 64 KiB fragments (2.2 MB/s on one 4 MB fragment full of "token=").
// Here a rule runs only on the lines holding its keyword, and a finding
// depends on its line alone, which keeps streaming and whole-text redaction
// identical. Entropy thresholds and allowlists are applied as gitleaks does;
// multi-part rules count on their primary pattern alone (stricter).
var gitleaksRules = sync.OnceValues(loadGitleaksRules)

// loadGitleaksRules builds the rules gitleaksRules shares.
func loadGitleaksRules() ([]rule, error) {
	global, err := compileAllowlists(gitleaksGlobal)
	if err != nil {
		return nil, err
	}
	var rules []rule
	for _, s := range gitleaksTable {
		if s.skipReport || len(s.keywords) == 0 || s.id == slowRule {
			continue // auxiliary rules say nothing about text on their own
		}
		re, err := newLazyRegexp(s.pattern)
		if err != nil {
			return nil, fmt.Errorf("compile gitleaks rule %s: %w", s.id, err)
		}
		own, err := compileAllowlists(s.allow)
		if err != nil {
			return nil, fmt.Errorf("gitleaks rule %s: %w", s.id, err)
		}
		kws := make([]string, len(s.keywords))
		for i, k := range s.keywords {
			kws[i] = strings.ToLower(k)
		}
		win, windowed := windowOf(s.pattern)
		rules = append(rules, rule{
			kind:     s.id,
			keywords: kws,
			re:       re,
			group:    s.group,
			firstSet: s.group == 0,
			valid:    gitleaksCheck(s.entropy, append(global[:len(global):len(global)], own...)),
			win:      win,
			windowed: windowed,
		})
		if !windowed {
			ru := &rules[len(rules)-1]
			ru.lead, ru.back = leadOf(s.pattern, kws)
		}
		rules[len(rules)-1].wordHits = windowed && sameWords(win.words, kws)
	}
	return rules, nil
}

// sameWords reports whether a and b hold the same strings.
func sameWords(a, b []string) bool {
	return !slices.ContainsFunc(a, func(w string) bool { return !slices.Contains(b, w) }) &&
		!slices.ContainsFunc(b, func(w string) bool { return !slices.Contains(a, w) })
}

// slowRule is left out: its pattern costs about 40 µs per 100-byte line in
// Go's regexp (its bounded repeats blow up the NFA), 185 ms of the 260 ms
// all rules took on a 2 MB CI log, and it fires on every line saying
// "token" or "key". The "secret" rule covers the same assignments.
const slowRule = "generic-api-key"

// compileAllowlists joins each list's regexes into one alternation.
func compileAllowlists(specs []gitleaksAllow) ([]allowlist, error) {
	lists := make([]allowlist, len(specs))
	for i, s := range specs {
		lists[i].gitleaksAllow = s
		if len(s.regexes) == 0 {
			continue
		}
		re, err := regexp.Compile("(?:" + strings.Join(s.regexes, ")|(?:") + ")")
		if err != nil {
			return nil, fmt.Errorf("compile allowlist: %w", err)
		}
		lists[i].re = re
	}
	return lists, nil
}

// gitleaksCheck returns the entropy and allowlist checks of one gitleaks rule.
func gitleaksCheck(minEntropy float64, lists []allowlist) func(candidate) bool {
	return func(c candidate) bool {
		if minEntropy != 0 && entropy(c.secret) <= minEntropy {
			return false
		}
		for i := range lists {
			if lists[i].excuses(c) {
				return false
			}
		}
		return true
	}
}

// excuses reports whether the allowlist excuses the candidate. There is no
// commit or path here, so an all-of list that requires one never applies.
func (a *allowlist) excuses(c candidate) bool {
	target := c.secret
	switch a.target {
	case "match":
		target = c.match
	case "line":
		target = c.line
	}
	byRegex := a.re != nil && target != "" && a.re.MatchString(target)
	byWord := a.hasStopWord(c.secret)
	if !a.and {
		return byRegex || byWord
	}
	if a.scoped {
		return false
	}
	return (len(a.regexes) == 0 || byRegex) && (len(a.stopWords) == 0 || byWord) &&
		(len(a.regexes) > 0 || len(a.stopWords) > 0)
}

// hasStopWord reports whether s holds one of the list's stop words, ignoring case.
func (a *allowlist) hasStopWord(s string) bool {
	if len(a.stopWords) == 0 || s == "" {
		return false
	}
	s = strings.ToLower(s)
	for _, w := range a.stopWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
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
