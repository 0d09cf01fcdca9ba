package app

import (
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"

	"github.com/prcoach/prcoach/handlers"
)

// ProfileEnv names a file to write a CPU profile of the server to, from the
// start of Serve until it returns (SIGTERM ends it cleanly). Unset, nothing
// is profiled. It is a development aid for measuring the intake under load
// in a separate process: `go tool pprof BINARY FILE`.
const ProfileEnv = "PRCOACH_CPUPROFILE"

// TraceEnv names a file to write a Go execution trace to, like ProfileEnv:
// `go tool trace -pprof=sched FILE` then shows where goroutines waited to
// run, `-pprof=sync` where they waited on locks and channels.
const TraceEnv = "PRCOACH_TRACE"

// HeapProfileEnv names a file to write a heap profile to when Serve
// returns, like ProfileEnv: `go tool pprof -sample_index=inuse_space`
// shows what holds memory.
const HeapProfileEnv = "PRCOACH_HEAPPROFILE"

// startCPUProfile starts the CPU profile and execution trace ProfileEnv
// and TraceEnv ask for and returns the function that stops them, closes
// their files and writes the heap profile HeapProfileEnv asks for; each
// does nothing when unset.
func startCPUProfile(logger *slog.Logger) (stop func()) {
	stopCPU := startOne(logger, ProfileEnv, func(f *os.File) error { return pprof.StartCPUProfile(f) }, pprof.StopCPUProfile)
	stopTrace := startOne(logger, TraceEnv, func(f *os.File) error { return trace.Start(f) }, trace.Stop)
	return func() {
		stopTrace()
		stopCPU()
		if path := os.Getenv(HeapProfileEnv); path != "" {
			writeHeapProfile(logger, path)
		}
	}
}

// writeHeapProfile writes the live heap, after a collection, to path.
func writeHeapProfile(logger *slog.Logger, path string) {
	runtime.GC()
	f, err := os.Create(path)
	if err == nil {
		err = pprof.Lookup("heap").WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		logger.Warn("no heap profile", handlers.LogError, fmt.Errorf("%s=%s: %w", HeapProfileEnv, path, err))
	}
}

// startOne starts one recorder writing to the file env names.
func startOne(logger *slog.Logger, env string, start func(f *os.File) error, end func()) (stop func()) {
	path := os.Getenv(env)
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		if err = start(f); err != nil {
			f.Close()
		}
	}
	if err != nil {
		logger.Warn("no profile", handlers.LogError, fmt.Errorf("%s=%s: %w", env, path, err))
		return func() {}
	}
	logger.Info("profiling until shutdown", "file", path)
	return func() {
		end()
		f.Close()
	}
}
