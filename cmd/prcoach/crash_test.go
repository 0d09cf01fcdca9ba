package main

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prcoach/prcoach/app"
	"github.com/prcoach/prcoach/handlers/githubtest"
	"github.com/prcoach/prcoach/store/storetest"
)

// TestKilledAfterAckCommentsOnce kills the server with SIGKILL after it
// acknowledged a delivery and while its comment is in flight, restarts it,
// and checks the PR ends with exactly one comment.
func TestKilledAfterAckCommentsOnce(t *testing.T) {
	killedAfterAck(t, func(dir string) string { return "sqlite:" + filepath.Join(dir, "prcoach.db") })
}

// TestKilledAfterAckCommentsOncePostgres is the crash test on PostgreSQL:
// the restarted process is a new replica, which finds the dead one's job.
func TestKilledAfterAckCommentsOncePostgres(t *testing.T) {
	url := storetest.PostgresURL(t)
	killedAfterAck(t, func(string) string { return url })
}

func killedAfterAck(t *testing.T, database func(dir string) string) {
	bin := filepath.Join(t.TempDir(), "prcoach")
	if out, err := buildBinary(bin); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	fake := githubtest.NewServer()
	defer fake.Close()
	fake.SeedFailingPR(githubtest.GoTestLog)
	arrived, release := fake.Hold(http.MethodPost, "/issues/7/comments")
	defer release()

	dir := t.TempDir()
	addr := freeAddr(t)
	env := serverEnvDB(t, database(dir), addr, fake.APIURL())
	first, firstLog := startProcess(t, bin, dir, env, addr)

	body, err := os.ReadFile("../../testdata/webhooks/check_run_failure.json")
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/webhook", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-GitHub-Event", "check_run")
	req.Header.Set("X-GitHub-Delivery", "crash-0001")
	req.Header.Set("X-Hub-Signature-256", app.Sign([]byte("crash-secret"), body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("status %d, want 202", resp.StatusCode)
	}
	select {
	case <-arrived:
	case <-time.After(20 * time.Second):
		t.Fatalf("the comment request never came; log:\n%s", firstLog.String())
	}
	if err := first.Process.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	first.Wait()
	release() // GitHub finishes the request the dead process sent

	restarted := time.Now()
	second, secondLog := startProcess(t, bin, dir, env, addr)
	defer func() { second.Process.Kill(); second.Wait() }()
	t.Logf("restarted server ready in %s", time.Since(restarted).Round(time.Millisecond))
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(secondLog.String(), `"msg":"delivery processed"`) {
		if time.Now().After(deadline) {
			t.Fatalf("the restarted server did not finish the delivery; log:\n%s", secondLog.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("delivery finished %s after the restart began", time.Since(restarted).Round(time.Millisecond))
	if n := len(fake.Comments(githubtest.Owner, githubtest.Repo, 7)); n != 1 {
		t.Fatalf("%d comments after the crash, want exactly 1", n)
	}
	if !strings.Contains(secondLog.String(), "resuming deliveries") {
		t.Errorf("restart did not say it resumed the interrupted delivery:\n%s", secondLog.String())
	}
}

// buildBinary builds this command into bin.
func buildBinary(bin string) ([]byte, error) {
	return exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
}

// serverEnv is the environment of a server in dir on addr against apiURL.
func serverEnv(t *testing.T, dir, addr, apiURL string) []string {
	return serverEnvDB(t, "sqlite:"+filepath.Join(dir, "prcoach.db"), addr, apiURL)
}

// serverEnvDB is the environment of a server using database on addr against apiURL.
func serverEnvDB(t *testing.T, database, addr, apiURL string) []string {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return append(os.Environ(),
		"PRCOACH_ADDR="+addr,
		"PRCOACH_DATABASE_URL="+database,
		"GITHUB_APP_ID=1234",
		"GITHUB_PRIVATE_KEY="+string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})),
		"GITHUB_WEBHOOK_SECRET=crash-secret",
		"GITHUB_API_URL="+apiURL,
		// The fake's log storage is plain HTTP on loopback.
		"PRCOACH_LOG_PRIVATE_HOSTS=true",
	)
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startProcess runs bin serve and waits until /readyz answers.
func startProcess(t *testing.T, bin, dir string, env []string, addr string) (*exec.Cmd, *lockedBuffer) {
	t.Helper()
	log := &lockedBuffer{}
	cmd := exec.Command(bin, "serve")
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = dir, env, log, log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(fmt.Sprintf("http://%s/readyz", addr))
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return cmd, log
			}
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("server did not become ready; log:\n%s", log.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
