package ci

import (
	"fmt"
	"io"
	"strings"
)

// maxSignatures caps how many distinct error lines Signatures keeps.
const maxSignatures = 20000

// Signatures reads a (passing) log in one streaming pass and returns the
// normalised form (see Normalize) of its lines that look like errors, at
// most 20,000 of them. Pass the result to KnownIn for Evidence.KnownBefore.
func Signatures(r io.Reader) (map[string]bool, error) {
	kb := Builtin()
	lr := newLineReader(r, readBufSize)
	sigs := map[string]bool{}
	for len(sigs) < maxSignatures {
		line, _, ok := lr.next()
		if !ok {
			break
		}
		if kb.pf.hit(stripTimestamp(line)) {
			sigs[Normalize(cleanLine(line))] = true
		}
	}
	if lr.err != nil {
		return sigs, fmt.Errorf("read log: %w", lr.err)
	}
	return sigs, nil
}

// KnownIn returns a KnownBefore function over signatures.
func KnownIn(sigs map[string]bool) func(line string) bool {
	return func(line string) bool { return sigs[Normalize(line)] }
}

// Normalize reduces an error line to what stays the same between runs:
// no timestamps or ANSI, digit runs as "0", long hex runs as "#", runs of
// spaces as one, at most 200 bytes.
func Normalize(line string) string {
	t := cleanLine([]byte(line))
	var b strings.Builder
	for i := 0; i < len(t) && b.Len() < 200; {
		c := t[i]
		switch {
		case isDigit(c):
			for i < len(t) && isDigit(t[i]) {
				i++
			}
			b.WriteByte('0')
		case isHex(c) && hexRun(t[i:]) >= 8:
			i += hexRun(t[i:])
			b.WriteByte('#')
		case c == ' ' || c == '\t':
			for i < len(t) && (t[i] == ' ' || t[i] == '\t') {
				i++
			}
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
			i++
		}
	}
	return strings.TrimSpace(b.String())
}

func isHex(c byte) bool { return isDigit(c) || (c >= 'a' && c <= 'f') }

func hexRun(s string) int {
	n := 0
	for n < len(s) && isHex(s[n]) {
		n++
	}
	return n
}
