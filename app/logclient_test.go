package app

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
)

func TestPublicAddresses(t *testing.T) {
	for addr, want := range map[string]bool{
		"140.82.112.3": true, "2606:50c0:8000::154": true,
		"127.0.0.1": false, "::1": false, "10.1.2.3": false, "172.16.0.9": false, "192.168.1.1": false,
		"169.254.169.254": false, "100.64.1.1": false, "0.0.0.0": false, "::ffff:127.0.0.1": false, "fd00::1": false,
	} {
		if got := public(netip.MustParseAddr(addr)); got != want {
			t.Errorf("public(%s) = %v, want %v", addr, got, want)
		}
	}
}

// TestLogClientRefusesPrivateAndPlainHosts downloads from loopback, by
// address and by name, and over plain http: each is refused before any
// byte reaches the server.
func TestLogClientRefusesPrivateAndPlainHosts(t *testing.T) {
	t.Setenv("HTTPS_PROXY", "")
	t.Setenv("https_proxy", "")
	hits := 0
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits++ }))
	defer srv.Close()
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits++ }))
	defer plain.Close()
	c := newLogClient(false)
	c.Transport.(*logTransport).next.(*http.Transport).TLSClientConfig = srv.Client().Transport.(*http.Transport).TLSClientConfig
	port := srv.URL[strings.LastIndex(srv.URL, ":"):]
	for _, u := range []string{srv.URL + "/log", "https://localhost" + port + "/log", plain.URL + "/log"} {
		resp, err := c.Get(u)
		if err == nil {
			resp.Body.Close()
			t.Errorf("%s: downloaded, want refused", u)
		} else if !errors.Is(err, errLogHost) {
			t.Errorf("%s: err = %v, want errLogHost", u, err)
		}
	}
	if hits != 0 {
		t.Errorf("%d requests reached the servers", hits)
	}
	if resp, err := newLogClient(true).Get(plain.URL + "/log"); err != nil || resp.StatusCode != 200 {
		t.Errorf("with private hosts allowed: %v", err)
	} else {
		resp.Body.Close()
	}
}

// redirecting answers every request with a redirect to its target.
type redirecting struct {
	target string
	seen   []string
}

func (r *redirecting) RoundTrip(req *http.Request) (*http.Response, error) {
	r.seen = append(r.seen, req.URL.String())
	h := http.Header{"Location": {r.target}}
	return &http.Response{StatusCode: http.StatusFound, Header: h, Body: http.NoBody, Request: req}, nil
}

// TestLogClientChecksRedirects follows a redirect from public https storage
// to plain http and to a private address: neither is requested.
func TestLogClientChecksRedirects(t *testing.T) {
	for _, target := range []string{"http://logs.example.com/x", "https://10.0.0.5/x", "https://[::1]/x", "https://169.254.169.254/latest"} {
		rt := &redirecting{target: target}
		c := newLogClient(false)
		c.Transport = &logTransport{next: rt}
		_, err := c.Get("https://results-receiver.actions.githubusercontent.com/log?sig=x")
		if !errors.Is(err, errLogHost) {
			t.Errorf("redirect to %s: err = %v, want errLogHost", target, err)
		}
		if len(rt.seen) != 1 {
			t.Errorf("redirect to %s: requested %v", target, rt.seen)
		}
	}
}
