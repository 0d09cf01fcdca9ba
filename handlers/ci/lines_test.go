package ci

import (
	"bytes"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
)

// splitRef is the reference line splitter: "\r\n", "\r" and "\n" end a
// line; a final separator does not start another one.
func splitRef(s string) []string {
	var out []string
	cur := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n':
			out = append(out, s[cur:i])
			cur = i + 1
		case '\r':
			out = append(out, s[cur:i])
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			cur = i + 1
		}
	}
	if cur < len(s) {
		out = append(out, s[cur:])
	}
	return out
}

// readAll collects lines from a lineReader with the given buffer size.
func readAll(r io.Reader, size int) ([]string, error) {
	lr := newLineReader(r, size)
	var got []string
	for {
		line, _, ok := lr.next()
		if !ok {
			return got, lr.err
		}
		got = append(got, string(line))
	}
}

func TestLineReader(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"one line without newline", "a", []string{"a"}},
		{"trailing newline adds no line", "a\n", []string{"a"}},
		{"blank lines count", "\n\n", []string{"", ""}},
		{"crlf is one separator", "a\r\nb\r\n", []string{"a", "b"}},
		{"lone cr splits progress", "10%\r50%\r100%\n", []string{"10%", "50%", "100%"}},
		{"cr then lf across lines", "a\r\r\nb", []string{"a", "", "b"}},
		{"mixed", "x\ny\r\nz\rw", []string{"x", "y", "z", "w"}},
	}
	for _, tt := range tests {
		for _, size := range []int{1, 2, 3, 7, readBufSize} {
			got, err := readAll(strings.NewReader(tt.in), size)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s, buffer %d (-want +got):\n%s", tt.name, size, diff)
			}
		}
	}
}

// A line longer than the buffer is kept as a MaxLineKept prefix, and the
// lines after it keep their numbers.
func TestLineReaderLongLine(t *testing.T) {
	long := strings.Repeat("x", 3*MaxLineKept+5)
	in := "first\n" + long + "\r\nlast"
	lr := newLineReader(iotest.OneByteReader(strings.NewReader(in)), 64)
	var lens []int
	var truncs []bool
	for {
		line, trunc, ok := lr.next()
		if !ok {
			break
		}
		lens = append(lens, len(line))
		truncs = append(truncs, trunc)
	}
	if diff := cmp.Diff([]int{5, MaxLineKept, 4}, lens); diff != "" {
		t.Errorf("line lengths (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]bool{false, true, false}, truncs); diff != "" {
		t.Errorf("truncated (-want +got):\n%s", diff)
	}
}

func TestLineReaderError(t *testing.T) {
	r := io.MultiReader(strings.NewReader("a\nb"), iotest.ErrReader(io.ErrUnexpectedEOF))
	got, err := readAll(r, 16)
	if err != io.ErrUnexpectedEOF {
		t.Errorf("err = %v, want %v", err, io.ErrUnexpectedEOF)
	}
	if diff := cmp.Diff([]string{"a", "b"}, got); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
}

// FuzzLineReader checks the streaming splitter against the reference one
// for small buffers (lines must fit: they are below MaxLineKept here).
func FuzzLineReader(f *testing.F) {
	for _, s := range []string{"", "a\nb", "a\r\nb\r", "\r\n\r\n", "x\ry\rz\n", "\x1b[31merror\x1b[0m\r\n"} {
		f.Add(s, uint8(3))
	}
	f.Fuzz(func(t *testing.T, in string, size uint8) {
		if len(in) > MaxLineKept {
			return
		}
		got, err := readAll(strings.NewReader(in), int(size%64)+1)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(splitRef(in), got); diff != "" {
			t.Fatalf("lines of %q (-want +got):\n%s", in, diff)
		}
	})
}

// FuzzAnalyze checks that any input is analysed without panicking and that
// every excerpt names real lines in order.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"--- FAIL: TestX (0.00s)\n    x_test.go:3: boom\nFAIL\tpkg\t0.1s\n",
		"2024-05-01T10:00:00.1234567Z ##[group]Run go test\r\n##[error]Process completed with exit code 1.",
		"Traceback (most recent call last):\n  File \"a.py\", line 1\nValueError: x",
		"\x1b]8;;http://x\x07link\x1b\\ error: \x1b[",
		"____ test_a ____\n\nE   assert 1\na.py:1: AssertionError",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		a, err := Analyze(strings.NewReader(in), nil)
		if err != nil {
			t.Fatal(err)
		}
		if want := len(splitRef(in)); a.Lines != want {
			t.Fatalf("Lines = %d, want %d", a.Lines, want)
		}
		last := 0
		for _, e := range a.Excerpts {
			if e.StartLine <= last || e.EndLine < e.StartLine || e.EndLine > a.Lines {
				t.Fatalf("bad excerpt %d-%d after %d of %d lines", e.StartLine, e.EndLine, last, a.Lines)
			}
			if n := strings.Count(e.Text, "\n") + 1; n != e.EndLine-e.StartLine+1 {
				t.Fatalf("excerpt %d-%d has %d text lines", e.StartLine, e.EndLine, n)
			}
			last = e.EndLine
		}
	})
}

