package safety

import (
	"cmp"
	"slices"
	"sort"

	ahocorasick "github.com/BobuSumisu/aho-corasick"
)

// keywordIndex maps the lower-case keywords of the rules to the rules, so a
// rule's regexp runs only on the lines that hold one of its keywords. One
// Aho-Corasick pass finds all keywords (there are about 300 with gitleaks'
// rules, too many to search for one by one).
type keywordIndex struct {
	words []string
	rules [][]int // rules[i] are the rules of words[i]
	trie  *ahocorasick.Trie
}

// hit asks to run one rule on one line.
type hit struct{ rule, line int }

// newKeywordIndex indexes the keywords of rules.
func newKeywordIndex(rules []rule) keywordIndex {
	var k keywordIndex
	pos := map[string]int{}
	for ri, r := range rules {
		for _, w := range r.keywords {
			i, ok := pos[w]
			if !ok {
				i = len(k.words)
				pos[w] = i
				k.words = append(k.words, w)
				k.rules = append(k.rules, nil)
			}
			k.rules[i] = append(k.rules[i], ri)
		}
	}
	k.trie = ahocorasick.NewTrieBuilder().AddStrings(k.words).Build()
	return k
}

// hits returns, sorted and without duplicates, the (rule, line) pairs whose
// keyword occurs in text; lines holds the start offset of every line.
func (k keywordIndex) hits(text string, lines []int) []hit {
	lastLine := make([]int, len(k.words))
	for i := range lastLine {
		lastLine[i] = -1
	}
	var hs []hit
	line := 0
	k.trie.Walk(asciiLower(text), func(end, n, pattern int64) bool {
		pos := int(end - n + 1)
		if line+1 < len(lines) && pos >= lines[line+1] {
			line = sort.SearchInts(lines, pos+1) - 1
		}
		if lastLine[pattern] == line {
			return true
		}
		lastLine[pattern] = line
		for _, ri := range k.rules[pattern] {
			hs = append(hs, hit{ri, line})
		}
		return true
	})
	slices.SortFunc(hs, func(a, b hit) int {
		return cmp.Or(cmp.Compare(a.rule, b.rule), cmp.Compare(a.line, b.line))
	})
	return slices.Compact(hs)
}

// asciiLower returns s with ASCII letters lower-cased, so offsets stay the
// same.
func asciiLower(s string) []byte {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return b
}
