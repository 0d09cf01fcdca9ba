package settings

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"

	"github.com/prcoach/prcoach/handlers/ci"
)

// Limits on known failures.
const (
	maxKnownFailures = 100
	maxPatternLen    = 1000
	maxTextLen       = 2000
	// maxPatterns and maxPatternBytes bound all known failures together:
	// every pattern is compiled into the knowledge base each log is read
	// with, and aliases could repeat one long list many times.
	maxPatterns     = 200
	maxPatternBytes = 16 << 10
)

// knownCategories are the categories of the knowledge base (see
// handlers/ci/causes.yaml).
var knownCategories = []string{"compile", "test", "lint", "dependency", "timeout",
	"out-of-memory", "network", "infrastructure", "configuration", "unknown"}

var idRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)

// knownFailures checks the repository's known failures and builds the
// knowledge base they extend, so a mistake surfaces here, once, as the
// repository's own.
func knownFailures(list []failureFile, ps *problems) ([]ci.Cause, *ci.KnowledgeBase) {
	if len(list) > maxKnownFailures {
		ps.add("known_failures", "there are %d known failures; keep it to %d (one entry can list several patterns).", len(list), maxKnownFailures)
		return nil, nil
	}
	builtin := map[string]bool{}
	for _, c := range ci.Builtin().Causes() {
		builtin[c.ID] = true
	}
	before := len(ps.list)
	seen := map[string]string{}
	causes := make([]ci.Cause, 0, len(list))
	for i, f := range list {
		key := fmt.Sprintf("known_failures[%d]", i+1)
		c := knownFailure(f, i, key, ps)
		switch {
		case builtin[c.ID]:
			ps.add(key+".id", "%q is already the name of one of PR Coach's built-in failures; choose another id, such as %q.", c.ID, "our-"+c.ID)
		case seen[c.ID] != "":
			ps.add(key+".id", "%q is also the id of %s; give each known failure its own id.", c.ID, seen[c.ID])
		}
		seen[c.ID] = key
		causes = append(causes, c)
	}
	if len(ps.list) > before || !withinBudget(causes, ps) {
		return nil, nil
	}
	kb, err := ci.Builtin().With(causes)
	if err != nil {
		ps.add("known_failures", "these known failures cannot be used: %v.", err)
		return nil, nil
	}
	return causes, kb
}

// withinBudget checks the patterns of all known failures together.
func withinBudget(causes []ci.Cause, ps *problems) bool {
	n, size := 0, 0
	for _, c := range causes {
		n += len(c.Patterns)
		for _, p := range c.Patterns {
			size += len(p)
		}
	}
	if n > maxPatterns || size > maxPatternBytes {
		ps.add("known_failures", "the known failures hold %d patterns, %d KB in all; keep them to %d patterns and %d KB (one pattern can cover variants with \"|\", like \"reset by peer|broken pipe\").",
			n, (size+1023)>>10, maxPatterns, maxPatternBytes>>10)
		return false
	}
	return true
}

// knownFailure checks one entry and turns it into a cause.
func knownFailure(f failureFile, i int, key string, ps *problems) ci.Cause {
	c := ci.Cause{ID: strings.TrimSpace(f.ID), Title: strings.TrimSpace(f.Title),
		Explanation: strings.TrimSpace(f.Explanation), Flaky: f.Flaky,
		Infrastructure: f.Infrastructure, Category: strings.TrimSpace(f.Category), Role: "override"}
	if c.ID == "" {
		c.ID = fmt.Sprintf("repo-%d", i+1)
	} else if !idRE.MatchString(c.ID) {
		ps.add(key+".id", "%q is not a usable id: use lower-case letters, digits, \".\", \"_\" and \"-\", at most 64 characters, like \"flaky-redis\".", f.ID)
	}
	if c.Title == "" {
		c.Title = fmt.Sprintf("A known failure of this repository (%s)", c.ID)
	}
	c.Patterns = patterns(f, key, ps)
	switch {
	case c.Explanation == "":
		ps.add(key, "add an \"explanation\": a sentence or two, in your words, on what this failure means. It is what the PR's author reads.")
	case len(c.Explanation) > maxTextLen:
		ps.add(key+".explanation", "the explanation is %d characters; keep it under %d and link to longer docs.", len(c.Explanation), maxTextLen)
	}
	if len(c.Title) > 200 {
		ps.add(key+".title", "the title is %d characters; keep it under 200.", len(c.Title))
	}
	switch {
	case c.Category == "" && c.Infrastructure:
		c.Category = "infrastructure"
	case c.Category != "" && !contains(knownCategories, c.Category):
		ps.add(key+".category", "%q is not a category.%s Use one of: %s.", f.Category, suggest(c.Category, knownCategories), strings.Join(knownCategories, ", "))
	}
	c.NextSteps = texts(f.NextSteps, key+".next_steps", ps)
	c.Reproduce = texts(f.Reproduce, key+".reproduce", ps)
	return c
}

// patterns gathers and checks "pattern" and "patterns".
func patterns(f failureFile, key string, ps *problems) []string {
	type item struct{ key, text string }
	var items []item
	if f.Pattern != "" {
		items = append(items, item{key + ".pattern", f.Pattern})
	}
	for j, p := range f.Patterns {
		items = append(items, item{fmt.Sprintf("%s.patterns[%d]", key, j+1), p})
	}
	if len(items) == 0 {
		ps.add(key, "add a \"pattern\": a regular expression that matches a line of the failing log, like \"redis: connection reset by peer\".")
		return nil
	}
	if len(items) > maxListLen {
		ps.add(key+".patterns", "there are %d patterns; keep it to %d.", len(items), maxListLen)
		return nil
	}
	var out []string
	for _, it := range items {
		if msg := patternProblem(it.text); msg != "" {
			ps.add(it.key, "%s", msg)
			continue
		}
		out = append(out, it.text)
	}
	return out
}

// patternProblem says what is wrong with a log pattern, or "".
func patternProblem(p string) string {
	if strings.TrimSpace(p) == "" {
		return "the pattern is empty; write a regular expression that matches a line of the failing log."
	}
	if len(p) > maxPatternLen {
		return fmt.Sprintf("the pattern is %d characters; keep it under %d.", len(p), maxPatternLen)
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return fmt.Sprintf("%q is not a valid regular expression (%s). Patterns use Go's regular expression syntax; "+
			"to match one of . * + ? ( ) [ ] { } | ^ $ \\ literally, put a backslash before it.", p, regexpReason(err))
	}
	if re.MatchString("") {
		return fmt.Sprintf("%q matches every line, even an empty one; make it match only the text of this failure.", p)
	}
	return ""
}

// regexpReason keeps the useful part of a regexp error.
func regexpReason(err error) string {
	var e *syntax.Error
	if errors.As(err, &e) {
		return fmt.Sprintf("%s: `%s`", e.Code, e.Expr)
	}
	return strings.TrimPrefix(err.Error(), "error parsing regexp: ")
}

// texts checks a list of short texts such as next steps.
func texts(list []string, key string, ps *problems) []string {
	if len(list) > 20 {
		ps.add(key, "there are %d entries; keep it to 20.", len(list))
		return nil
	}
	var out []string
	for j, t := range list {
		t = strings.TrimSpace(t)
		switch {
		case t == "":
			ps.add(fmt.Sprintf("%s[%d]", key, j+1), "this entry is empty; remove it or write the step.")
		case len(t) > maxTextLen:
			ps.add(fmt.Sprintf("%s[%d]", key, j+1), "this entry is %d characters; keep it under %d.", len(t), maxTextLen)
		default:
			out = append(out, t)
		}
	}
	return out
}
