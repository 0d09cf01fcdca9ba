package settings

import (
	"errors"
	"regexp"
	"strings"
)

// maxGlobLen bounds a name pattern; check names and logins are short.
const maxGlobLen = 200

// glob is a compiled name pattern: "*" matches any run of characters
// (slashes and spaces included, since check names such as "CI / test" hold
// them) and "?" exactly one; everything else, brackets included, stands
// for itself, so "dependabot[bot]" means that login. Matching ignores case.
type glob struct {
	text string
	re   *regexp.Regexp
}

// compileGlob compiles pattern, or says in plain words why it cannot.
func compileGlob(pattern string) (glob, error) {
	switch {
	case strings.TrimSpace(pattern) == "":
		return glob{}, errors.New("the pattern is empty")
	case len(pattern) > maxGlobLen:
		return glob{}, errors.New("the pattern is longer than 200 characters")
	}
	var b strings.Builder
	b.WriteString(`(?is)\A`)
	for _, r := range pattern {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString(`\z`)
	re, err := regexp.Compile(b.String())
	if err != nil {
		return glob{}, errors.New("the pattern cannot be read")
	}
	return glob{text: pattern, re: re}, nil
}

// match reports whether name matches the pattern.
func (g glob) match(name string) bool { return g.re != nil && g.re.MatchString(name) }

// anyMatch reports whether name matches any of gs.
func anyMatch(gs []glob, name string) bool {
	for _, g := range gs {
		if g.match(name) {
			return true
		}
	}
	return false
}
