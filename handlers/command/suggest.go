package command

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/prcoach/prcoach/handlers/typo"
)

// Suggest returns the known check name that name most likely meant, for a
// "did you mean" reply; ok is false when there is no single good guess. The
// tiers, first hit wins:
//
//  1. equal after normalising: case, runs of whitespace, and surrounding
//     punctuation or quotes ("Test  (Ubuntu-Latest)." → "test (ubuntu-latest)");
//  2. the one closest name within a small edit distance, counting a swap of
//     neighbours as one edit: 1 for names of 3–9 characters, 2 for 10–14,
//     3 from 15 ("tets (ubuntu-latest)" → "test (ubuntu-latest)");
//  3. the one name that name (3 characters or more) begins, or appears in as
//     whole words, or that appears in name as whole words ("lint" →
//     "golangci-lint", "build" → "ci/jenkins: build").
//
// Two different names tied in a tier mean no guess: a wrong guess is worse
// than none.
func Suggest(name string, known []string) (string, bool) {
	want := normalize(name)
	if want == "" || utf8.RuneCountInString(want) > MaxNameLen {
		return "", false
	}
	norm := make([]string, len(known))
	for i, k := range known {
		norm[i] = normalize(k)
	}
	if s, ok := unique(known, norm, func(k string) bool { return k == want }); ok {
		return s, true
	}
	if s, ok := closest(want, known, norm); ok {
		return s, true
	}
	return unique(known, norm, func(k string) bool { return overlaps(k, want) })
}

// normalize folds case, collapses whitespace and trims surrounding
// punctuation and quotes.
func normalize(s string) string {
	s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
	return strings.Trim(s, ".,;:!? \"'`“”‘’")
}

// unique returns the one known name whose normalised form matches; several
// different names matching is no answer.
func unique(known, norm []string, match func(string) bool) (string, bool) {
	found := ""
	for i, k := range norm {
		if k == "" || !match(k) {
			continue
		}
		if found != "" && found != known[i] {
			return "", false
		}
		found = known[i]
	}
	return found, found != ""
}

// maxEdits is how many edits a name of n characters may be away from the
// name it meant.
func maxEdits(n int) int {
	if n < 3 {
		return 0
	}
	return min(3, max(1, n/5))
}

// closest returns the one known name nearest to want within maxEdits.
func closest(want string, known, norm []string) (string, bool) {
	w := []rune(want)
	limit := maxEdits(len(w))
	best, bestDist, tied := "", limit+1, false
	for i, k := range norm {
		kr := []rune(k)
		if k == "" || abs(len(kr)-len(w)) > limit {
			continue
		}
		d := typo.Distance(w, kr)
		switch {
		case d < bestDist:
			best, bestDist, tied = known[i], d, false
		case d == bestDist && known[i] != best:
			tied = true
		}
	}
	return best, best != "" && !tied
}

// overlaps reports whether known begins with want, or either contains the
// other as whole words; the shorter side needs 3 characters or more.
func overlaps(known, want string) bool {
	if utf8.RuneCountInString(want) >= 3 && (strings.HasPrefix(known, want) || containsWords(known, want)) {
		return true
	}
	return utf8.RuneCountInString(known) >= 3 && containsWords(want, known)
}

// containsWords reports whether sub occurs in s with a word boundary (start,
// end, or a character that is neither letter nor digit) on both sides.
func containsWords(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); {
		j := strings.Index(s[i:], sub)
		if j < 0 {
			return false
		}
		j += i
		before, _ := utf8.DecodeLastRuneInString(s[:j])
		after, _ := utf8.DecodeRuneInString(s[j+len(sub):])
		if (j == 0 || !isWordRune(before)) && (j+len(sub) == len(s) || !isWordRune(after)) {
			return true
		}
		_, size := utf8.DecodeRuneInString(s[j:])
		i = j + size
	}
	return false
}

// isWordRune reports whether r belongs inside a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// abs returns |n|.
func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
