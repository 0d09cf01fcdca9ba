package app

import (
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// rawGet sends path as written (no client-side cleaning) and returns the
// status and body.
func rawGet(t *testing.T, base, path string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	io.WriteString(conn, "GET "+path+" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
	b, _ := io.ReadAll(conn)
	head, body, _ := strings.Cut(string(b), "\r\n\r\n")
	var code int
	if f := strings.Fields(head); len(f) > 1 {
		code, _ = strconv.Atoi(f[1])
	}
	return code, body
}

// TestStaticServesOnlyItsFiles asks /static/ for its listing, for the
// templates beside it and for paths that climb out: only the style sheet
// and icon are served.
func TestStaticServesOnlyItsFiles(t *testing.T) {
	r := start(t, testConfig(t, nil))
	if code, body := rawGet(t, r.URL, "/static/app.css"); code != http.StatusOK || !strings.Contains(body, "{") {
		t.Errorf("/static/app.css: %d", code)
	}
	if code, _ := rawGet(t, r.URL, "/static/favicon.svg"); code != http.StatusOK {
		t.Errorf("/static/favicon.svg: %d", code)
	}
	for _, path := range []string{
		"/static/", "/static", "/static/templates/layout.html", "/static/../templates/layout.html",
		"/static/%2e%2e/templates/layout.html", "/static/..%2ftemplates%2flayout.html", "/static/static/app.css",
		"/static/.", "/static/%2e",
	} {
		code, body := rawGet(t, r.URL, path)
		if code == http.StatusOK || strings.Contains(body, "<a href") || strings.Contains(body, "{{") {
			t.Errorf("%s: status %d, body %.80q", path, code, body)
		}
	}
}
