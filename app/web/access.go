package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net"
	"net/http"
	"strings"
)

// CookieName is the cookie that carries proof of the dashboard token.
const CookieName = "prcoach_dashboard"

// Access decides who may see the pages: callers on this machine always,
// when they name this machine in the Host header; others only with Token
// (PRCOACH_DASHBOARD_TOKEN), when one is set, as a bearer token or in the
// cookie Login sets.
type Access struct {
	Token string
	// Hosts are the Host names besides localhost and loopback addresses
	// under which a caller on this machine may reach the pages (the public
	// URL's host). Any other name is a page whose name was rebound to this
	// machine's address (DNS rebinding), and is refused.
	Hosts []string
}

// Allows reports whether req may see the pages.
func (ac Access) Allows(req *http.Request) bool {
	if ac.Token != "" {
		auth, _ := strings.CutPrefix(req.Header.Get("Authorization"), "Bearer ")
		if sameSecret(auth, ac.Token) {
			return true
		}
		if c, err := req.Cookie(CookieName); err == nil && sameSecret(c.Value, ac.cookieValue()) {
			return true
		}
	}
	return FromLoopback(req) && ac.localHost(req.Host)
}

// localHost reports whether host, the request's Host header, names this
// machine: localhost, a loopback address or one of ac.Hosts.
func (ac Access) localHost(host string) bool {
	name := host
	if h, _, err := net.SplitHostPort(host); err == nil {
		name = h
	}
	name = strings.ToLower(strings.TrimSuffix(strings.Trim(name, "[]"), "."))
	if name == "localhost" || strings.HasSuffix(name, ".localhost") {
		return true
	}
	if ip := net.ParseIP(name); ip != nil {
		return ip.IsLoopback()
	}
	for _, h := range ac.Hosts {
		if strings.EqualFold(name, h) {
			return true
		}
	}
	return false
}

// Login handles a ?token= on req. It reports whether the query carries a
// token at all (ignored when no token is configured); when it does and the token is right, it sets the cookie
// and returns the same address without the token to redirect to, so the
// token does not stay in the address bar or the history.
func (ac Access) Login(w http.ResponseWriter, req *http.Request) (present, ok bool, target string) {
	q := req.URL.Query()
	given := q.Get("token")
	if given == "" || ac.Token == "" {
		return false, false, ""
	}
	if !sameSecret(given, ac.Token) {
		return true, false, ""
	}
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: ac.cookieValue(), Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: req.TLS != nil || req.Header.Get("X-Forwarded-Proto") == "https"})
	q.Del("token")
	target = req.URL.Path
	if len(q) > 0 {
		target += "?" + q.Encode()
	}
	return true, true, target
}

// cookieValue is derived from the token, so the cookie never reveals it.
func (ac Access) cookieValue() string {
	sum := sha256.Sum256([]byte("prcoach-dashboard-cookie:" + ac.Token))
	return hex.EncodeToString(sum[:])
}

func sameSecret(given, want string) bool {
	return given != "" && want != "" && subtle.ConstantTimeCompare([]byte(given), []byte(want)) == 1
}

// FromLoopback reports whether req's connection comes from this machine and
// was not relayed by a proxy. It reads the connection's address, never a
// header; a request carrying Forwarded, X-Forwarded-For or X-Real-IP came
// through a proxy, whose own loopback address says nothing of the caller.
func FromLoopback(req *http.Request) bool {
	if req.Header.Get("Forwarded") != "" || req.Header.Get("X-Forwarded-For") != "" || req.Header.Get("X-Real-Ip") != "" {
		return false
	}
	host, _, err := net.SplitHostPort(req.RemoteAddr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
