package ci

import (
	_ "embed"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"
)

// Cause is one known kind of failure: the patterns that recognise it, how it
// is shown, and what to do about it. Patterns are Go regular expressions
// matched against cleaned lines (no timestamps, no ANSI); named groups such
// as (?P<test>…), (?P<package>…) or (?P<file>…) fill the {test}, {package}
// and {file} placeholders of Title and Reproduce.
type Cause struct {
	ID             string   `yaml:"id" json:"id"`
	Category       string   `yaml:"category" json:"category"`
	Ecosystem      string   `yaml:"ecosystem,omitempty" json:"ecosystem,omitempty"`
	Title          string   `yaml:"title" json:"title"`
	Explanation    string   `yaml:"explanation" json:"explanation"`
	NextSteps      []string `yaml:"next_steps,omitempty" json:"next_steps,omitempty"`
	Flaky          bool     `yaml:"flaky,omitempty" json:"flaky,omitempty"`
	Infrastructure bool     `yaml:"infrastructure,omitempty" json:"infrastructure,omitempty"`
	// Setup marks a cause of the CI set-up (a secret, a token's permission,
	// a tool or script the runner lacks) that fails the same way whatever
	// the change: the verdict leaves it unplaced rather than blame the change.
	Setup bool `yaml:"setup,omitempty" json:"setup,omitempty"`
	// Unplaced marks a cause whose log cannot tell the change from what
	// it did not touch: a dependency's own code or install script failed,
	// which a change to the dependencies can cause and a broken release or
	// an old package manager can too.
	Unplaced bool     `yaml:"unplaced,omitempty" json:"unplaced,omitempty"`
	Patterns []string `yaml:"patterns" json:"patterns"`
	// Role says how a match counts: "root" (a first error worth showing),
	// "override" (explains the failure wherever it appears: lost runner,
	// out of memory, a repository's own known failure), "detail" (adds
	// facts inside another match's lines, never shown alone), "generic"
	// (fallback when no root matched) or "cascade" (a consequence, such as
	// an exit code, shown only when nothing better exists).
	Role string `yaml:"role,omitempty" json:"role,omitempty"`
	// Weight ranks causes matched inside the same excerpt: the heaviest
	// names the failure (default 1).
	Weight int `yaml:"weight,omitempty" json:"weight,omitempty"`
	// Before and After bound the context lines shown around a match.
	Before int `yaml:"before,omitempty" json:"before,omitempty"`
	After  int `yaml:"after,omitempty" json:"after,omitempty"`
	// Follow says which of the After lines belong to the match: "lines"
	// (all), "indented" (while indented or blank), "traceback" (indented,
	// then the first unindented line) or "nonblank" (until a blank line).
	Follow string `yaml:"follow,omitempty" json:"follow,omitempty"`
	// Until ends the lines after a match with the first line it matches
	// (inclusive); Stop ends them before the first line it matches.
	Until string `yaml:"until,omitempty" json:"until,omitempty"`
	Stop  string `yaml:"stop,omitempty" json:"stop,omitempty"`
	// Below marks a cause whose match only introduces what explains it:
	// a report of another program's output that follows it at length
	// (Cargo's "failed to run custom build command" over the build
	// script's --- stderr). The window then holds the step's last output
	// rather than the match.
	Below bool `yaml:"below,omitempty" json:"below,omitempty"`
	// Reproduce holds command templates; the first whose placeholders are
	// all known is used. {command} is the failing step's own command.
	// When the log shows no step command, a (?P<rerun>…) group, the
	// command a tool printed to re-run what failed, is offered instead.
	Reproduce []string `yaml:"reproduce,omitempty" json:"reproduce,omitempty"`
	// Examples are lines the patterns must match (checked by tests).
	Examples []string `yaml:"examples,omitempty" json:"-"`
}

// KnowledgeBase is an ordered, compiled set of causes. The first cause whose
// pattern matches a line names that line.
type KnowledgeBase struct {
	causes []Cause
	rules  []rule
	// pf tells lines that look like errors: they have a base gram or a
	// window of one of the rules' literals.
	pf *prefilter
	sc *screen
	// repoPats counts the repository's own patterns, which come first;
	// repoBudget is the time they may take on one log.
	repoPats   int
	repoBudget time.Duration
}

