package ci

import "regexp/syntax"

// prefixesOf returns strings one of which every match of the sequence
// starts with, and whether they compare ASCII case-insensitively (then they
// are lower-cased), or nil when some match may start otherwise.
func prefixesOf(subs []*syntax.Regexp) ([]string, bool) {
	set, _, fold := seqPrefixes(subs)
	for _, s := range set {
		if s == "" {
			return nil, false
		}
	}
	if fold {
		for i, s := range set {
			set[i] = lowerASCII(s)
		}
	}
	return set, fold
}

// seqPrefixes joins the prefixes of a sequence's parts while each part is
// matched exactly by its strings; exact reports whether the whole sequence
// is.
func seqPrefixes(subs []*syntax.Regexp) (set []string, exact, fold bool) {
	set = []string{""}
	for _, sub := range subs {
		strs, ex, f := nodePrefixes(sub)
		if len(strs)*len(set) > maxPrefixes {
			return set, false, fold
		}
		next := make([]string, 0, len(strs)*len(set))
		for _, a := range set {
			for _, b := range strs {
				next = append(next, a+b)
			}
		}
		set, fold = next, fold || f
		if !ex {
			return set, false, fold
		}
	}
	return set, true, fold
}

// nodePrefixes returns prefixes of one node's matches, whether the node
// matches exactly those strings, and whether they fold case.
func nodePrefixes(re *syntax.Regexp) (set []string, exact, fold bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase == 0 {
			return []string{string(re.Rune)}, true, false
		}
		for i, r := range re.Rune {
			if !foldSafe(r) {
				return []string{string(re.Rune[:i])}, false, true
			}
		}
		return []string{string(re.Rune)}, true, true
	case syntax.OpCapture:
		return nodePrefixes(re.Sub[0])
	case syntax.OpConcat:
		return seqPrefixes(re.Sub)
	case syntax.OpAlternate:
		exact = true
		for _, sub := range re.Sub {
			strs, ex, f := nodePrefixes(sub)
			set = append(set, strs...)
			exact, fold = exact && ex, fold || f
		}
		return set, exact, fold
	}
	return []string{""}, false, false
}

// lowerASCII lower-cases ASCII letters only, leaving other bytes as they are.
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// equalFold reports whether b equals the lower-cased s with ASCII letters
// of b compared case-insensitively.
func equalFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}
