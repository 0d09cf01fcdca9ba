package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/prcoach/prcoach/app"
	"github.com/prcoach/prcoach/handlers/githubtest"
)

// TestKillAtRandomPointsLosesNothing sends a round of deliveries, each for
// its own pull request, kills the server with SIGKILL at a random moment,
// restarts it, redelivers what was never acknowledged (as GitHub's
// redelivery would), and checks every pull request ends with exactly one
// comment: nothing acknowledged is lost and nothing is posted twice.
func TestKillAtRandomPointsLosesNothing(t *testing.T) {
	// GitHub writes are spaced a second apart per installation, so each
	// delivery comes from its own installation to keep the rounds short.
	const rounds, perRound = 5, 20
	bin := filepath.Join(t.TempDir(), "prcoach")
	if out, err := buildBinary(bin); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	template, err := os.ReadFile("../../testdata/webhooks/check_run_failure.json")
	if err != nil {
		t.Fatal(err)
	}
	for round := 0; round < rounds; round++ {
		fake := githubtest.NewServer()
		fake.SeedFailingPR(githubtest.GoTestLog)
		for n := 1; n <= perRound; n++ {
			fake.AddPull(githubtest.Owner, githubtest.Repo, githubtest.PullRequest(githubtest.Repo, 100+n, githubtest.HeadSHA, "MEMBER"))
		}
		dir := t.TempDir()
		addr := freeAddr(t)
		env := serverEnv(t, dir, addr, fake.APIURL())
		proc, log := startProcess(t, bin, dir, env, addr)

		bodies := make([][]byte, perRound)
		for i := range bodies {
			bodies[i] = withPR(t, template, 101+i)
		}
		acked := make([]bool, perRound)
		var wg sync.WaitGroup
		for i := range bodies {
			wg.Add(1)
			go func() {
				defer wg.Done()
				time.Sleep(time.Duration(i) * 8 * time.Millisecond)
				acked[i] = send(addr, fmt.Sprintf("round%d-%d", round, i), bodies[i]) == http.StatusAccepted
			}()
		}
		time.Sleep(time.Duration(rand.IntN(300)) * time.Millisecond)
		proc.Process.Kill()
		proc.Wait()
		wg.Wait()

		proc, log = startProcess(t, bin, dir, env, addr)
		for i := range bodies {
			if !acked[i] {
				// GitHub keeps the GUID on redelivery; a stored one answers 200.
				if code := send(addr, fmt.Sprintf("round%d-%d", round, i), bodies[i]); code != http.StatusAccepted && code != http.StatusOK {
					t.Fatalf("round %d: redelivery %d answered %d", round, i, code)
				}
			}
		}
		deadline := time.Now().Add(60 * time.Second)
		for missing := perRound; missing > 0; {
			missing = 0
			for n := 101; n <= 100+perRound; n++ {
				if len(fake.Comments(githubtest.Owner, githubtest.Repo, n)) == 0 {
					missing++
				}
			}
			if time.Now().After(deadline) {
				t.Fatalf("round %d: %d pull requests never got their comment; log:\n%s", round, missing, log.String())
			}
			time.Sleep(100 * time.Millisecond)
		}
		// Let any duplicate work show itself before counting.
		time.Sleep(500 * time.Millisecond)
		for n := 101; n <= 100+perRound; n++ {
			if c := len(fake.Comments(githubtest.Owner, githubtest.Repo, n)); c != 1 {
				t.Errorf("round %d: PR #%d has %d comments, want exactly 1", round, n, c)
			}
		}
		proc.Process.Kill()
		proc.Wait()
		fake.Close()
	}
}

// withPR returns the check_run fixture pointing at pull request n, from
// installation 1000+n.
func withPR(t *testing.T, template []byte, n int) []byte {
	var m map[string]any
	if err := json.Unmarshal(template, &m); err != nil {
		t.Fatal(err)
	}
	prs := m["check_run"].(map[string]any)["pull_requests"].([]any)
	prs[0].(map[string]any)["number"] = n
	m["installation"] = map[string]any{"id": 1000 + n}
	out, _ := json.Marshal(m)
	return out
}

// send posts a signed delivery; 0 means the connection failed.
func send(addr, id string, body []byte) int {
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/webhook", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-GitHub-Event", "check_run")
	req.Header.Set("X-GitHub-Delivery", id)
	req.Header.Set("X-Hub-Signature-256", app.Sign([]byte("crash-secret"), body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}
