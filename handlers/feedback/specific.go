package feedback

import (
	"regexp"
	"strings"
)

// placeholderRE matches the placeholders SignatureOf writes.
var placeholderRE = regexp.MustCompile(`<(?:n|hex|tmp|tmpname|dur|time|date|uuid|addr|src)>`)

// genericWords report that something failed without saying what: a
// signature made only of them ("3 failing", "There were 2 failures:",
// "Process completed with exit code 1.", npm's ELIFECYCLE, make's "Error
// 2") would lump unrelated failures together.
var genericWords = toSet(`error errors err fail failed failing failure failures fatal
	there were was is are has have been be not no any all
	test tests testing total passed pass passing skipped pending run runs ran running
	build builds building exit exited exiting code status process completed
	with the of in on at and or for to from by see above below details log
	line lines npm make command returned non zero nonzero script step job
	elapsed time seconds some one more info warning warn summary result results
	assertion assertions examples example specs spec suite suites ok done
	elifecycle makefile`)

// toSet makes a set of the words in s.
func toSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// Specific reports whether the signature names a particular failure
// rather than only reporting one: some word of three letters or more in it
// is not a generic word of failure, tests or exit codes. History is kept
// only for specific signatures.
func (s Signature) Specific() bool {
	t := strings.ToLower(placeholderRE.ReplaceAllString(s.Text, " "))
	words := strings.FieldsFunc(t, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r > 127)
	})
	for _, w := range words {
		if len(w) >= 3 && !genericWords[w] {
			return true
		}
	}
	return false
}
