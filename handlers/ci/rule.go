package ci

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
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

// match tries the rule on a cleaned line and its lower-cased form. It
// returns the named groups of the first matching pattern.
func (r *rule) match(text, lower string) (map[string]string, bool) {
	for i, re := range r.pats {
		if lits := r.lits[i]; lits != nil && !containsAny(lower, lits) {
			continue
		}
		m := re.FindStringSubmatch(text)
		if m == nil {
			continue
		}
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

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// classify returns the index of the first cause matching the cleaned line,
// with its named groups, or -1.
func (kb *KnowledgeBase) classify(text string) (int, map[string]string) {
	body := matchBody(text)
	lower := strings.ToLower(body)
	for i := range kb.rules {
		if vars, ok := kb.rules[i].match(body, lower); ok {
			return i, vars
		}
	}
	return -1, nil
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
