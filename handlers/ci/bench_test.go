package ci

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"
)

// BenchmarkAnalyze100MB measures excerpt throughput on a generated 100 MB
// Actions log. It also writes the log to $TMPDIR/prcoach-bench-100mb.log so
// that `grep -c error` can be timed on the same bytes.
func BenchmarkAnalyze100MB(b *testing.B) {
	data, err := io.ReadAll(&logGen{size: 100 << 20})
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(os.TempDir(), "prcoach-bench-100mb.log")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
	b.Logf("log written to %s", path)
	kb := Builtin()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		a, err := Analyze(bytes.NewReader(data), kb)
		if err != nil || len(a.Excerpts) == 0 {
			b.Fatalf("no excerpt: %v", err)
		}
	}
}

// BenchmarkPrefilter measures the keyword prefilter alone on noise lines.
func BenchmarkPrefilter(b *testing.B) {
	data, _ := io.ReadAll(&logGen{size: 8 << 20})
	lines := bytes.Split(data, []byte("\n"))
	pf := Builtin().pf
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		for _, l := range lines {
			pf.hit(l)
		}
	}
}

// peakHeap runs f while sampling the heap every millisecond and returns the
// largest heap-object size seen.
func peakHeap(f func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	var mu sync.Mutex
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			mu.Lock()
			peak = max(peak, sample[0].Value.Uint64())
			mu.Unlock()
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	f()
	close(done)
	wg.Wait()
	return peak
}

// TestPeakHeap500MB analyses a generated 500 MB log with one 10 MB line and
// the failure at the end, and checks that the heap stays under 64 MB and
// the failure is found. Skipped under -short and the race detector.
func TestPeakHeap500MB(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("long measurement; run without -short and -race")
	}
	gen := &logGen{size: 500 << 20, hugeLine: 10 << 20}
	var a Analysis
	var err error
	start := time.Now()
	peak := peakHeap(func() { a, err = Analyze(gen, nil) })
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("500 MB log (%d lines, one 10 MB line): peak heap %.1f MB, %.1fs", gen.Lines, float64(peak)/(1<<20), time.Since(start).Seconds())
	if peak > 64<<20 {
		t.Errorf("peak heap %d bytes, want under 64 MB", peak)
	}
	if a.Lines != gen.Lines {
		t.Errorf("read %d lines, generated %d", a.Lines, gen.Lines)
	}
	failLine := gen.Lines - 2 // "--- FAIL: TestFinal"
	if w, c := coverage([][2]int{{failLine, failLine}}, a.Excerpts); c != w {
		t.Errorf("excerpts %+v do not cover the failing test at line %d", a.Excerpts, failLine)
	}
}
