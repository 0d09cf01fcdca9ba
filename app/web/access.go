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

// Access decides who may see the pages: callers on this machine always;
// others only with Token (PRCOACH_DASHBOARD_TOKEN), when one is set, as a
// bearer token or in the cookie Login sets.
type Access struct {
	Token string
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
	return FromLoopback(req)
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
