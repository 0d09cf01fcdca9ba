// Package githubtest is a fake GitHub for tests: an httptest server on
// loopback that answers the REST endpoints PR Coach uses from in-memory
// state, records every request, and can be told to fail. Real go-github
// and ghinstallation clients are pointed at it. A second server plays the
// storage that job-log redirects point to.
package githubtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/go-github/v60/github"
)

// Request is one request the fake received.
type Request struct {
	Method, Path, Query, Auth string
	Body                      []byte
}

// Fault is a canned answer served instead of the real one.
type Fault struct {
	Status  int
	Header  map[string]string
	Body    string
	matches func(method, path string) bool
}

// Server is the fake GitHub. Its fields are guarded by mu; use the methods.
type Server struct {
	*httptest.Server
	// Logs is the fake log storage that /actions/jobs/{id}/logs redirects to.
	Logs *httptest.Server

	mu          sync.Mutex
	requests    []Request
	logRequests []Request
	faults      []*Fault
	pulls       map[string]*github.PullRequest // "owner/repo#n"
	checkRuns   map[string][]*github.CheckRun  // "owner/repo@ref"
	annotations map[int64][]*github.CheckRunAnnotation
	jobs        map[int64]*github.WorkflowJob
	logs        map[int64]string // job ID → log text; absent = expired
	comments    map[string][]*github.IssueComment
	// reviewComments are pull request review comments, by "owner/repo#n".
	reviewComments map[string][]*github.PullRequestComment
	reactions      []Reaction
	people         peopleReactions   // see reactions.go
	permissions    map[string]string // login → admin, write, read, none
	files          map[string]string // "owner/repo/path" → content
	workflowRuns   map[string][]*github.WorkflowRun
	workflows      map[int64]*github.Workflow
	hookDeliveries []*github.HookDelivery
	redelivered    []int64
	nextID         int64
	holds          []*hold
	mux            *http.ServeMux
	// AppLogin is the login the app comments as.
	AppLogin string
}

// NewServer starts a fake GitHub and its log storage; Close both with Close.
func NewServer() *Server {
	s := &Server{
		pulls: map[string]*github.PullRequest{}, checkRuns: map[string][]*github.CheckRun{},
		annotations: map[int64][]*github.CheckRunAnnotation{}, jobs: map[int64]*github.WorkflowJob{},
		logs: map[int64]string{}, comments: map[string][]*github.IssueComment{},
		reviewComments: map[string][]*github.PullRequestComment{}, permissions: map[string]string{}, files: map[string]string{},
		workflowRuns: map[string][]*github.WorkflowRun{}, workflows: map[int64]*github.Workflow{},
		nextID: 1000, AppLogin: "prcoach[bot]",
	}
	s.mux = s.newMux()
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	s.Logs = httptest.NewServer(http.HandlerFunc(s.serveLog))
	return s
}

// Close stops both servers.
func (s *Server) Close() {
	s.Server.Close()
	s.Logs.Close()
}

// APIURL is the REST base to configure as GITHUB_API_URL.
func (s *Server) APIURL() string { return s.URL + "/" }

// AddPull stores a pull request.
func (s *Server) AddPull(owner, repo string, pr *github.PullRequest) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pulls[fmt.Sprintf("%s/%s#%d", owner, repo, pr.GetNumber())] = pr
}

// SetCheckRuns replaces the check runs of ref (a SHA or branch name).
func (s *Server) SetCheckRuns(owner, repo, ref string, runs ...*github.CheckRun) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.checkRuns[owner+"/"+repo+"@"+ref] = runs
}

// SetJob stores an Actions job and its log; log "" means it has expired.
func (s *Server) SetJob(job *github.WorkflowJob, log string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.jobs[job.GetID()] = job
	if log == "" {
		delete(s.logs, job.GetID())
	} else {
		s.logs[job.GetID()] = log
	}
}

// SetAnnotations stores the annotations of a check run.
func (s *Server) SetAnnotations(runID int64, anns ...*github.CheckRunAnnotation) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.annotations[runID] = anns
}

// AddComment stores a comment as if someone had posted it.
func (s *Server) AddComment(owner, repo string, number int, c *github.IssueComment) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	c.ID = github.Int64(s.nextID)
	key := fmt.Sprintf("%s/%s#%d", owner, repo, number)
	s.comments[key] = append(s.comments[key], c)
}

// Comments returns copies of the comments on an issue or PR.
func (s *Server) Comments(owner, repo string, number int) []github.IssueComment {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []github.IssueComment
	for _, c := range s.comments[fmt.Sprintf("%s/%s#%d", owner, repo, number)] {
		out = append(out, *c)
	}
	return out
}

