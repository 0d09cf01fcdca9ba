package githubtest

import (
	"bytes"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
)

// serve records the request, answers with a queued fault if one matches,
// and otherwise routes it through the fake's ServeMux under s.mu.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.waitHold(r.Method, r.URL.Path)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery,
		Auth: r.Header.Get("Authorization"), Body: body})
	if f := s.takeFault(r.Method, r.URL.Path); f != nil {
		for k, v := range f.Header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(f.Status)
		io.WriteString(w, f.Body)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	s.mux.ServeHTTP(w, r)
}

// route is a fake endpoint; it runs with s.mu held and the request's body read.
type route func(w http.ResponseWriter, r *http.Request, body []byte)

// newMux routes every endpoint the fake knows; anything else is a 404.
func (s *Server) newMux() *http.ServeMux {
	mux := http.NewServeMux()
	handle := func(pattern string, h route) {
		mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			h(w, r, body)
		})
	}
	for pattern, h := range s.appRoutes() {
		handle(pattern, h)
	}
	for _, routes := range []map[string]route{s.readRoutes(), s.commentRoutes(), s.reactionRoutes()} {
		for pattern, h := range routes {
			// "GET /pulls/{number}" is served at /repos/{owner}/{repo}/pulls/{number}.
			handle(strings.Replace(pattern, " ", " /repos/{owner}/{repo}", 1), h)
		}
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { notFound(w) })
	return mux
}

// key names a pull request in the fake's maps: "owner/repo#n".
func key(r *http.Request, n string) string {
	return r.PathValue("owner") + "/" + r.PathValue("repo") + "#" + n
}

// id is the numeric path value name.
func id(r *http.Request, name string) int64 {
	v, _ := strconv.ParseInt(r.PathValue(name), 10, 64)
	return v
}

// appRoutes are the endpoints the app calls as itself, with its JWT.
func (s *Server) appRoutes() map[string]route {
	return map[string]route{
		"GET /app": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			writeJSON(w, http.StatusOK, map[string]any{"id": 1, "slug": strings.TrimSuffix(s.AppLogin, "[bot]")})
		},
		"POST /app/installations/{id}/access_tokens": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			writeJSON(w, http.StatusCreated, map[string]any{"token": "ghs_faketoken" + r.PathValue("id"), "expires_at": time.Now().Add(time.Hour)})
		},
		"GET /app/hook/deliveries": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			writeJSON(w, http.StatusOK, s.hookDeliveries)
		},
		"POST /app/hook/deliveries/{id}/attempts": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			s.redelivered = append(s.redelivered, id(r, "id"))
			writeJSON(w, http.StatusAccepted, map[string]any{})
		},
	}
}

// readRoutes are a repository's read endpoints.
func (s *Server) readRoutes() map[string]route {
	return map[string]route{
		"GET /pulls/{number}": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			serveFound(w, s.pulls[key(r, r.PathValue("number"))])
		},
		"GET /commits/{sha}/pulls": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			var out []*github.PullRequest
			for _, pr := range s.pulls {
				if pr.GetHead().GetSHA() == r.PathValue("sha") && pr.GetBase().GetRepo().GetName() == r.PathValue("repo") {
					out = append(out, pr)
				}
			}
			writeJSON(w, http.StatusOK, out)
		},
		"GET /commits/{sha}/check-runs": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			s.serveCheckRuns(w, r, r.PathValue("owner")+"/"+r.PathValue("repo")+"@"+r.PathValue("sha"))
		},
		"GET /check-runs/{id}/annotations": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			writeJSON(w, http.StatusOK, page(w, r, s.annotations[id(r, "id")]))
		},
		"GET /actions/jobs/{id}/logs": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			if _, ok := s.logs[id(r, "id")]; !ok {
				writeJSON(w, http.StatusGone, map[string]string{"message": "Log has expired"})
				return
			}
			http.Redirect(w, r, fmt.Sprintf("%s/jobs/%d/log.txt?sig=short-lived", s.Logs.URL, id(r, "id")), http.StatusFound)
		},
		"GET /actions/jobs/{id}": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			serveFound(w, s.jobs[id(r, "id")])
		},
		"GET /actions/runs": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			var out []*github.WorkflowRun
			for _, run := range s.workflowRuns[r.PathValue("owner")+"/"+r.PathValue("repo")] {
				if sha := r.URL.Query().Get("head_sha"); sha == "" || run.GetHeadSHA() == sha {
					out = append(out, run)
				}
			}
			writeJSON(w, http.StatusOK, map[string]any{"total_count": len(out), "workflow_runs": out})
		},
		"GET /actions/workflows/{id}": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			serveFound(w, s.workflows[id(r, "id")])
		},
		"GET /contents/{path...}":              s.serveContents,
		"GET /collaborators/{user}/permission": s.servePermission,
	}
}

func (s *Server) serveContents(w http.ResponseWriter, r *http.Request, _ []byte) {
	p := r.PathValue("path")
	text, ok := s.files[r.PathValue("owner")+"/"+r.PathValue("repo")+"/"+p]
	if !ok {
		notFound(w)
		return
	}
	sum := sha1.Sum([]byte(text))
	writeJSON(w, http.StatusOK, map[string]any{"type": "file", "encoding": "base64", "name": path.Base(p), "path": p,
		"content": base64.StdEncoding.EncodeToString([]byte(text)), "size": len(text), "sha": hex.EncodeToString(sum[:])})
}

func (s *Server) servePermission(w http.ResponseWriter, r *http.Request, _ []byte) {
	login := r.PathValue("user")
	perm, ok := s.permissions[login]
	if perm == "error" {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"message": "Server Error"})
		return
	}
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"permission": perm, "user": map[string]string{"login": login}})
}

// serveFound writes v, or a 404 when it is nil.
func serveFound[T any](w http.ResponseWriter, v *T) {
	if v == nil {
		notFound(w)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func (s *Server) serveCheckRuns(w http.ResponseWriter, r *http.Request, key string) {
	runs := s.checkRuns[key]
	if name := r.URL.Query().Get("check_name"); name != "" {
		var kept []*github.CheckRun
		for _, run := range runs {
			if run.GetName() == name {
				kept = append(kept, run)
			}
		}
		runs = kept
	}
	total := len(runs)
	writeJSON(w, http.StatusOK, github.ListCheckRunsResults{Total: &total, CheckRuns: page(w, r, runs)})
}

// serveLog plays the blob storage a job-log redirect points to.
func (s *Server) serveLog(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.logRequests = append(s.logRequests, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Auth: r.Header.Get("Authorization")})
	var id int64
	_, err := fmt.Sscanf(r.URL.Path, "/jobs/%d/log.txt", &id)
	text, ok := s.logs[id]
	s.mu.Unlock()
	if err != nil || !ok {
		http.Error(w, "The specified blob does not exist.", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	io.WriteString(w, text)
}
