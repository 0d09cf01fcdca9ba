package app

import (
	"fmt"
	"log/slog"
	"os"
	"runtime/pprof"
)

// ProfileEnv names a file to write a CPU profile of the server to, from the
// start of Serve until it returns (SIGTERM ends it cleanly). Unset, nothing
// is profiled. It is a development aid for measuring the intake under load
// in a separate process: `go tool pprof BINARY FILE`.
const ProfileEnv = "PRCOACH_CPUPROFILE"

// startCPUProfile starts the CPU profile ProfileEnv asks for and returns the
// function that stops it and closes the file; both do nothing when unset.
func startCPUProfile(logger *slog.Logger) (stop func()) {
	path := os.Getenv(ProfileEnv)
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		if err = pprof.StartCPUProfile(f); err != nil {
			f.Close()
		}
	}
	if err != nil {
		logger.Warn("no CPU profile", "error", fmt.Errorf("%s=%s: %w", ProfileEnv, path, err))
		return func() {}
	}
	logger.Info("writing a CPU profile until shutdown", "file", path)
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
