package app

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"os"
	"syscall"
	"time"
)

// errLogHost refuses a log download from a place GitHub would not send one.
var errLogHost = errors.New("log downloads go only to https on public hosts")

// newLogClient is the client that downloads job logs from the short-lived
// URLs GitHub redirects to. Unless private is set (tests, or a GitHub
// Enterprise Server whose storage is internal: PRCOACH_LOG_PRIVATE_HOSTS),
// every request and redirect must be https and every connection must reach
// a public address: not loopback, private, link-local or unspecified,
// checked on the address actually dialled.
func newLogClient(private bool) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	if !private {
		d := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
		if !proxied() {
			d.Control = func(_, address string, _ syscall.RawConn) error { return publicAddr(address) }
		}
		tr.DialContext = d.DialContext
	}
	return &http.Client{
		Timeout:   2 * time.Minute,
		Transport: &logTransport{next: tr, private: private},
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return errors.New("too many redirects")
			}
			return nil
		},
	}
}

// proxied reports whether an HTTPS proxy is configured; then connections go
// to the proxy, and only the URL checks apply.
func proxied() bool {
	return os.Getenv("HTTPS_PROXY") != "" || os.Getenv("https_proxy") != ""
}

// logTransport checks each request's URL, the first and every redirect.
type logTransport struct {
	next    http.RoundTripper
	private bool
}

// RoundTrip implements http.RoundTripper.
func (t *logTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !t.private {
		if req.URL.Scheme != "https" {
			return nil, fmt.Errorf("%w: %s", errLogHost, req.URL.Scheme)
		}
		if ip, err := netip.ParseAddr(req.URL.Hostname()); err == nil && !public(ip) {
			return nil, fmt.Errorf("%w: %s", errLogHost, ip)
		}
	}
	return t.next.RoundTrip(req)
}

// publicAddr checks a dialled "ip:port".
func publicAddr(address string) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s", errLogHost, address)
	}
	if !public(ap.Addr()) {
		return fmt.Errorf("%w: %s", errLogHost, ap.Addr())
	}
	return nil
}

// public reports whether ip is a global unicast address outside the
// private, shared (CGNAT) and loopback ranges.
func public(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsGlobalUnicast() || ip.IsPrivate() || ip.IsLoopback() || ip.IsLinkLocalUnicast() {
		return false
	}
	return !cgnat.Contains(ip)
}

// cgnat is the shared address space of RFC 6598.
var cgnat = netip.MustParsePrefix("100.64.0.0/10")