func TestCleanLine(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"actions timestamp", "2024-05-01T10:00:00.1234567Z hello", "hello"},
		{"ansi colours", "\x1b[1m\x1b[31mFAIL\x1b[39m\x1b[22m x", "FAIL x"},
		{"osc link", "\x1b]8;;https://x\x07text\x1b]8;;\x07", "text"},
		{"not a timestamp", "2024-05-01 something", "2024-05-01 something"},
		{"control bytes", "a\x00b\tc", "ab\tc"},
		{"jenkins timestamper", "[2024-05-01T10:00:00.123Z] error: cannot find symbol", "error: cannot find symbol"},
		{"time of day", "10:00:09 [ERROR] Failed to execute goal", "[ERROR] Failed to execute goal"},
		{"gitlab stream mark", "2024-05-01T10:00:00.123456Z 01E npm ERR! code E404", "npm ERR! code E404"},
		{"gitlab continued line", "2024-05-01T10:00:00.123456Z 00O+ rest of it", "rest of it"},
		{"buildkite timestamp", "\x1b_bk;t=1712345678901\x07FAIL src/a.test.js", "FAIL src/a.test.js"},
		{"a time inside the text stays", "took 10:00:09 in all", "took 10:00:09 in all"},
	}
	for _, tt := range tests {
		if got := cleanLine([]byte(tt.in)); got != tt.want {
			t.Errorf("%s: cleanLine(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
	if got := cleanLine(bytes.Repeat([]byte("é"), 500)); len(got) > maxText+4 {
		t.Errorf("long line kept %d bytes", len(got))
	}
}

// TestSevenDigits checks the one-load digit test against allDigits on every
// byte value at every place and on runs of digits.
func TestSevenDigits(t *testing.T) {
	b := []byte("12345678")
	for i := range 7 {
		for c := range 256 {
			b[i] = byte(c)
			if got, want := sevenDigits(b), allDigits(b[:7]); got != want {
				t.Fatalf("sevenDigits(%q) = %v, want %v", b, got, want)
			}
		}
		b[i] = '0' + byte(i)
	}
	for c := range 256 {
		b[7] = byte(c) // the eighth byte is not looked at
		if !sevenDigits(b) {
			t.Fatalf("sevenDigits(%q) = false", b)
		}
	}
}

// TestStripANSIByRuns checks that copying runs of printable bytes strips
// a line as dropping its bytes one by one does, on random lines of escape
// sequences, control bytes, tabs and text.
func TestStripANSIByRuns(t *testing.T) {
	byByte := func(b []byte) []byte {
		var dst []byte
		for i := 0; i < len(b); i++ {
			c := b[i]
			if c != 0x1b {
				if c >= 0x20 || c == '\t' {
					dst = append(dst, c)
				}
				continue
			}
			i = skipEscape(b, i)
		}
		return dst
	}
	rnd := rand.New(rand.NewPCG(6, 1))
	parts := []string{"\x1b[31m", "\x1b[0K", "\x1b]0;title\x07", "\x1b]8;;u\x1b\\", "\x1b", "\x1b[", "\r", "\x00", "\t", "ok", " ", "é", "\x7f", "[", "m"}
	for range 5000 {
		var b []byte
		for range rnd.IntN(12) {
			b = append(b, parts[rnd.IntN(len(parts))]...)
		}
		if got, want := appendStripANSI(nil, b), byByte(b); !bytes.Equal(got, want) {
			t.Fatalf("appendStripANSI(%q) = %q, want %q", b, got, want)
		}
	}
}
