package safety

import (
	"fmt"
	"io"
	"strings"
	"testing"
)

// ciLog generates a CI log of about size bytes: go test, npm and Actions
// lines with an occasional secret, as a failing job's log looks.
func ciLog(size int) string {
	f := newFaker(11)
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		ts := fmt.Sprintf("2024-05-01T12:%02d:%02d.%07dZ ", i/60%60, i%60, i)
		switch i % 10 {
		case 0:
			b.WriteString(ts + "##[group]Run actions/setup-go@v5 with go-version-file: go.mod\n")
		case 1:
			fmt.Fprintf(&b, "%s=== RUN   TestHandler/case_%d\n", ts, i)
		case 2:
			fmt.Fprintf(&b, "%s    handler_test.go:%d: expected status 200, got 500 (request id %s)\n", ts, i%300, f.uuid())
		case 3:
			b.WriteString(ts + "npm WARN deprecated inflight@1.0.6: This module is not supported, and leaks memory.\n")
		case 4:
			fmt.Fprintf(&b, "%sDownloading https://proxy.golang.org/github.com/org/mod/@v/v1.%d.0.zip\n", ts, i%40)
		case 5:
			fmt.Fprintf(&b, "%s--- FAIL: TestTokenRefresh (0.%02ds)\n", ts, i%100)
		case 6:
			fmt.Fprintf(&b, "%s  env: GOFLAGS=-mod=readonly CI=true HOME=/home/runner RUNNER_TEMP=/home/runner/work/_temp\n", ts)
		case 7:
			if i%1000 == 7 {
				fmt.Fprintf(&b, "%sexport GITHUB_TOKEN=%s\n", ts, f.s("ghs_", alnum, 36))
			} else {
				fmt.Fprintf(&b, "%sok  \tgithub.com/prcoach/prcoach/handlers/pkg%d\t0.%03ds\n", ts, i%50, i%1000)
			}
		case 8:
			fmt.Fprintf(&b, "%s  at Object.<anonymous> (/home/runner/work/app/app/src/auth/token.test.ts:%d:17)\n", ts, i%200)
		default:
			b.WriteString(ts + "\n")
		}
	}
	return b.String()
}

func BenchmarkRedact(b *testing.B) {
	log := ciLog(8 << 20)
	r := NewRedactor(newOwnCreds().list()...)
	b.SetBytes(int64(len(log)))
	for b.Loop() {
		_ = r.Redact(log)
	}
}

func BenchmarkReader(b *testing.B) {
	log := ciLog(8 << 20)
	r := NewRedactor(newOwnCreds().list()...)
	b.SetBytes(int64(len(log)))
	for b.Loop() {
		if _, err := io.Copy(io.Discard, r.Reader(strings.NewReader(log))); err != nil {
			b.Fatal(err)
		}
	}
}
