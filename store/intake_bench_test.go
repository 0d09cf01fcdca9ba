package store

import (
	"context"
	"fmt"
	"os"
	"syscall"
	"testing"
	"time"
)

// BenchmarkInsertBatches stores deliveries as the intake does under load:
// batches of 25 with the payload in BENCH_PAYLOAD (say the intake bench's
// check_run.completed.json), checkpointed in the background every 250 ms.
func BenchmarkInsertBatches(b *testing.B) {
	path := os.Getenv("BENCH_PAYLOAD")
	if path == "" {
		b.Skip("set BENCH_PAYLOAD to a delivery's JSON file")
	}
	payload, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	file := b.TempDir() + "/bench.db"
	s, err := Open(context.Background(), "sqlite:"+file, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	q, err := s.NewQueue(QueueConfig{ID: "bench"}, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer q.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.CheckpointLoop(ctx, 250*time.Millisecond); close(done) }()
	defer func() { cancel(); <-done }()
	var cpu0 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &cpu0)
	batch := make([]NewDelivery, 25)
	n := 0
	for b.Loop() {
		for i := range batch {
			n++
			batch[i] = NewDelivery{ID: fmt.Sprintf("d-%d", n), Event: "check_run", Action: "completed",
				InstallationID: 1, Repository: "octo/repo", Payload: payload}
		}
		if _, err := q.Insert(batch); err != nil {
			b.Fatal(err)
		}
	}
	var cpu1 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &cpu1)
	used := time.Duration(cpu1.Utime.Nano() + cpu1.Stime.Nano() - cpu0.Utime.Nano() - cpu0.Stime.Nano())
	b.ReportMetric(float64(used.Microseconds())/float64(n), "cpu-µs/delivery")
	if st, err := os.Stat(file); err == nil {
		b.ReportMetric(float64(st.Size())/float64(n), "db-bytes/delivery")
	}
}
