package app

import (
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

// openFDs counts this process's open file descriptors.
func openFDs(t *testing.T) int {
	t.Helper()
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd")
	}
	return len(ents)
}

// TestConnectionsAreCapped opens 300 idle connections to a server capped at
// 8: the server holds at most 8 of them (the test's own 300 client sockets
// aside), a new request waits while they are held, and is served once they
// close.
func TestConnectionsAreCapped(t *testing.T) {
	cfg := testConfig(t, nil)
	cfg.MaxConns = 8
	r := start(t, cfg)
	addr := strings.TrimPrefix(r.URL, "http://")
	http.DefaultClient.CloseIdleConnections()
	before := openFDs(t)
	var conns []net.Conn
	for range 300 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	time.Sleep(300 * time.Millisecond)
	held := openFDs(t) - before - len(conns)
	t.Logf("300 idle connections: the server holds %d descriptors for them", held)
	if held > cfg.MaxConns+4 {
		t.Errorf("the server holds %d connections, want at most %d", held, cfg.MaxConns)
	}
	quick := &http.Client{Timeout: 300 * time.Millisecond, Transport: &http.Transport{}}
	if resp, err := quick.Get(r.URL + "/healthz"); err == nil {
		resp.Body.Close()
		t.Errorf("served a request while %d connections were held", cfg.MaxConns)
	}
	for _, c := range conns {
		c.Close()
	}
	waitFor(t, 5*time.Second, "healthz once the connections closed", func() bool {
		resp, err := quick.Get(r.URL + "/healthz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
}
