package safety

import (
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
)

// Most of gitleaks' rules share one shape: up to N name characters, one
// of a few words, then an assignment and the secret, as in
// `(?i)[\w.-]{0,50}?(?:travis)(?:[ \t\w.-]{0,20})…`. Every match of such a
// rule holds one of the words, at most N bytes after the match's start, so
// on a line of ASCII (where the regexp's case folding cannot reach beyond
// ASCII either) no match starts more than N bytes before the words' first
// place or after their last, and none is longer than the pattern allows;
// a line without the words has no match. Running the regexp on that
// stretch of the line alone finds the same matches as running it on the
// whole line, much faster: a Travis log says "travis" and a test log
// "test_" (lob-api-key's keyword; its word is "lob") on most lines.
var windowShape = regexp.MustCompile(`^\(\?i\)\[\\w\.-\]\{0,([0-9]+)\}\?\(\?:([a-z0-9_-]+(?:\|[a-z0-9_-]+)*)\)`)

// window is where a rule of that shape may match on an ASCII line.
type window struct {
	words  []string // lower case; every match holds one
	before int      // the most bytes a match starts before its word
	length int      // the longest match, in bytes on ASCII text; -1 unbounded
	// tail is the pattern from its words on, anchored: a match holds a
	// word at which tail matches, so a word where it does not (a Travis
	// log's "travis_fold:start", a Scala build's "com.twitter:util-core")
	// cannot be the one a match holds. Trying it there is a single
	// anchored attempt, far cheaper than the rule's search of the stretch.
	tail *lazyRegexp
	// assigns is set when the words are followed in the pattern by
	// gitleaks' assignment (see assignShape), which the tail's first
	// bytes are checked for before the tail runs.
	assigns bool
}

// assignShape is the assignment gitleaks' generated rules put after their
// words: up to 20 name or blank bytes, up to 3 blanks or quotes, then an
// operator. None of the operators' first bytes is a name, blank or quote
// byte, so after a word the first byte of another kind is the operator's
// and lies at most 23 bytes further on.
const assignShape = `(?:[ \t\w.-]{0,20})[\s'"]{0,3}(?:=|>|:{1,3}=|\|\||:|=>|\?=|,)`

// assignGap is the most name, blank and quote bytes assignShape allows
// before its operator.
const assignGap = 20 + 3

// mayAssign reports whether rest (the line after a word, ASCII) may start
// with assignShape: its first byte that is not a name, blank or quote byte
// comes within assignGap bytes and is an operator's first byte.
func mayAssign(rest string) bool {
	for i := 0; i < len(rest) && i <= assignGap; i++ {
		switch c := rest[i]; {
		case c == '=' || c == '>' || c == ':' || c == '|' || c == '?' || c == ',':
			return true
		case !assignByte[c]:
			return false
		}
	}
	return false
}

// assignByte holds the bytes of [ \t\w.-] and [\s'"] (ASCII).
var assignByte = func() (set [256]bool) {
	for c := range 256 {
		set[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			strings.IndexByte("_.- \t\n\f\r'\"", byte(c)) >= 0
	}
	return set
}()

// windowOf returns the window of a rule with pattern, or false when the
// pattern does not have the shape.
func windowOf(pattern string) (window, bool) {
	m := windowShape.FindStringSubmatch(pattern)
	if m == nil || topLevelAlternation(pattern) {
		return window{}, false
	}
	before, err := strconv.Atoi(m[1])
	if err != nil {
		return window{}, false
	}
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return window{}, false
	}
	// The flag (?i) leads the pattern and so covers all of it; the tail
	// keeps it.
	words := len(m[0]) - len("(?:"+m[2]+")")
	tail, err := newLazyRegexp(`(?i)^` + pattern[words:])
	if err != nil {
		return window{}, false
	}
	return window{words: strings.Split(m[2], "|"), before: before, length: maxRunes(re), tail: tail,
		assigns: strings.HasPrefix(pattern[len(m[0]):], assignShape)}, true
}

// topLevelAlternation reports whether pattern has a '|' outside every
// group and class, which would let a match skip the words.
func topLevelAlternation(pattern string) bool {
	depth, inClass := 0, false
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; {
		case c == '\\':
			i++
		case inClass:
			inClass = c != ']'
		case c == '[':
			inClass = true
			if i+1 < len(pattern) && pattern[i+1] == '^' {
				i++
			}
			if i+1 < len(pattern) && pattern[i+1] == ']' {
				i++ // a leading ']' is a member, not the end
			}
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == '|' && depth == 0:
			return true
		}
	}
	return false
}

// maxRunes returns the most runes a match of re can hold, or -1 when
// there is no bound.
func maxRunes(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		return len(re.Rune)
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1
	case syntax.OpCapture, syntax.OpQuest:
		return maxRunes(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		return -1
	case syntax.OpRepeat:
		n := maxRunes(re.Sub[0])
		if re.Max < 0 || n < 0 {
			return -1
		}
		return re.Max * n
	case syntax.OpConcat, syntax.OpAlternate:
		total := 0
		for _, sub := range re.Sub {
			n := maxRunes(sub)
			if n < 0 {
				return -1
			}
			if re.Op == syntax.OpConcat {
				total += n
			} else {
				total = max(total, n)
			}
		}
		return total
	default: // empty matches and assertions
		return 0
	}
}

// stretch returns the part of line, from from to to, where the rule's
// matches can be; from == to when there can be none. ok is false when the
// whole line must be searched. at, when not nil, lists where the words
// are in line (the rule's keyword hits, when its keywords are its words);
// else they are looked for.
func (w window) stretch(line string, at []int) (from, to int, ok bool) {
	for i := 0; i < len(line); i++ {
		if line[i] >= 0x80 {
			return 0, len(line), false
		}
	}
	first, last := -1, -1
	consider := func(i int, word string) {
		if w.assigns && !mayAssign(line[i+len(word):]) || w.tail != nil && !w.tail.get().MatchString(line[i:]) {
			return
		}
		if first < 0 || i < first {
			first = i
		}
		last = max(last, i)
	}
	if at != nil {
		for _, i := range at {
			for _, word := range w.words {
				if len(line)-i >= len(word) && strings.EqualFold(line[i:i+len(word)], word) {
					consider(i, word)
				}
			}
		}
	} else {
		lower := foldASCII(line)
		for _, word := range w.words {
			for from := 0; from < len(lower); {
				i := strings.Index(lower[from:], word)
				if i < 0 {
					break
				}
				i += from
				from = i + 1
				consider(i, word)
			}
		}
	}
	if first < 0 {
		return 0, 0, true
	}
	from = max(0, first-w.before)
	to = len(line)
	if w.length >= 0 {
		// A match starts at or before the last word and is at most
		// length long; one byte more keeps the regexp's look at the byte
		// after a match (\b, $) as it is on the whole line.
		to = min(to, last+w.length+1)
	}
	return from, to, true
}
