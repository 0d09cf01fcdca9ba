package feedback

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzSignatureOf checks what holds for any line: no panic, valid UTF-8 of
// at most MaxSignatureLen characters on one line without control
// characters, the same answer twice, and an ID exactly when there is a
// text. The table's lines are the seeds. (A signature's own text need not
// normalise to itself: the rules run once, in order.)
func FuzzSignatureOf(f *testing.F) {
	for _, tc := range signatureCases {
		for _, run := range tc.runs {
			f.Add(run)
		}
	}
	f.Fuzz(func(t *testing.T, line string) {
		s := SignatureOf(line)
		if !utf8.ValidString(s.Text) || utf8.RuneCountInString(s.Text) > MaxSignatureLen || strings.ContainsAny(s.Text, "\r\n") {
			t.Fatalf("SignatureOf(%q).Text = %q: not one valid line of at most %d characters", line, s.Text, MaxSignatureLen)
		}
		if SignatureOf(line) != s {
			t.Fatalf("SignatureOf(%q) is not stable", line)
		}
		if s.IsZero() != (s.ID == "") || (s.ID != "" && len(s.ID) != 16) {
			t.Errorf("SignatureOf(%q) = %+v: ID and text disagree", line, s)
		}
		if strings.ContainsFunc(s.Text, unicode.IsControl) {
			t.Errorf("SignatureOf(%q) = %q keeps a control character", line, s.Text)
		}
	})
}
