package ci

import (
	"fmt"
	"io"
	"strconv"
)

// noiseLines are the shapes of a long passing Go job on GitHub Actions,
// including lines that mention errors without being failures.
var noiseLines = []string{
	"go: downloading github.com/acme/dep%d v1.2.3",
	"=== RUN   TestHandler/case_%d",
	"--- PASS: TestHandler/case_%d (0.00s)",
	"    handler_test.go:%d: request served in 3ms",
	"=== RUN   TestErrorWrapping_%d",
	"--- PASS: TestErrorWrapping_%d (0.01s)",
	"ok  \tgithub.com/acme/widget/pkg%d\t0.123s",
	"[INFO] Downloading from central: https://repo.maven.apache.org/maven2/org/acme/lib%d/1.0/lib.pom",
	"npm WARN deprecated package@%d.0.0: this version is no longer supported",
	"   Compiling serde v1.0.%d",
	"tests/test_models.py::test_model_%d PASSED                [ 45%%]",
	"    server_test.go:%d: level=error msg=\"expected failure in fixture\"",
}

// failureTail ends a generated log: a failing Go test.
const failureTail = "=== RUN   TestFinal\n" +
	"    final_test.go:12: got 1, want 2\n" +
	"--- FAIL: TestFinal (0.00s)\n" +
	"FAIL\tgithub.com/acme/widget/final\t0.010s\n" +
	"##[error]Process completed with exit code 1.\n"

// logGen generates an Actions-style log of about size bytes without holding
// it: noise lines, optionally one hugeLine-byte line at the middle, then
// failureTail. Lines counts the lines produced so far.
type logGen struct {
	size, written int64
	hugeLine      int64
	hugeDone      bool
	hugeLeft      int64
	pending       []byte
	n             int
	Lines         int
	tailDone      bool
}

func (g *logGen) Read(p []byte) (int, error) {
	total := 0
	for len(p) > 0 {
		if len(g.pending) == 0 && !g.refill() {
			if total == 0 {
				return 0, io.EOF
			}
			break
		}
		k := copy(p, g.pending)
		g.pending, p, total = g.pending[k:], p[k:], total+k
		g.written += int64(k)
	}
	return total, nil
}

var xs = func() []byte {
	b := make([]byte, 64<<10)
	for i := range b {
		b[i] = 'x'
	}
	return b
}()

// refill queues the next bytes; false at the end.
func (g *logGen) refill() bool {
	switch {
	case g.hugeLeft > 0:
		k := min(g.hugeLeft, int64(len(xs)))
		g.pending, g.hugeLeft = xs[:k], g.hugeLeft-k
		if g.hugeLeft == 0 {
			g.pending = append(append([]byte(nil), g.pending...), '\n')
			g.Lines++
		}
	case g.hugeLine > 0 && !g.hugeDone && g.written >= g.size/2:
		g.hugeDone, g.hugeLeft = true, g.hugeLine
		g.pending = []byte("2024-05-01T10:00:00.0000000Z ")
	case g.written < g.size-int64(len(failureTail)):
		buf := make([]byte, 0, 8<<10)
		for len(buf) < 8<<10-200 {
			g.n++
			buf = append(buf, "2024-05-01T10:00:"...)
			buf = strconv.AppendInt(buf, int64(10+g.n%50), 10)
			buf = append(buf, ".1234567Z "...)
			buf = fmt.Appendf(buf, noiseLines[g.n%len(noiseLines)], g.n%997)
			buf = append(buf, '\n')
			g.Lines++
		}
		g.pending = buf
	case !g.tailDone:
		g.tailDone, g.pending = true, []byte(failureTail)
		g.Lines += 5
	default:
		return false
	}
	return true
}
