package app

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prcoach/prcoach/handlers/githubtest"
)

func TestSignatureVectorFromGitHubDocs(t *testing.T) {
	body := []byte("Hello, World!")
	const want = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
	if got := Sign([]byte("It's a Secret to Everybody"), body); got != want {
		t.Fatalf("Sign = %s, want %s", got, want)
	}
	if !validSignature(want, body, [][]byte{[]byte("It's a Secret to Everybody")}) {
		t.Fatal("GitHub's published vector was rejected")
	}
}

func TestSignatureSecrets(t *testing.T) {
	body := []byte(`{"zen":"x"}`)
	current, previous, other := []byte("current-secret"), []byte("previous-secret"), []byte("third-secret")
	secrets := [][]byte{current, previous}
	for _, tc := range []struct {
		name   string
		secret []byte
		want   bool
	}{
		{"current secret", current, true},
		{"previous secret during rotation", previous, true},
		{"a third secret", other, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := validSignature(Sign(tc.secret, body), body, secrets); got != tc.want {
				t.Errorf("validSignature = %v, want %v", got, tc.want)
			}
		})
	}
}

// forgeries are ten classes of bad signature headers for body.
func forgeries(body []byte) map[string]string {
	good := Sign([]byte(testSecret), body)
	flipped := []byte(good)
	flipped[len(flipped)-1] ^= 0x01
	mac := hmac.New(sha1.New, []byte(testSecret))
	mac.Write(body)
	return map[string]string{
		"no header":               "",
		"sha1 only":               "sha1=" + hex.EncodeToString(mac.Sum(nil)),
		"wrong secret":            Sign([]byte("not the secret"), body),
		"flipped bit":             string(flipped),
		"truncated digest":        good[:len(good)-2],
		"non-hex digest":          "sha256=" + strings.Repeat("zz", 32),
		"no algorithm prefix":     strings.TrimPrefix(good, "sha256="),
		"upper-case algorithm":    "SHA256=" + strings.TrimPrefix(good, "sha256="),
		"signature of other body": Sign([]byte(testSecret), append(body, ' ')),
		"empty secret signature":  Sign(nil, body),
	}
}

func TestForgedDeliveriesAreRejected(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	r := start(t, testConfig(t, fake))
	body := fixture(t, "webhooks/check_run_failure.json")
	classes := forgeries(body)
	if len(classes) != 10 {
		t.Fatalf("want 10 forgery classes, have %d", len(classes))
	}
	const perClass = 100
	var wg sync.WaitGroup
	var mu sync.Mutex
	statuses := map[int]int{}
	for name, sig := range classes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perClass; i++ {
				code := post(t, r.URL, "check_run", newDeliveryID(), body, sig)
				mu.Lock()
				statuses[code]++
				mu.Unlock()
				if code != http.StatusUnauthorized {
					t.Errorf("%s: status %d, want 401", name, code)
					return
				}
			}
		}()
	}
	wg.Wait()
	if statuses[http.StatusUnauthorized] != 10*perClass {
		t.Errorf("statuses = %v, want 1000 × 401", statuses)
	}
	if n := r.count(t, `SELECT COUNT(*) FROM prcoach_deliveries`); n != 0 {
		t.Errorf("%d deliveries stored from forged requests", n)
	}
	if n := r.count(t, `SELECT COUNT(*) FROM river_job`); n != 0 {
		t.Errorf("%d jobs queued from forged requests", n)
	}
	if reqs := fake.Requests(); len(reqs) != 0 {
		t.Errorf("forged deliveries caused %d calls to GitHub", len(reqs))
	}
}

