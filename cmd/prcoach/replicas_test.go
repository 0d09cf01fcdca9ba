package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/prcoach/prcoach/handlers/githubtest"
	"github.com/prcoach/prcoach/store/storetest"
)

// TestThreeReplicas runs three processes on one PostgreSQL database.
// Deliveries for the same pull requests go to all three at once, some
// GUIDs to two replicas; one replica is killed with SIGKILL while its
// comment request is in flight. The two others process every acknowledged
// delivery, the dead one's included (the leader rescues it), each stored
// once, and every pull request ends with exactly one comment; then the
// killed replica is restarted and nothing is done twice.
func TestThreeReplicas(t *testing.T) {
	const prs, perPR = 12, 3
	url := storetest.PostgresURL(t)
	bin := filepath.Join(t.TempDir(), "prcoach")
	if out, err := buildBinary(bin); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	template, err := os.ReadFile("../../testdata/webhooks/check_run_failure.json")
	if err != nil {
		t.Fatal(err)
	}
	fake := githubtest.NewServer()
	defer fake.Close()
	fake.SeedFailingPR(githubtest.GoTestLog)
	for n := 101; n <= 101+prs; n++ {
		fake.AddPull(githubtest.Owner, githubtest.Repo, githubtest.PullRequest(githubtest.Repo, n, githubtest.HeadSHA, "MEMBER"))
	}
	reps := make([]*replica, 3)
	for i := range reps {
		reps[i] = &replica{addr: freeAddr(t), dir: t.TempDir()}
		reps[i].env = serverEnvDB(t, url, reps[i].addr, fake.APIURL())
		reps[i].start(t, bin)
	}
	defer func() {
		for _, r := range reps {
			r.kill()
		}
	}()
	db := connect(t, url)

	// PR 101's delivery is processed by whichever replica fetches its job
	// first: that one, the victim, is killed with its comment in flight.
	arrived, release := fake.Hold(http.MethodPost, "/issues/101/comments")
	defer release()
	if code := send(reps[2].addr, "held-101", withPR(t, template, 101)); code != http.StatusAccepted {
		t.Fatalf("replica 3 answered %d, want 202", code)
	}
	select {
	case <-arrived:
	case <-time.After(20 * time.Second):
		t.Fatal("the comment request for PR 101 never came")
	}
	victim := worker(t, db, reps, "held-101")

	// The burst: perPR deliveries for each other PR, spread over the three;
	// each PR's first GUID also goes to a second replica.
	type sent struct {
		id    string
		body  []byte
		acked bool
	}
	var mu sync.Mutex
	var all []*sent
	var wg sync.WaitGroup
	began := time.Now()
	for n := 102; n <= 101+prs; n++ {
		body := withPR(t, template, n)
		for k := range perPR {
			d := &sent{id: fmt.Sprintf("pr%d-%d", n, k), body: body}
			all = append(all, d)
			targets := []*replica{reps[(n+k)%3]}
			if k == 0 {
				targets = append(targets, reps[(n+k+1)%3])
			}
			for _, r := range targets {
				wg.Go(func() {
					code := send(r.addr, d.id, d.body)
					mu.Lock()
					d.acked = d.acked || code == http.StatusAccepted || code == http.StatusOK
					mu.Unlock()
				})
			}
		}
	}
	time.Sleep(time.Duration(rand.IntN(150)) * time.Millisecond)
	victim.kill()
	release() // GitHub finishes the request the dead process sent
	wg.Wait()
	live := reps[0]
	if live == victim {
		live = reps[1]
	}
	acked := 0
	for _, d := range all {
		if d.acked {
			acked++
			continue
		}
		// GitHub's redelivery, through the load balancer, to a live replica.
		if code := send(live.addr, d.id, d.body); code != http.StatusAccepted && code != http.StatusOK {
			t.Fatalf("redelivery of %s answered %d", d.id, code)
		}
	}
	// The live replicas finish everything, the victim's delivery included;
	// the victim comes back afterwards.
	deadline := time.Now().Add(90 * time.Second)
	for {
		var queued, comments int
		if err := db.QueryRow(context.Background(), `SELECT COUNT(*) FROM prcoach_deliveries WHERE status = 'queued'`).Scan(&queued); err != nil {
			t.Fatal(err)
		}
		for n := 101; n <= 101+prs; n++ {
			comments += min(1, len(fake.Comments(githubtest.Owner, githubtest.Repo, n)))
		}
		if queued == 0 && comments == prs+1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 90 s, %d deliveries still queued and %d of %d PRs commented; logs:\n%s",
				queued, comments, prs+1, victim.log.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	settled := time.Since(began)
	rescue := logLine(reps, "a stopped replica left running")
	if rescue == "none" {
		t.Error("no live replica said it resumed the killed replica's deliveries")
	}
	victim.start(t, bin)
	if line := logLine(reps, "held-101"); !strings.Contains(line, `"attempt":2`) {
		t.Errorf("PR 101's delivery did not finish on a second attempt after the kill: %s", line)
	}
	time.Sleep(time.Second) // let any duplicate work show itself
	for n := 101; n <= 101+prs; n++ {
		if c := len(fake.Comments(githubtest.Owner, githubtest.Repo, n)); c != 1 {
			t.Errorf("PR #%d has %d comments, want exactly 1", n, c)
		}
	}
	var stored, done int
	db.QueryRow(context.Background(), `SELECT COUNT(*), COUNT(*) FILTER (WHERE status = 'done') FROM prcoach_deliveries`).Scan(&stored, &done)
	if want := len(all) + 1; stored != want || done != want {
		t.Errorf("%d deliveries stored, %d done; want %d of each, each GUID once", stored, done, want)
	}
	processed := make([]int, len(reps))
	for i, r := range reps {
		processed[i] = strings.Count(r.log.String(), `"msg":"delivery processed"`)
	}
	t.Logf("three replicas: %d GUIDs (%d sends with the repeats), %d acknowledged before the kill, "+
		"all processed %s after the burst began, by the two live replicas; processed per replica %v (the victim's count is after its restart); "+
		"rescue: %s", len(all)+1, len(all)+prs, acked, settled.Round(time.Millisecond), processed, rescue)
}

// replica is one prcoach process of the three.
type replica struct {
	addr, dir string
	env       []string
	cmd       *exec.Cmd
	log       *lockedBuffer
}

func (r *replica) start(t *testing.T, bin string) {
	t.Helper()
	r.cmd, r.log = startProcess(t, bin, r.dir, r.env, r.addr)
}

// kill stops the process with SIGKILL.
func (r *replica) kill() {
	if r.cmd != nil && r.cmd.ProcessState == nil {
		r.cmd.Process.Kill()
		r.cmd.Wait()
	}
}

// logLine is the first log line, of any replica, that holds text.
func logLine(reps []*replica, text string) string {
	for _, r := range reps {
		for _, line := range strings.Split(r.log.String(), "\n") {
			if strings.Contains(line, text) {
				return line
			}
		}
	}
	return "none"
}

// worker is the replica working delivery id's job: River records each
// attempt's client, and a replica's client ID ends in -PID-RANDOM.
func worker(t *testing.T, db *pgx.Conn, reps []*replica, id string) *replica {
	t.Helper()
	var client string
	err := db.QueryRow(context.Background(), `SELECT attempted_by[array_length(attempted_by, 1)] FROM river_job
		WHERE args->>'delivery_id' = $1`, id).Scan(&client)
	if err != nil {
		t.Fatalf("finding the replica working %s: %v", id, err)
	}
	for _, r := range reps {
		if strings.Contains(client, fmt.Sprintf("-%d-", r.cmd.Process.Pid)) {
			return r
		}
	}
	t.Fatalf("no replica is %s", client)
	return nil
}

func connect(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}
