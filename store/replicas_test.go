package store

import (
	"context"
	"log/slog"
	"testing"
	"time"
)

// TestLockKeyAcrossReplicas holds a lock in one replica: another waits for
// it until it is released, and a replica whose connection dies frees it.
func TestLockKeyAcrossReplicas(t *testing.T) {
	url := dialects[1].url(t)
	a, b := open(t, url), open(t, url)
	ctx := context.Background()
	unlock, err := a.LockKey(ctx, "pr:o/r#1")
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan func(), 1)
	go func() {
		u, err := b.LockKey(ctx, "pr:o/r#1")
		if err != nil {
			t.Error(err)
		}
		got <- u
	}()
	other, err := b.LockKey(ctx, "pr:o/r#2")
	if err != nil {
		t.Fatal(err)
	}
	other()
	select {
	case <-got:
		t.Fatal("a second replica took a held lock")
	case <-time.After(300 * time.Millisecond):
	}
	unlock()
	select {
	case u := <-got:
		u()
	case <-time.After(5 * time.Second):
		t.Fatal("the lock was not handed on after its release")
	}
	dying, err := a.LockKey(ctx, "pr:o/r#3")
	if err != nil {
		t.Fatal(err)
	}
	defer dying()
	// A replica dying ends its sessions, as the server does here.
	if _, err := b.exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE datname = current_database() AND pid != pg_backend_pid()`); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	u, err := b.LockKey(ctx, "pr:o/r#3")
	if err != nil {
		t.Fatalf("a dead replica's lock stayed held: %v", err)
	}
	u()
}

// TestOneLeaderAndTakeover runs two replicas' LeadLoops: exactly one
// leads, and when it stops the other takes over.
func TestOneLeaderAndTakeover(t *testing.T) {
	url := dialects[1].url(t)
	a, b := open(t, url), open(t, url)
	log := slog.New(slog.DiscardHandler)
	ctxA, stopA := context.WithCancel(context.Background())
	ctxB, stopB := context.WithCancel(context.Background())
	defer stopB()
	doneA := make(chan struct{})
	go func() { a.LeadLoop(ctxA, 100*time.Millisecond, log); close(doneA) }()
	go b.LeadLoop(ctxB, 100*time.Millisecond, log)
	waitUntil(t, "a leader", func() bool { return a.IsLeader() || b.IsLeader() })
	time.Sleep(300 * time.Millisecond)
	if a.IsLeader() == b.IsLeader() {
		t.Fatalf("leaders: a %v, b %v; want exactly one", a.IsLeader(), b.IsLeader())
	}
	if !a.IsLeader() {
		a, b, stopA, doneA = b, a, stopB, nil
	}
	stopA()
	if doneA != nil {
		<-doneA
	}
	waitUntil(t, "the other replica to take over", func() bool { return b.IsLeader() && !a.IsLeader() })
}

// TestRecoverOrphansOfDeadReplicasOnly marks jobs running on a live
// replica and on a dead one: only the dead one's are made available.
func TestRecoverOrphansOfDeadReplicasOnly(t *testing.T) {
	url := dialects[1].url(t)
	s := open(t, url)
	ctx := context.Background()
	release, err := s.HoldReplica(ctx, "alive")
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	if _, err := s.HoldReplica(ctx, "alive"); err == nil {
		t.Error("two replicas took the same name")
	}
	if _, err := newQueue(t, s, "x").Insert(deliveries("a", "b", "c")); err != nil {
		t.Fatal(err)
	}
	for owner, id := range map[string]string{"alive": "a", "dead": "b"} {
		if _, err := s.exec(ctx, `UPDATE river_job SET state = 'running', attempted_by = ARRAY['other', ?]
			WHERE args->>'delivery_id' = ?`, owner, id); err != nil {
			t.Fatal(err)
		}
	}
	n, err := s.RecoverOrphans(ctx)
	if err != nil || n != 1 {
		t.Fatalf("recovered %d jobs (%v), want the dead replica's 1", n, err)
	}
	if c := count(t, s, `SELECT COUNT(*) FROM river_job WHERE state = 'running'`); c != 1 {
		t.Errorf("%d jobs still running, want the live replica's 1", c)
	}
}

func waitUntil(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
