package safety

import (
	"cmp"
	"slices"
	"strings"
)

// placeholderPrefix starts every placeholder; Placeholder gives the whole.
const placeholderPrefix = "[REDACTED"

// Placeholder is the text that replaces a secret of the given kind.
func Placeholder(kind string) string { return placeholderPrefix + ":" + kind + "]" }

// span is a secret's byte range in a text and its kind. from is where the
// whole match began, context included (the "password=" before a password):
// the streaming reader never cuts between from and end.
type span struct {
	from, start, end int
	kind             string
}

// normalize sorts spans, cuts out placeholders already in text (so redacting
// twice changes nothing) and merges overlapping or touching spans; a merged
// span keeps the kind of its first part.
func normalize(text string, spans []span) []span {
	if len(spans) == 0 {
		return nil
	}
	slices.SortFunc(spans, func(a, b span) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end), strings.Compare(a.kind, b.kind))
	})
	spans = subtract(spans, placeholders(text))
	merged := spans[:0]
	for _, s := range spans {
		if n := len(merged); n > 0 && s.start <= merged[n-1].end {
			merged[n-1].end = max(merged[n-1].end, s.end)
			merged[n-1].from = min(merged[n-1].from, s.from)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// placeholders returns the ranges of placeholders in text, in order.
func placeholders(text string) [][2]int {
	var out [][2]int
	for at := 0; ; {
		i := strings.Index(text[at:], placeholderPrefix)
		if i < 0 {
			return out
		}
		start := at + i
		end := start + len(placeholderPrefix)
		if end < len(text) && text[end] == ':' {
			end++
			for end < len(text) && isKindByte(text[end]) {
				end++
			}
		}
		at = end
		if end < len(text) && text[end] == ']' {
			out = append(out, [2]int{start, end + 1})
			at = end + 1
		}
	}
}

// isKindByte reports whether c may appear in a placeholder's kind.
func isKindByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c >= 'A' && c <= 'Z'
}

// subtract removes the ranges holes (sorted, disjoint) from sorted spans,
// splitting spans where needed.
func subtract(spans []span, holes [][2]int) []span {
	if len(holes) == 0 {
		return spans
	}
	var out []span
	for _, s := range spans {
		for _, h := range holes {
			if h[1] <= s.start || h[0] >= s.end {
				continue
			}
			if h[0] > s.start {
				out = append(out, span{s.from, s.start, h[0], s.kind})
			}
			s.start = h[1]
			if s.start >= s.end {
				break
			}
		}
		if s.start < s.end {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	return out
}

// writeRedacted appends text to dst with each span replaced by its
// placeholder. Line breaks inside a span are kept, so the line count never
// changes.
func writeRedacted(dst []byte, text string, spans []span) []byte {
	at := 0
	for _, s := range spans {
		dst = append(dst, text[at:s.start]...)
		dst = appendPlaceholder(dst, text[s.start:s.end], s.kind)
		at = s.end
	}
	return append(dst, text[at:]...)
}

// appendPlaceholder appends one placeholder per line segment of secret,
// keeping the '\r' and '\n' bytes between segments.
func appendPlaceholder(dst []byte, secret, kind string) []byte {
	p := Placeholder(kind)
	for {
		i := strings.IndexAny(secret, "\r\n")
		if i < 0 {
			if secret != "" {
				dst = append(dst, p...)
			}
			return dst
		}
		if i > 0 {
			dst = append(dst, p...)
		}
		dst = append(dst, secret[i])
		secret = secret[i+1:]
	}
}

// splitLines returns the start offset of every line of text; lines end
// after '\n'.
func splitLines(text string) []int {
	starts := []int{0}
	for i := 0; ; {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 || i+j+1 == len(text) {
			return starts
		}
		i += j + 1
		starts = append(starts, i)
	}
}

// lineAt returns line n of text without its '\n'.
func lineAt(text string, lines []int, n int) string {
	end := len(text)
	if n+1 < len(lines) {
		end = lines[n+1]
	}
	return strings.TrimSuffix(text[lines[n]:end], "\n")
}
