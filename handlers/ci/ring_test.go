package ci

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// excerptTexts returns the excerpts' text only, so logs with different
// line numbers compare.
func excerptTexts(a Analysis) []string {
	var out []string
	for _, e := range a.Excerpts {
		out = append(out, e.Text)
	}
	return out
}

// holdsText reports whether one excerpt's text contains want.
func holdsText(ex []Excerpt, want string) bool {
	for _, e := range ex {
		if strings.Contains(e.Text, want) {
			return true
		}
	}
	return false
}

// The context lines before a match come from the ring, which borrows the
// reader's buffer; they must survive the buffer being refilled and moved
// however the refill boundary falls among them.
func TestContextAcrossBufferRefills(t *testing.T) {
	tail := "=== RUN   TestX\n    x_test.go:3: context one\n    x_test.go:4: context two\n" +
		"--- FAIL: TestX (0.00s)\n    x_test.go:9: got 1, want 2\nFAIL\tpkg\t0.1s\n"
	// The excerpts may add lines around it; the failure with its context
	// must be in one of them, byte for byte.
	want := strings.TrimSuffix(tail[:strings.Index(tail, "FAIL\t")], "\n")
	step := 3
	if raceEnabled {
		step = 29 // the race detector makes each pass slow
	}
	for pad := 0; pad < 240; pad += step {
		var b strings.Builder
		for n := 0; b.Len() < readBufSize-200+pad; n++ {
			fmt.Fprintf(&b, "filler %d\n", n)
		}
		b.WriteString(tail)
		at := b.Len() - len(tail)
		for n := 0; b.Len() < 2*readBufSize+pad; n++ {
			fmt.Fprintf(&b, "more %d\n", n) // so that the refill overwrites the buffer
		}
		a, err := Analyze(strings.NewReader(b.String()), nil)
		if err != nil {
			t.Fatal(err)
		}
		if !holdsText(a.Excerpts, want) {
			t.Errorf("failure at byte %d: no excerpt holds\n%s\ngot %q", at, want, excerptTexts(a))
		}
	}
}

// Lines longer than the buffer are kept in the reader's spill storage,
// which the next long line reuses.
func TestContextOfLongLines(t *testing.T) {
	long1 := "first " + strings.Repeat("a", readBufSize+10)
	long2 := "second " + strings.Repeat("b", readBufSize+10)
	log := "ok\n" + long1 + "\n" + long2 + "\n--- FAIL: TestX (0.00s)\n    x_test.go:9: boom\n"
	a, err := Analyze(strings.NewReader(log), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{strings.Join([]string{"ok", cleanLine([]byte(long1[:ringLineMax])),
		cleanLine([]byte(long2[:ringLineMax])), "--- FAIL: TestX (0.00s)", "    x_test.go:9: boom"}, "\n")}
	if diff := cmp.Diff(want, excerptTexts(a)); diff != "" {
		t.Errorf("excerpts (-want +got):\n%s", diff)
	}
}
