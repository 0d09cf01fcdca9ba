package safety

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
)

// readers wraps a source the ways a network body can behave.
var readers = []struct {
	name string
	wrap func(io.Reader) io.Reader
}{
	{"whole", func(r io.Reader) io.Reader { return r }},
	{"one byte", iotest.OneByteReader},
	{"half", iotest.HalfReader},
	{"data with error", iotest.DataErrReader},
	{"odd sizes", func(r io.Reader) io.Reader { return &oddReader{r: r} }},
}

// oddReader returns reads of 1, 7, 4093, 1, 7, 4093… bytes.
type oddReader struct {
	r io.Reader
	n int
}

func (o *oddReader) Read(p []byte) (int, error) {
	size := []int{1, 7, 4093}[o.n%3]
	o.n++
	return o.r.Read(p[:min(len(p), size)])
}

// readAll reads r with a 3-byte buffer, so the consumer side is odd too.
func readAll(t *testing.T, r io.Reader) string {
	t.Helper()
	var out bytes.Buffer
	buf := make([]byte, 3)
	for {
		n, err := r.Read(buf)
		out.Write(buf[:n])
		if errors.Is(err, io.EOF) {
			return out.String()
		}
		if err != nil {
			t.Fatalf("read: %v", err)
		}
	}
}

// bigLog joins the secret cases with filler so that some secrets and PEM
// blocks straddle the 64 KiB batches; it returns the log and every secret.
func bigLog(cases []secretCase) (string, []string) {
	var b strings.Builder
	var secrets []string
	for i, c := range cases {
		// Filler lines of varied length push each case to a new offset
		// relative to the batch size, several landing across a boundary.
		for b.Len()%batchSize < batchSize-200 && b.Len()/batchSize <= i/3 {
			fmt.Fprintf(&b, "2024-05-01T12:00:00.1234567Z step %d: ok %s\n", b.Len(), strings.Repeat("-", b.Len()%97))
		}
		b.WriteString(c.text + "\n")
		secrets = append(secrets, c.secrets...)
	}
	return b.String(), secrets
}

func TestReaderMatchesRedact(t *testing.T) {
	own := newOwnCreds()
	r := NewRedactor(own.list()...)
	log, secrets := bigLog(append(secretCases(), ownCases(own)...))
	want := r.Redact(log)
	assertRedacted(t, log, want, secrets)
	for _, rd := range readers {
		t.Run(rd.name, func(t *testing.T) {
			got := readAll(t, r.Reader(rd.wrap(strings.NewReader(log))))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Reader differs from Redact (-want +got):\n%s", diff)
			}
		})
	}
}

// TestReaderOverlongLine puts each secret across the point where a window of
// an overlong line is cut, and across a window's end.
func TestReaderOverlongLine(t *testing.T) {
	own := newOwnCreds()
	r := NewRedactor(own.list()...)
	cut := batchSize - overlap
	for _, c := range append(secretCases(), ownCases(own)...) {
		if strings.Contains(c.text, "\n") {
			continue
		}
		for _, at := range []int{cut - len(c.text)/2, cut - 1, batchSize - len(c.text)/2, batchSize - 3} {
			t.Run(fmt.Sprintf("%s at %d", c.name, at), func(t *testing.T) {
				filler := strings.Repeat("lorem ", (at+6)/6)[:at]
				line := filler + " " + c.text + " " + strings.Repeat("ipsum ", overlap/5) + "\nnext line\n"
				got := readAll(t, r.Reader(iotest.HalfReader(strings.NewReader(line))))
				assertRedacted(t, line, got, c.secrets)
				if diff := cmp.Diff(r.Redact(line), got); diff != "" {
					t.Errorf("Reader differs from Redact (-want +got):\n%s", diff)
				}
			})
		}
	}
}

func TestReaderTenMegabyteLine(t *testing.T) {
	r := NewRedactor()
	token := newFaker(3).s("ghp_", alnum, 36)
	var b strings.Builder
	tokens := 0
	for i := 0; b.Len() < 10<<20; i++ {
		b.WriteString("0123456789abcdef ")
		if i%50000 == 49999 {
			b.WriteString(token + " ")
			tokens++
		}
	}
	line := b.String() + "\nafter\n"
	rd := r.Reader(strings.NewReader(line))
	got := readAll(t, rd)
	assertRedacted(t, line, got, []string{token})
	if n := strings.Count(got, placeholderPrefix); n != tokens || !strings.HasSuffix(got, "\nafter\n") {
		t.Errorf("got %d placeholders for %d tokens (tail kept: %v)", n, tokens, strings.HasSuffix(got, "\nafter\n"))
	}
	// Memory stays bounded: the buffers never grew to hold the line.
	rr := rd.(*redactReader)
	if cap(rr.buf) > batchSize+readSize || cap(rr.out) > 4*batchSize {
		t.Errorf("buffers grew: in %d, out %d bytes", cap(rr.buf), cap(rr.out))
	}
}

func TestReaderPassesSourceError(t *testing.T) {
	boom := errors.New("boom")
	src := io.MultiReader(strings.NewReader("password=hunter22x\npartial"), iotest.ErrReader(boom))
	got, err := io.ReadAll(NewRedactor().Reader(src))
	if !errors.Is(err, boom) {
		t.Errorf("err = %v, want %v", err, boom)
	}
	if want := "password=[REDACTED:secret]\npartial"; string(got) != want {
		t.Errorf("data before the error = %q, want %q", got, want)
	}
}
