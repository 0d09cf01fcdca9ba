package prompts

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// quote makes untrusted text safe inside a data section: valid UTF-8, line
// breaks as "\n", tabs kept, other control and invisible format characters
// (such as bidirectional overrides) dropped, and no run of three '<' or '>'
// left, so the text can never form or close a <<<DATA>>> delimiter: a space
// breaks every such run ("<<<<" becomes "<< <<").
func quote(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	run, last := 0, rune(0)
	for _, r := range s {
		switch {
		case r == '\r':
			r = '\n'
		case r != '\n' && r != '\t' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r)):
			continue
		}
		if (r == '<' || r == '>') && r == last {
			run++
		} else {
			run = 1
		}
		if run == 3 {
			b.WriteByte(' ')
			run = 1
		}
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

// oneLine quotes s as a single line of at most n runes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(quote(s)), " ")
	return clip(s, n)
}

// textLines quotes s and splits it into lines of at most maxLineRunes,
// keeping at most the first maxTextRunes in all and dropping trailing blank
// lines.
func textLines(s string) []string { return splitLines(clip(s, maxTextRunes), maxLineRunes) }

// tailLines is textLines keeping the last maxTextRunes: the end of a diff
// hunk is the line a review comment is on.
func tailLines(s string) []string {
	if n := utf8.RuneCountInString(s); n > maxTextRunes {
		r := []rune(s)
		s = "…" + string(r[n-maxTextRunes+1:])
	}
	return splitLines(s, maxLineRunes)
}

// splitLines quotes s and splits it into lines, each cut to maxLine runes
// when maxLine > 0.
func splitLines(s string, maxLine int) []string {
	s = strings.TrimRight(quote(s), " \t\n")
	if strings.TrimSpace(s) == "" {
		return nil
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
		if maxLine > 0 {
			lines[i] = clip(lines[i], maxLine)
		}
	}
	return lines
}

// clip cuts s to at most n runes, marking a cut with "…".
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i, count := 0, 0
	for i = range s {
		if count == n-1 {
			break
		}
		count++
	}
	return s[:i] + "…"
}

// EstimateTokens approximates the tokens a BPE tokenizer such as OpenAI's
// cl100k_base makes of s, erring high: a run of ASCII letters counts one
// token per 5 letters (rounded up), other letters one each, a run of digits
// one per 3, a single space nothing (BPE joins it to the next word), a
// longer run of spaces or tabs one, and a run of one punctuation or other
// character one per 4. Over the 56 CI logs in testdata/logs it counts
// between 0.97 and 1.72 times what cl100k_base counts (1.13 times in all).
func EstimateTokens(s string) int {
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		j := i + size
		switch {
		case r < utf8.RuneSelf && unicode.IsLetter(r):
			j = runEnd(s, j, func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' })
			n += (j - i + 4) / 5
		case r < utf8.RuneSelf && unicode.IsDigit(r):
			j = runEnd(s, j, func(c byte) bool { return c >= '0' && c <= '9' })
			n += (j - i + 2) / 3
		case r == ' ' || r == '\t':
			j = runEnd(s, j, func(c byte) bool { return c == ' ' || c == '\t' })
			if j-i > 1 {
				n++
			}
		case r < utf8.RuneSelf:
			c := s[i]
			j = runEnd(s, j, func(b byte) bool { return b == c })
			n += (j - i + 3) / 4
		default:
			n++
		}
		i = j
	}
	return n
}

// runEnd returns the end of the run of bytes from j on that in accepts.
func runEnd(s string, j int, in func(byte) bool) int {
	for j < len(s) && in(s[j]) {
		j++
	}
	return j
}