func TestIntakeAnswers(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	r := start(t, testConfig(t, fake))
	check := fixture(t, "webhooks/check_run_failure.json")
	sign := func(b []byte) string { return Sign([]byte(testSecret), b) }
	for _, tc := range []struct {
		name, event, id, contentType string
		body                         []byte
		want                         int
	}{
		{"ping", "ping", newDeliveryID(), "application/json", fixture(t, "webhooks/ping.json"), 200},
		{"unhandled event", "star", newDeliveryID(), "application/json", []byte(`{"action":"created"}`), 202},
		{"unhandled action", "check_run", newDeliveryID(), "application/json", []byte(`{"action":"created"}`), 202},
		{"form-encoded body", "check_run", newDeliveryID(), "application/x-www-form-urlencoded", []byte("payload=%7B%7D"), 415},
		{"json content type, broken json", "check_run", newDeliveryID(), "application/json", []byte(`{"action":`), 415},
		{"missing event header", "", newDeliveryID(), "application/json", check, 400},
		{"missing delivery header", "check_run", "", "application/json", check, 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, r.URL+"/webhook", bytes.NewReader(tc.body))
			req.Header.Set("Content-Type", tc.contentType)
			req.Header.Set("X-Hub-Signature-256", sign(tc.body))
			if tc.event != "" {
				req.Header.Set("X-GitHub-Event", tc.event)
			}
			if tc.id != "" {
				req.Header.Set("X-GitHub-Delivery", tc.id)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.want)
			}
		})
	}
	if n := r.count(t, `SELECT COUNT(*) FROM prcoach_deliveries`); n != 0 {
		t.Errorf("%d deliveries stored; none of these should be", n)
	}
}

func TestOversizedBodyIsRefused(t *testing.T) {
	r := start(t, testConfig(t, nil))
	body := bytes.Repeat([]byte(" "), MaxWebhookBody+1)
	if code := post(t, r.URL, "check_run", newDeliveryID(), body, Sign([]byte(testSecret), body)); code != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413", code)
	}
	// Without a Content-Length the limit is enforced while reading.
	pr, pw := io.Pipe()
	go func() {
		chunk := bytes.Repeat([]byte(" "), 1<<20)
		for i := 0; i < 26; i++ {
			if _, err := pw.Write(chunk); err != nil {
				return
			}
		}
		pw.Close()
	}()
	req, _ := http.NewRequest(http.MethodPost, r.URL+"/webhook", pr)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-GitHub-Event", "check_run")
	req.Header.Set("X-GitHub-Delivery", newDeliveryID())
	req.Header.Set("X-Hub-Signature-256", "sha256="+strings.Repeat("0", 64))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	pr.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("chunked: status %d, want 413", resp.StatusCode)
	}
}

func TestEmptySecretRefusesToStart(t *testing.T) {
	_, err := ParseConfig(map[string]string{"GITHUB_APP_ID": "1", "GITHUB_PRIVATE_KEY": testKey()})
	if err == nil || !strings.Contains(err.Error(), "GITHUB_WEBHOOK_SECRET") {
		t.Fatalf("err = %v, want one naming GITHUB_WEBHOOK_SECRET", err)
	}
}

func TestSameDeliveryManyTimes(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	seedFailingPR(fake, goTestLog)
	r := start(t, testConfig(t, fake))
	body := fixture(t, "webhooks/check_run_failure.json")
	id := newDeliveryID()
	for i := 0; i < 50; i++ {
		if code := r.deliver(t, "check_run", id, body); code != http.StatusAccepted && code != http.StatusOK {
			t.Fatalf("delivery %d: status %d", i, code)
		}
	}
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if code := r.deliver(t, "check_run", id, body); code != http.StatusOK {
				t.Errorf("concurrent duplicate: status %d, want 200", code)
			}
		}()
	}
	wg.Wait()
	waitFor(t, 10*time.Second, "the delivery to be processed", func() bool {
		status, _, _ := r.deliveryStatus(t, id)
		return status == statusDone
	})
	if n := r.count(t, `SELECT COUNT(*) FROM river_job`); n != 1 {
		t.Errorf("%d jobs, want 1", n)
	}
	if got := len(fake.Comments(testOwner, testRepo, 7)); got != 1 {
		t.Errorf("%d comments, want 1", got)
	}
}

func TestSlowHeadersAreCut(t *testing.T) {
	cfg := testConfig(t, nil)
	cfg.ReadHeaderTimeout = 300 * time.Millisecond
	r := start(t, cfg)
	conn, err := net.Dial("tcp", strings.TrimPrefix(r.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// A slow-loris client: a request line and one header, then nothing.
	fmt.Fprintf(conn, "POST /webhook HTTP/1.1\r\nHost: x\r\nX-GitHub-Event: check_run\r\n")
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	start := time.Now()
	_, err = io.ReadAll(conn)
	if err != nil {
		t.Fatalf("the server did not close the connection: %v", err)
	}
	if waited := time.Since(start); waited > 3*time.Second {
		t.Errorf("connection cut after %s, want about the 300ms header timeout", waited)
	}
}
