package settings

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-github/v60/github"
)

// contentsServer serves the contents API from a map of
// "owner/repo" → file text, and records the requests it gets.
type contentsServer struct {
	*httptest.Server
	mu       sync.Mutex
	files    map[string]string // "owner/repo" → YAML
	raw      map[string]string // "owner/repo" → response body served as is
	status   map[string]int    // "owner/repo" → status to answer instead
	requests []string          // "owner/repo?ref=…"
}

func newContentsServer(t *testing.T) *contentsServer {
	s := &contentsServer{files: map[string]string{}, raw: map[string]string{}, status: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *contentsServer) serve(w http.ResponseWriter, r *http.Request) {
	parts := strings.SplitN(strings.TrimPrefix(r.URL.Path, "/repos/"), "/", 4)
	if r.Method != http.MethodGet || len(parts) != 4 || parts[2] != "contents" || parts[3] != Path {
		http.Error(w, `{"message":"unexpected request"}`, http.StatusBadRequest)
		return
	}
	repo := parts[0] + "/" + parts[1]
	s.mu.Lock()
	s.requests = append(s.requests, repo+"?"+r.URL.RawQuery)
	text, ok := s.files[repo]
	raw, isRaw := s.raw[repo]
	status := s.status[repo]
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	switch {
	case status != 0:
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"message":"status %d"}`, status)
	case isRaw:
		fmt.Fprint(w, raw)
	case !ok:
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"message":"Not Found"}`)
	default:
		// GitHub wraps base64 at 60 characters with "\n".
		enc := base64.StdEncoding.EncodeToString([]byte(text))
		var wrapped strings.Builder
		for len(enc) > 60 {
			wrapped.WriteString(enc[:60] + "\n")
			enc = enc[60:]
		}
		wrapped.WriteString(enc)
		json.NewEncoder(w).Encode(map[string]any{"type": "file", "encoding": "base64", "size": len(text),
			"name": "prcoach.yml", "path": Path, "sha": fmt.Sprintf("sha-%d", len(text)), "content": wrapped.String()})
	}
}

func (s *contentsServer) set(repo, text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[repo] = text
}

func (s *contentsServer) setStatus(repo string, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.status[repo] = status
}

// took returns and forgets the requests made so far.
func (s *contentsServer) took() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.requests
	s.requests = nil
	return r
}

func (s *contentsServer) client(t *testing.T) *github.Client {
	c := github.NewClient(nil)
	u, err := url.Parse(s.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	c.BaseURL = u
	return c
}

// fakeClock is a settable clock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}
