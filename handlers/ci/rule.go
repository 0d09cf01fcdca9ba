package ci

import (
	"bytes"
	"errors"
	"fmt"
	"math/bits"
	"regexp"
)

// compile checks a cause's fields and compiles its patterns.
func compile(c *Cause) (rule, error) {
	var r rule
	ro, ok := roleNames[c.Role]
	if !ok {
		return r, fmt.Errorf("unknown role %q", c.Role)
	}
	r.role = ro
	if !followNames[c.Follow] {
		return r, fmt.Errorf("unknown follow %q", c.Follow)
	}
	if len(c.Patterns) == 0 {
		return r, errors.New("no patterns")
	}
	if c.Before < 0 || c.After < 0 || c.Before > 20 || c.After > 40 {
		return r, errors.New("before must be 0..20 and after 0..40")
	}
	for _, p := range c.Patterns {
		re, err := regexp.Compile(p)
		if err != nil {
			return r, fmt.Errorf("pattern %q: %w", p, err)
		}
		r.pats = append(r.pats, re)
		r.lits = append(r.lits, requiredLiterals(p))
	}
	var err error
	if r.until, err = optional(c.Until); err != nil {
		return r, fmt.Errorf("until: %w", err)
	}
	if r.stop, err = optional(c.Stop); err != nil {
		return r, fmt.Errorf("stop: %w", err)
	}
	return r, nil
}

func optional(p string) (*regexp.Regexp, error) {
	if p == "" {
		return nil, nil
	}
	return regexp.Compile(p)
}

// classify returns the index of the first cause whose pattern matches the
// cleaned line, with its named groups, or -1. Every pattern is considered,
// as for a line inside an open excerpt.
func (kb *KnowledgeBase) classify(text string) (int, map[string]string) {
	return kb.classifyLine([]byte(text), true, nil, kb.sc.scratch())
}

// classifyLine is classify on a cleaned line's bytes. Only the patterns
// the screen lets through run; see screen.candidates for open and gate.
func (kb *KnowledgeBase) classifyLine(text []byte, open bool, gate func() bool, ls *lineScratch) (int, map[string]string) {
	body := matchBody(text)
	return kb.classifyBody(body, kb.sc.found.find(body, ls), open, gate, ls)
}

// classifyBody is classifyLine on the text after matchBody; lits says
// whether ls.found lists the literals found in it.
func (kb *KnowledgeBase) classifyBody(body []byte, lits, open bool, gate func() bool, ls *lineScratch) (int, map[string]string) {
	if !kb.sc.candidates(body, lits, open, gate, ls) {
		return -1, nil
	}
	if kb.repoPats > 0 {
		if i, vars, ok := kb.tryRepo(body, ls); ok {
			return i, vars
		}
	}
	return kb.tryRange(body, ls, kb.repoPats, len(kb.sc.pats))
}

// tryRange tries the candidate patterns numbered from..to-1 in order and
// returns the rule of the first that matches, with its named groups.
func (kb *KnowledgeBase) tryRange(body []byte, ls *lineScratch, from, to int) (int, map[string]string) {
	for w := from / 64; w < len(ls.cand) && w*64 < to; w++ {
		set := ls.cand[w]
		if lo := from - w*64; lo > 0 {
			set &^= 1<<lo - 1
		}
		if hi := to - w*64; hi < 64 {
			set &= 1<<hi - 1
		}
		for set != 0 {
			p := &kb.sc.pats[w*64+bits.TrailingZeros64(set)]
			set &= set - 1
			re := kb.rules[p.rule].pats[p.index]
			if re.Match(body) {
				return int(p.rule), namedGroups(re, body)
			}
		}
	}
	return -1, nil
}

// namedGroups returns the non-empty named groups of re's match in b.
func namedGroups(re *regexp.Regexp, b []byte) map[string]string {
	m := re.FindSubmatch(b)
	vars := map[string]string{}
	for j, name := range re.SubexpNames() {
		if name != "" && j < len(m) && len(m[j]) > 0 {
			vars[name] = string(m[j])
		}
	}
	return vars
}

// matchBody drops prefixes some CI systems put before a tool's own output:
// BuildKit's "#12 3.456 ", a Jenkins timestamper's "[2024-…] " and a time
// of day ("10:00:01 ", see dropStamp).
func matchBody(s []byte) []byte {
	if len(s) > 8 && isDigit(s[0]) && (s[1] == ':' || s[2] == ':') {
		return dropStamp(s)
	}
	if len(s) > 0 && s[0] == '#' {
		i := 1
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if i > 1 && i < len(s) && s[i] == ' ' {
			j := i + 1
			for j < len(s) && (isDigit(s[j]) || s[j] == '.') {
				j++
			}
			if j > i+1 && j < len(s) && s[j] == ' ' {
				return s[j+1:]
			}
		}
	}
	if bytes.HasPrefix(s, []byte("[20")) {
		if k := bytes.Index(s, []byte("] ")); k > 0 && k < 40 {
			return s[k+2:]
		}
	}
	return s
}
