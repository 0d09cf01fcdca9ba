package app

import (
	"runtime"
	"testing"
)

func TestTuneRuntime(t *testing.T) {
	procs := runtime.GOMAXPROCS(0)
	t.Cleanup(func() { runtime.GOMAXPROCS(procs) })
	tests := []struct {
		name       string
		envProcs   string
		startProcs int
		wantProcs  int
	}{
		{"one core gets two Ps", "", 1, minProcs},
		{"more cores stay as they are", "", 4, 4},
		{"the environment wins", "1", 1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("GOMAXPROCS", tc.envProcs)
			runtime.GOMAXPROCS(tc.startProcs)
			TuneRuntime()
			if got := runtime.GOMAXPROCS(0); got != tc.wantProcs {
				t.Errorf("GOMAXPROCS %d, want %d", got, tc.wantProcs)
			}
		})
	}
}
