package safety

import (
	"math/rand/v2"
	"strings"
)

// Fake credentials are generated, not written out, so the test sources hold
// no token that a secret scanner (or a reader) would mistake for a real one.
const (
	alnum    = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	upper    = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	hex      = "0123456789abcdef"
	b64Chars = alnum + "+/"
	urlB64   = alnum + "-_"
)

// faker makes deterministic random strings.
type faker struct{ rng *rand.Rand }

func newFaker(seed uint64) *faker {
	return &faker{rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// s returns prefix followed by n characters drawn from alphabet.
func (f *faker) s(prefix, alphabet string, n int) string {
	var b strings.Builder
	b.WriteString(prefix)
	for range n {
		b.WriteByte(alphabet[f.rng.IntN(len(alphabet))])
	}
	return b.String()
}

// uuid returns a random lower-case UUID.
func (f *faker) uuid() string {
	return f.s("", hex, 8) + "-" + f.s("", hex, 4) + "-" + f.s("", hex, 4) + "-" + f.s("", hex, 4) + "-" + f.s("", hex, 12)
}

// pemBody returns n lines of 64 base64 characters, the body of a key.
func (f *faker) pemBody(n int) []string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = f.s("", b64Chars, 64)
	}
	return lines
}

// pem returns a complete PEM block of the given type with its body lines.
func (f *faker) pem(kind string, n int) (string, []string) {
	body := f.pemBody(n)
	return "-----BEGIN " + kind + "-----\n" + strings.Join(body, "\n") + "\n-----END " + kind + "-----", body
}

// secretLike returns a random secret-like value for the differential
// tests: one of lengths long, its bytes drawn from one of alphabets.
func secretLike(rnd *rand.Rand, alphabets []string, lengths []int) string {
	chars := alphabets[rnd.IntN(len(alphabets))]
	b := make([]byte, lengths[rnd.IntN(len(lengths))])
	for i := range b {
		b[i] = chars[rnd.IntN(len(chars))]
	}
	return string(b)
}