// Reaction is a reaction the app added to a comment.
type Reaction struct {
	Kind      string // "issues" or "pulls"
	CommentID string
	Content   string
}

// Reactions returns the reactions added so far.
func (s *Server) Reactions() []Reaction {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Reaction(nil), s.reactions...)
}

// SetWorkflowRuns replaces a repository's workflow runs.
func (s *Server) SetWorkflowRuns(owner, repo string, runs ...*github.WorkflowRun) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.workflowRuns[owner+"/"+repo] = runs
}

// SetWorkflow stores a workflow definition.
func (s *Server) SetWorkflow(wf *github.Workflow) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.workflows[wf.GetID()] = wf
}

// SetHookDeliveries replaces the app's webhook delivery log.
func (s *Server) SetHookDeliveries(ds ...*github.HookDelivery) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hookDeliveries = ds
}

// Redelivered returns the delivery IDs the app asked GitHub to send again.
func (s *Server) Redelivered() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]int64(nil), s.redelivered...)
}

// SetFile stores a file on the repository's default branch.
func (s *Server) SetFile(owner, repo, path, content string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[owner+"/"+repo+"/"+path] = content
}

// SetPermission sets a user's permission on every repository.
func (s *Server) SetPermission(login, permission string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.permissions[login] = permission
}

// AddReviewComment stores a review comment as if someone had posted it,
// returning its ID.
func (s *Server) AddReviewComment(owner, repo string, number int, c *github.PullRequestComment) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.ID == nil {
		s.nextID++
		c.ID = github.Int64(s.nextID)
	}
	key := fmt.Sprintf("%s/%s#%d", owner, repo, number)
	s.reviewComments[key] = append(s.reviewComments[key], c)
	return c.GetID()
}

// ReviewComments returns copies of a pull request's review comments.
func (s *Server) ReviewComments(owner, repo string, number int) []github.PullRequestComment {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []github.PullRequestComment
	for _, c := range s.reviewComments[fmt.Sprintf("%s/%s#%d", owner, repo, number)] {
		out = append(out, *c)
	}
	return out
}

// Requests returns what the API server received, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// LogRequests returns what the log storage received.
func (s *Server) LogRequests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.logRequests...)
}

// Fail makes the next requests matching method and a path containing
// pathPart answer with each fault in turn, then behave normally again.
func (s *Server) Fail(method, pathPart string, faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range faults {
		f := faults[i]
		f.matches = func(m, p string) bool { return m == method && strings.Contains(p, pathPart) }
		s.faults = append(s.faults, &f)
	}
}

type hold struct {
	method, pathPart string
	arrived, release chan struct{}
}

// Hold makes the next request matching method and pathPart wait, before it
// is handled, until release is called; arrived is closed when it comes.
// Tests use it to kill a process while its request is in flight.
func (s *Server) Hold(method, pathPart string) (arrived <-chan struct{}, release func()) {
	h := &hold{method: method, pathPart: pathPart, arrived: make(chan struct{}), release: make(chan struct{})}
	s.mu.Lock()
	s.holds = append(s.holds, h)
	s.mu.Unlock()
	var once sync.Once
	return h.arrived, func() { once.Do(func() { close(h.release) }) }
}

// waitHold blocks a request that matches a hold until it is released.
func (s *Server) waitHold(method, path string) {
	s.mu.Lock()
	var h *hold
	for i, c := range s.holds {
		if c.method == method && strings.Contains(path, c.pathPart) {
			h = c
			s.holds = append(s.holds[:i], s.holds[i+1:]...)
			break
		}
	}
	s.mu.Unlock()
	if h != nil {
		close(h.arrived)
		<-h.release
	}
}

// takeFault returns and removes the first fault matching the request.
func (s *Server) takeFault(method, path string) *Fault {
	for i, f := range s.faults {
		if f.matches(method, path) {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
			return f
		}
	}
	return nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func notFound(w http.ResponseWriter) {
	writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
}

// page cuts items to the requested page, setting GitHub's Link header.
func page[T any](w http.ResponseWriter, r *http.Request, items []T) []T {
	per, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
	if per <= 0 {
		per = 30
	}
	p, _ := strconv.Atoi(r.URL.Query().Get("page"))
	p = max(p, 1)
	start := min((p-1)*per, len(items))
	end := min(start+per, len(items))
	if end < len(items) {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(p+1))
		w.Header().Set("Link", fmt.Sprintf(`<http://%s%s?%s>; rel="next"`, r.Host, r.URL.Path, q.Encode()))
	}
	return items[start:end]
}

func now() *github.Timestamp { return &github.Timestamp{Time: time.Now().UTC().Truncate(time.Second)} }
