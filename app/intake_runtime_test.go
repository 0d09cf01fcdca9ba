package app

import (
	"runtime"
	"runtime/debug"
	"testing"
)

func TestTuneRuntime(t *testing.T) {
	procs, gc := runtime.GOMAXPROCS(0), debug.SetGCPercent(100)
	t.Cleanup(func() { runtime.GOMAXPROCS(procs); debug.SetGCPercent(gc) })
	tests := []struct {
		name            string
		envProcs, envGC string
		startProcs      int
		wantProcs       int
		wantGC          int
	}{
		{"one core gets two Ps and GOGC 50", "", "", 1, minProcs, gcPercent},
		{"more cores stay as they are", "", "", 4, 4, gcPercent},
		{"the environment wins", "1", "200", 1, 1, 100},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("GOMAXPROCS", tc.envProcs)
			t.Setenv("GOGC", tc.envGC)
			runtime.GOMAXPROCS(tc.startProcs)
			debug.SetGCPercent(100)
			TuneRuntime()
			if got := runtime.GOMAXPROCS(0); got != tc.wantProcs {
				t.Errorf("GOMAXPROCS %d, want %d", got, tc.wantProcs)
			}
			if got := debug.SetGCPercent(100); got != tc.wantGC {
				t.Errorf("GOGC %d, want %d", got, tc.wantGC)
			}
		})
	}
}