// rule is the compiled form of a Cause.
type rule struct {
	pats        []*regexp.Regexp
	lits        [][]string // per pattern: lower-cased any-of literals, nil = none
	until, stop *regexp.Regexp
	role        role
}

type role int

const (
	roleRoot role = iota
	roleOverride
	roleDetail
	roleGeneric
	roleCascade
)

var roleNames = map[string]role{"": roleRoot, "root": roleRoot, "override": roleOverride,
	"detail": roleDetail, "generic": roleGeneric, "cascade": roleCascade}

var followNames = map[string]bool{"": true, "lines": true, "indented": true, "traceback": true, "nonblank": true}

//go:embed causes.yaml
var causesYAML []byte

var builtin = sync.OnceValue(func() *KnowledgeBase {
	var doc struct {
		Causes []Cause `yaml:"causes"`
	}
	dec := yaml.NewDecoder(strings.NewReader(string(causesYAML)))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		panic(fmt.Sprintf("ci: embedded causes.yaml: %v", err))
	}
	kb, err := build(doc.Causes)
	if err != nil {
		panic(fmt.Sprintf("ci: embedded causes.yaml: %v", err))
	}
	return kb
})

// Builtin returns the knowledge base embedded in the binary, parsed once.
// It panics only if the embedded data is broken, which its tests rule out.
func Builtin() *KnowledgeBase { return builtin() }

// Causes returns a copy of the knowledge base's causes in match order.
func (kb *KnowledgeBase) Causes() []Cause { return append([]Cause(nil), kb.causes...) }

// With returns a knowledge base with a repository's own known failures
// placed before kb's causes, so they win. A cause without Role becomes an
// "override", without Category "unknown", without ID "repo-N". A bad or
// missing pattern is an error naming the entry. Patterns are tried on every
// line that has one of their literal parts of four bytes or more; a pattern
// without such a literal is tried only on lines that look like errors.
func (kb *KnowledgeBase) With(extra []Cause) (*KnowledgeBase, error) {
	all := make([]Cause, 0, len(extra)+len(kb.causes))
	for i, c := range extra {
		if c.ID == "" {
			c.ID = fmt.Sprintf("repo-%d", i+1)
		}
		if c.Role == "" {
			c.Role = "override"
		}
		if c.Category == "" {
			c.Category = "unknown"
		}
		if c.After == 0 && c.Follow == "" {
			c.After, c.Follow = 5, "nonblank"
		}
		all = append(all, c)
	}
	out, err := build(append(all, kb.causes...))
	if err != nil {
		return nil, err
	}
	for _, c := range extra {
		out.repoPats += len(c.Patterns)
	}
	out.repoBudget = RepoPatternBudget
	return out, nil
}

// build validates and compiles causes into a knowledge base.
func build(causes []Cause) (*KnowledgeBase, error) {
	kb := &KnowledgeBase{causes: causes, rules: make([]rule, len(causes))}
	var errs []error
	seen := map[string]bool{}
	for i := range causes {
		c := &causes[i]
		if seen[c.ID] {
			errs = append(errs, fmt.Errorf("cause %q: duplicate id", c.ID))
		}
		seen[c.ID] = true
		r, err := compile(c)
		if err != nil {
			errs = append(errs, fmt.Errorf("cause %q: %w", c.ID, err))
		}
		kb.rules[i] = r
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	kb.pf = newPrefilter(kb.grams())
	patterns := make([][]string, len(causes))
	for i := range causes {
		patterns[i] = causes[i].Patterns
	}
	kb.sc = newScreen(kb.rules, patterns)
	return kb, nil
}

// grams returns the base grams plus one for each literal they miss.
func (kb *KnowledgeBase) grams() []string {
	grams := append([]string(nil), baseGrams...)
	have := map[uint32]bool{}
	for _, g := range grams {
		have[gram32(g)] = true
	}
	for _, r := range kb.rules {
		for _, lits := range r.lits {
			for _, l := range lits {
				if g := gramFor(l, have); g != "" {
					grams = append(grams, g)
					have[gram32(g)] = true
				}
			}
		}
	}
	return grams
}
