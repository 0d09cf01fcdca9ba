package app

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"github.com/google/go-github/v60/github"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prcoach/prcoach/handlers/githubtest"
)

const (
	testSecret = "It's a Secret to Everybody"
	testOwner  = githubtest.Owner
	testRepo   = githubtest.Repo
	testSHA    = githubtest.HeadSHA
	goTestLog  = githubtest.GoTestLog
)

// testKey is one RSA key for every test; generating one per test is slow.
var testKey = sync.OnceValue(func() string {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}))
})

// fakeClock records the waits it is asked for and returns at once.
type fakeClock struct {
	mu     sync.Mutex
	offset time.Duration
	sleeps []time.Duration
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = append(c.sleeps, d)
	c.offset += d
	return ctx.Err()
}

func (c *fakeClock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}

// testConfig is a configured app against fake, on a fresh SQLite file.
func testConfig(t testing.TB, fake *githubtest.Server) Config {
	t.Helper()
	vars := map[string]string{
		"PRCOACH_DATABASE_URL":  "sqlite:" + filepath.Join(t.TempDir(), "prcoach.db"),
		"GITHUB_APP_ID":         "1234",
		"GITHUB_PRIVATE_KEY":    testKey(),
		"GITHUB_WEBHOOK_SECRET": testSecret,
		"GITHUB_API_URL":        "http://127.0.0.1:1/",
		// The fake log storage is plain HTTP on loopback.
		"PRCOACH_LOG_PRIVATE_HOSTS": "true",
	}
	if fake != nil {
		vars["GITHUB_API_URL"] = fake.APIURL()
	}
	cfg, err := ParseConfig(vars)
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	cfg.RetryBase = 10 * time.Millisecond
	cfg.Clock = &fakeClock{}
	return cfg
}

// running is an app serving on a loopback listener.
type running struct {
	*App
	URL  string
	logs *syncBuffer
	stop func()
}

// start runs app on a loopback listener until the test ends, logging into
// a buffer the test can read.
func start(t testing.TB, cfg Config) *running {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return startOn(t, cfg, ln)
}

// startOn is start on a listener the caller opened (for a config that must
// know its own address).
func startOn(t testing.TB, cfg Config, ln net.Listener) *running {
	t.Helper()
	logs := &syncBuffer{}
	a, err := New(cfg, slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, ln) }()
	var once sync.Once
	r := &running{App: a, URL: "http://" + ln.Addr().String(), logs: logs}
	r.stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Serve: %v", err)
			}
		})
	}
	t.Cleanup(r.stop)
	waitFor(t, 10*time.Second, "readyz", func() bool {
		resp, err := http.Get(r.URL + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	return r
}

// deliver posts a signed delivery and returns the status code.
func (r *running) deliver(t testing.TB, event, id string, body []byte) int {
	t.Helper()
	return post(t, r.URL, event, id, body, Sign([]byte(testSecret), body))
}

func post(t testing.TB, base, event, id string, body []byte, sig string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, base+"/webhook", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if event != "" {
		req.Header.Set("X-GitHub-Event", event)
	}
	if id != "" {
		req.Header.Set("X-GitHub-Delivery", id)
	}
	if sig != "" {
		req.Header.Set("X-Hub-Signature-256", sig)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST /webhook: %v", err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

func waitFor(t testing.TB, limit time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", limit, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// deliveryStatus reads a stored delivery's status ("" when absent).
func (r *running) deliveryStatus(t testing.TB, id string) (status, outcome string, attempts int) {
	t.Helper()
	err := r.store.DB().QueryRow(r.store.Rebind(`SELECT status, outcome, attempts FROM prcoach_deliveries WHERE id = ?`), id).Scan(&status, &outcome, &attempts)
	if err != nil && !strings.Contains(err.Error(), "no rows") {
		t.Fatal(err)
	}
	return status, outcome, attempts
}

func (r *running) count(t testing.TB, query string) int {
	t.Helper()
	var n int
	if err := r.store.DB().QueryRow(query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// syncBuffer is a bytes.Buffer safe for the logger and the test at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var deliverySeq atomic.Int64

func newDeliveryID() string {
	return fmt.Sprintf("d%010d-0000-11ef-8000-%012d", time.Now().UnixNano()%1e10, deliverySeq.Add(1))
}

func seedFailingPR(fake *githubtest.Server, log string) { fake.SeedFailingPR(log) }

func pullRequest(n int, sha, association string) *github.PullRequest {
	return githubtest.PullRequest(testRepo, n, sha, association)
}

func actionsRun(id int64, name, conclusion string) *github.CheckRun {
	return githubtest.ActionsRun(id, name, conclusion)
}
