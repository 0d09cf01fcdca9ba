package safety

import (
	"strings"
	"testing"
	"testing/iotest"
)

func FuzzRedact(f *testing.F) {
	own := newOwnCreds()
	for _, c := range append(secretCases(), ownCases(own)...) {
		f.Add(c.text)
	}
	f.Add("password=[REDACTED:x]abc\r\n-----BEGIN RSA PRIVATE KEY-----\rAAAA\n")
	r := NewRedactor(own.list()...)
	f.Fuzz(func(t *testing.T, in string) {
		once := r.Redact(in)
		if a, b := lineBreaks(in), lineBreaks(once); a != b {
			t.Fatalf("line breaks %d -> %d: %q -> %q", a, b, in, once)
		}
		if twice := r.Redact(once); twice != once {
			t.Fatalf("not idempotent: %q -> %q -> %q", in, once, twice)
		}
		streamed := readAll(t, r.Reader(iotest.HalfReader(strings.NewReader(in))))
		if streamed != once {
			t.Fatalf("Reader %q != Redact %q", streamed, once)
		}
	})
}

func FuzzSanitize(f *testing.F) {
	for _, in := range injections {
		f.Add(in, 0)
	}
	f.Add("```\n"+strings.Repeat("@x <b>\n", 40)+"```\n<details>\n"+strings.Repeat("fixes #1 ", 40), 300)
	f.Fuzz(func(t *testing.T, in string, maxLen int) {
		p := testPolicy
		p.MaxLen = 200 + (maxLen%5000+5000)%5000
		once := Sanitize(in, p)
		if v := contractViolations(once, p); len(v) > 0 {
			t.Fatalf("Sanitize(%q) = %q breaks the contract: %v", in, once, v)
		}
		// Idempotent unless cut: a cut can leave a backtick of a code span
		// spanning lines unpaired, which the second pass escapes.
		if twice := Sanitize(once, p); twice != once && !strings.HasSuffix(once, shortenedNote) {
			t.Fatalf("not idempotent: %q -> %q -> %q", in, once, twice)
		}
	})
}
