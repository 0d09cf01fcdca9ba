package settings

import (
	"fmt"
	"regexp"
	"strings"
)

// Limits on values, generous for real files and tight enough that a file
// cannot make the app slow.
const (
	maxRepliesPerPR = 100
	maxListLen      = 100
)

// allowNames are the explain.allow values: "author" (the PR's author), the
// lower-cased GitHub author associations worth naming, and "everyone".
var allowNames = []string{"author", "owner", "member", "collaborator", "contributor", "everyone"}

var languageRE = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// build checks every value of f and lays it over the defaults.
func build(f file, ps *problems) Settings {
	s := Default()
	if c := f.Checks; c != nil {
		s.checksIgnore = globs(c.Ignore, "checks.ignore", "check name", ps)
		s.checksOnly = globs(c.Only, "checks.only", "check name", ps)
	}
	if t := f.Tone; t != nil {
		buildTone(&s, t, ps)
	}
	if e := f.Explain; e != nil {
		buildExplain(&s, e, ps)
	}
	if f.Language != nil {
		s.language = language(*f.Language, ps)
	}
	if len(f.KnownFailures) > 0 {
		s.known, s.kb = knownFailures(f.KnownFailures, ps)
	}
	return s
}

func buildTone(s *Settings, t *toneFile, ps *problems) {
	if t.Mode != nil {
		switch m := strings.ToLower(strings.TrimSpace(*t.Mode)); m {
		case ToneReply, ToneOff:
			s.toneMode = m
		default:
			ps.add("tone.mode", "%q is not a tone mode. Use \"reply\" (suggest a gentler wording in the thread) or \"off\" (leave review comments alone).", *t.Mode)
		}
	}
	if t.Threshold != nil {
		if v := *t.Threshold; v > 0 && v <= 1 {
			s.threshold = v
		} else {
			ps.add("tone.threshold", "%v is outside the range: use a number above 0 and at most 1. Higher means fewer replies; the default is %v. To stop replies, set tone.mode to off.", v, s.threshold)
		}
	}
	s.toneIgnoreUsers = globs(t.IgnoreUsers, "tone.ignore_users", "login", ps)
	if t.MaxRepliesPerPR != nil {
		s.toneCap = replyCap(*t.MaxRepliesPerPR, "tone.max_replies_per_pr", ps)
	}
}

func buildExplain(s *Settings, e *explainFile, ps *problems) {
	if e.Allow != nil {
		allow := map[string]bool{}
		for i, a := range *e.Allow {
			key := fmt.Sprintf("explain.allow[%d]", i+1)
			name := strings.ToLower(strings.TrimSpace(a))
			if !contains(allowNames, name) {
				ps.add(key, "%q is not someone PR Coach can tell apart.%s Use any of: %s.", a, suggest(name, allowNames), strings.Join(allowNames, ", "))
				continue
			}
			allow[name] = true
		}
		s.explainAllow = allow
	}
	if e.MaxRepliesPerPR != nil {
		s.explainCap = replyCap(*e.MaxRepliesPerPR, "explain.max_replies_per_pr", ps)
	}
}

// globs compiles a list of name patterns.
func globs(patterns []string, key, what string, ps *problems) []glob {
	if len(patterns) > maxListLen {
		ps.add(key, "the list has %d entries; keep it to %d (a \"*\" in a pattern can cover many names at once).", len(patterns), maxListLen)
		return nil
	}
	var out []glob
	for i, p := range patterns {
		g, err := compileGlob(p)
		if err != nil {
			ps.add(fmt.Sprintf("%s[%d]", key, i+1), "%s. Write a %s or a pattern, where \"*\" stands for any run of characters, like \"codecov/*\".", err, what)
			continue
		}
		out = append(out, g)
	}
	return out
}

func replyCap(n int, key string, ps *problems) int {
	if n < 0 || n > maxRepliesPerPR {
		ps.add(key, "%d is outside the range: use a whole number from 0 to %d (0 means no replies).", n, maxRepliesPerPR)
		return 0
	}
	return n
}

func language(tag string, ps *problems) string {
	tag = strings.TrimSpace(tag)
	if !languageRE.MatchString(tag) {
		ps.add("language", "%q is not a language tag. Use a code such as \"en\", \"de\", \"es\" or \"pt-BR\".", tag)
		return DefaultLanguage
	}
	return strings.ToLower(tag)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
