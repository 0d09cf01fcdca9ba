package ci

import (
	"errors"
	"fmt"
	"math/bits"
	"regexp"
	"strings"
)

func bitsTrailingZeros(x uint64) int { return bits.TrailingZeros64(x) }

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
		r.first = append(r.first, firstBytes(p))
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

// match tries the rule's patterns on a cleaned line and returns the named
// groups of the first that matches.
// lower is the line lower-cased, made on first use; a pattern runs only if
// one of its required literals occurs there.
func (r *rule) match(text string, lower func() string) (map[string]string, bool) {
	for k, re := range r.pats {
		if f := r.first[k]; f != nil && (text == "" || !f[text[0]]) {
			continue
		}
		if lits := r.lits[k]; lits != nil && !containsAny(lower(), lits) {
			continue
		}
		if !re.MatchString(text) {
			continue
		}
		m := re.FindStringSubmatch(text)
		vars := map[string]string{}
		for j, name := range re.SubexpNames() {
			if name != "" && j < len(m) && m[j] != "" {
				vars[name] = m[j]
			}
		}
		return vars, true
	}
	return nil, false
}

// classify returns the index of the first cause matching the cleaned line,
// with its named groups, or -1. Only rules whose literal parts occur in
// the line (found through the prefilter's grams) run their expressions.
func (kb *KnowledgeBase) classify(text string) (int, map[string]string) {
	body := matchBody(text)
	low := ""
	lower := func() string {
		if low == "" {
			low = strings.ToLower(body)
		}
		return low
	}
	cand := make([]uint64, (len(kb.rules)+63)/64)
	for _, i := range kb.anywhere {
		cand[i/64] |= 1 << (i % 64)
	}
	kb.ix.each(body, func(g int32) {
		for _, i := range kb.byGram[g] {
			cand[i/64] |= 1 << (i % 64)
		}
	})
	for w, bits := range cand {
		for bits != 0 {
			i := w*64 + bitsTrailingZeros(bits)
			bits &= bits - 1
			if vars, ok := kb.rules[i].match(body, lower); ok {
				return i, vars
			}
		}
	}
	return -1, nil
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// matchBody drops prefixes some CI systems put before a tool's own output:
// BuildKit's "#12 3.456 " and a Jenkins timestamper's "[2024-…] ".
func matchBody(s string) string {
	if strings.HasPrefix(s, "#") {
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
	if strings.HasPrefix(s, "[20") {
		if k := strings.Index(s, "] "); k > 0 && k < 40 {
			return s[k+2:]
		}
	}
	return s
}
