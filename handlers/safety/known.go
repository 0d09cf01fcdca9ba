package safety

import "strings"

// maxKnown bounds how many secret values one text or stream remembers, so a
// log full of distinct secrets costs a bounded search per batch.
const maxKnown = 64

// redactState is what one Redact call or one Reader carries from batch to
// batch: an open PEM block and the secret values seen so far.
type redactState struct {
	pem   pemState
	known knownSecrets
}

// knownSecrets remembers the values the rules found, so that a later bare
// appearance of the same value (a token echoed without its "token=") is
// redacted too.
type knownSecrets struct {
	values []string
	kinds  []string
	// The values by their first two bytes, to look for all of them in one
	// pass; built for the first indexed values.
	pairs   *[1 << 16 / 64]uint64
	byPair  map[uint16][]int
	indexed int
	next    []int // per value, where its next appearance may start
}

// learn remembers the secret values of the rule spans in text that the
// rules would not find on their own (a password, unlike a GitHub token, is
// found only after "password="). Own credentials are already searched for
// literally; short values, values holding a placeholder and, when text is
// cut, values running to its end are not remembered.
func (k *knownSecrets) learn(r *Redactor, text string, spans []span, cut bool) {
	for _, s := range spans {
		if len(k.values) >= maxKnown {
			return
		}
		v := text[s.start:s.end]
		if (cut && s.end == len(text)) || s.kind == ownKind || len(v) < minOwnLen || strings.Contains(v, placeholderPrefix) ||
			strings.ContainsAny(v, "\r\n") || k.has(v) || r.findsBare(v) {
			continue
		}
		k.values = append(k.values, v)
		k.kinds = append(k.kinds, s.kind)
	}
}

// findsBare reports whether the rules find all of v when it stands alone.
func (r *Redactor) findsBare(v string) bool {
	lines := []int{0}
	hs, _ := r.index.scan(v, lines)
	for _, s := range r.ruleSpans(v, lines, hs, nil) {
		if s.start == 0 && s.end == len(v) {
			return true
		}
	}
	return false
}

// has reports whether v is remembered.
func (k *knownSecrets) has(v string) bool {
	for _, w := range k.values {
		if w == v {
			return true
		}
	}
	return false
}

// spans appends a span for every appearance in text of a remembered value:
// for each value, its leftmost appearances that do not overlap each other.
// Every value is at least minOwnLen bytes long, so each position of text
// is checked by its first two bytes for all values at once.
func (k *knownSecrets) spans(text string, spans []span) []span {
	if len(k.values) == 0 {
		return spans
	}
	k.index()
	for n := range k.next {
		k.next[n] = 0
	}
	pairs := k.pairs
	for i := 0; i+1 < len(text); i++ {
		p := uint16(text[i]) | uint16(text[i+1])<<8
		if pairs[p/64]&(1<<(p%64)) == 0 {
			continue
		}
		for _, n := range k.byPair[p] {
			if v := k.values[n]; i >= k.next[n] && strings.HasPrefix(text[i:], v) {
				spans = append(spans, span{i, i, i + len(v), k.kinds[n]})
				k.next[n] = i + len(v)
			}
		}
	}
	return spans
}

// Values are at least two bytes long: a pair indexes each.
const _ = uint(minOwnLen - 2)

// index adds the values remembered since the last call to the pair index.
func (k *knownSecrets) index() {
	if k.pairs == nil {
		k.pairs = new([1 << 16 / 64]uint64)
		k.byPair = map[uint16][]int{}
	}
	for ; k.indexed < len(k.values); k.indexed++ {
		v := k.values[k.indexed]
		p := uint16(v[0]) | uint16(v[1])<<8
		k.pairs[p/64] |= 1 << (p % 64)
		k.byPair[p] = append(k.byPair[p], k.indexed)
		k.next = append(k.next, 0)
	}
}
