package app

import (
	"os"
	"runtime"
)

// minProcs is the fewest Ps the server runs with. On one core, one P
// serves every request, worker and SQLite call, and Go preempts a busy
// goroutine only after 10 ms; with two, the kernel interleaves them at a
// finer grain. Measured with the intake bench at 1,000 deliveries/s on one
// pinned core: goroutine waits over 10 ms fell tenfold and p99 fell by a
// third to two thirds.
const minProcs = 2

// GOGC stays at Go's default of 100. It was 50 while the live heap under
// load was about 10 MB (peak RSS 61 instead of 70 MiB for about 1 % more
// CPU). Once rule patterns and the line model were loaded on first use,
// the live heap fell to about 5 MB, and at 50 the collector ran twice as
// often: about 27 % of the core against 15 % at 100, under the intake
// bench's saturating load, for 3 MiB less peak RSS (about 47 against 50).

// TuneRuntime applies the server's runtime defaults, each unless its
// environment variable is set. Call it once, at start.
func TuneRuntime() {
	if os.Getenv("GOMAXPROCS") == "" && runtime.GOMAXPROCS(0) < minProcs {
		runtime.GOMAXPROCS(minProcs)
	}
}
