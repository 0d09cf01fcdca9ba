package tone

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sentences splits prose into sentences: at line breaks, and after a run of
// '.', '!' or '?' that is followed by a space and a character that is not a
// lower-case letter ("e.g. this" stays whole). "No. 3" is an abbreviation,
// not a sentence. Each sentence keeps its closing punctuation.
func sentences(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		out = append(out, splitLine(line)...)
	}
	return out
}

func splitLine(line string) []string {
	var out []string
	start := 0
	for i := 0; i < len(line); {
		if !isTerminator(line[i]) {
			i++
			continue
		}
		j := i
		for j < len(line) && isTerminator(line[j]) {
			j++
		}
		if j == len(line) || (line[j] == ' ' && startsSentence(line[j:]) && !numberAbbrev(line[start:j], line[j:])) {
			if t := strings.TrimSpace(line[start:j]); t != "" {
				out = append(out, t)
			}
			start = j
		}
		i = j
	}
	if t := strings.TrimSpace(line[start:]); t != "" {
		out = append(out, t)
	}
	return out
}

func isTerminator(c byte) bool { return c == '.' || c == '!' || c == '?' }

// startsSentence reports whether the text after a terminator begins a new
// sentence: its first non-space character is not a lower-case letter.
func startsSentence(rest string) bool {
	rest = strings.TrimLeft(rest, " ")
	if rest == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return !unicode.IsLower(r)
}

// numberAbbrev reports "No. 3": "no." right before a digit.
func numberAbbrev(before, rest string) bool {
	rest = strings.TrimLeft(rest, " ")
	if rest == "" || rest[0] < '0' || rest[0] > '9' {
		return false
	}
	t := strings.ToLower(strings.TrimSpace(before))
	return t == "no." || strings.HasSuffix(t, " no.")
}

// words returns the letter-and-apostrophe words of s, lower-cased.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\''
	})
}
