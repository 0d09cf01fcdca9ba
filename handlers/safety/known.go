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

// spans appends a span for every appearance in text of a remembered value.
func (k *knownSecrets) spans(text string, spans []span) []span {
	for n, v := range k.values {
		for at := 0; ; {
			i := strings.Index(text[at:], v)
			if i < 0 {
				break
			}
			at += i
			spans = append(spans, span{at, at, at + len(v), k.kinds[n]})
			at += len(v)
		}
	}
	return spans
}
