package githubtest

import (
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
)

var (
	reToken       = regexp.MustCompile(`^/app/installations/(\d+)/access_tokens$`)
	reApp         = regexp.MustCompile(`^/app$`)
	rePull        = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/pulls/(\d+)$`)
	reCommitPulls = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/commits/([^/]+)/pulls$`)
	reCheckRuns   = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/commits/([^/]+)/check-runs$`)
	reAnnotations = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/check-runs/(\d+)/annotations$`)
	reJobLogs     = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/actions/jobs/(\d+)/logs$`)
	reJob         = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/actions/jobs/(\d+)$`)
	reComments    = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/issues/(\d+)/comments$`)
	reComment     = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/issues/comments/(\d+)$`)
	rePRComments  = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/pulls/(\d+)/comments$`)
	reReply       = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/pulls/(\d+)/comments/(\d+)/replies$`)
	rePRComment   = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/pulls/comments/(\d+)$`)
	reReactions   = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/(issues|pulls)/comments/(\d+)/reactions$`)
	reDeliveries  = regexp.MustCompile(`^/app/hook/deliveries$`)
	reRedeliver   = regexp.MustCompile(`^/app/hook/deliveries/(\d+)/attempts$`)
	reRuns        = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/actions/runs$`)
	reWorkflow    = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/actions/workflows/(\d+)$`)
	reContents    = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/contents/(.+)$`)
	rePermission  = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/collaborators/([^/]+)/permission$`)
)

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
	p := r.URL.Path
	var m []string
	match := func(re *regexp.Regexp, method string) bool {
		m = re.FindStringSubmatch(p)
		return m != nil && r.Method == method
	}
	switch {
	case match(reApp, http.MethodGet):
		writeJSON(w, http.StatusOK, map[string]any{"id": 1, "slug": strings.TrimSuffix(s.AppLogin, "[bot]")})
	case match(reToken, http.MethodPost):
		writeJSON(w, http.StatusCreated, map[string]any{"token": "ghs_faketoken" + m[1], "expires_at": time.Now().Add(time.Hour)})
	case match(rePull, http.MethodGet):
		pr, ok := s.pulls[fmt.Sprintf("%s/%s#%s", m[1], m[2], m[3])]
		if !ok {
			notFound(w)
			return
		}
		writeJSON(w, http.StatusOK, pr)
	case match(reCommitPulls, http.MethodGet):
		var out []*github.PullRequest
		for _, pr := range s.pulls {
			if pr.GetHead().GetSHA() == m[3] && pr.GetBase().GetRepo().GetName() == m[2] {
				out = append(out, pr)
			}
		}
		writeJSON(w, http.StatusOK, out)
	case match(reCheckRuns, http.MethodGet):
		s.serveCheckRuns(w, r, m[1]+"/"+m[2]+"@"+m[3])
	case match(reAnnotations, http.MethodGet):
		id, _ := strconv.ParseInt(m[3], 10, 64)
		writeJSON(w, http.StatusOK, page(w, r, s.annotations[id]))
	case match(reJobLogs, http.MethodGet):
		id, _ := strconv.ParseInt(m[3], 10, 64)
		if _, ok := s.logs[id]; !ok {
			writeJSON(w, http.StatusGone, map[string]string{"message": "Log has expired"})
			return
		}
		http.Redirect(w, r, fmt.Sprintf("%s/jobs/%d/log.txt?sig=short-lived", s.Logs.URL, id), http.StatusFound)
	case match(reJob, http.MethodGet):
		id, _ := strconv.ParseInt(m[3], 10, 64)
		job, ok := s.jobs[id]
		if !ok {
			notFound(w)
			return
		}
		writeJSON(w, http.StatusOK, job)
	case match(reComments, http.MethodGet):
		writeJSON(w, http.StatusOK, page(w, r, s.comments[fmt.Sprintf("%s/%s#%s", m[1], m[2], m[3])]))
	case match(reComments, http.MethodPost):
		s.createComment(w, body, fmt.Sprintf("%s/%s#%s", m[1], m[2], m[3]))
	case match(reComment, http.MethodPatch):
		s.editComment(w, body, m[3])
	case match(reComment, http.MethodDelete):
		s.deleteComment(w, m[3])
	case match(rePRComments, http.MethodGet):
		writeJSON(w, http.StatusOK, page(w, r, s.reviewComments[fmt.Sprintf("%s/%s#%s", m[1], m[2], m[3])]))
	case match(reReply, http.MethodPost):
		s.replyToReviewComment(w, body, fmt.Sprintf("%s/%s#%s", m[1], m[2], m[3]), m[4])
	case match(rePRComments, http.MethodPost):
		// go-github replies in a thread by posting with in_reply_to.
		var in struct {
			InReplyTo int64 `json:"in_reply_to"`
		}
		json.Unmarshal(body, &in)
		if in.InReplyTo == 0 {
			writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"message": "this fake only creates replies"})
			return
		}
		s.replyToReviewComment(w, body, fmt.Sprintf("%s/%s#%s", m[1], m[2], m[3]), strconv.FormatInt(in.InReplyTo, 10))
	case match(rePRComment, http.MethodGet):
		key, i := s.findReviewComment(m[3])
		if i < 0 {
			notFound(w)
			return
		}
		writeJSON(w, http.StatusOK, s.reviewComments[key][i])
	case match(rePRComment, http.MethodPatch):
		s.editReviewComment(w, body, m[3])
	case match(rePRComment, http.MethodDelete):
		s.deleteReviewComment(w, m[3])
	case match(reReactions, http.MethodPost):
		var in struct{ Content string }
		json.Unmarshal(body, &in)
		s.reactions = append(s.reactions, Reaction{Kind: m[3], CommentID: m[4], Content: in.Content})
		writeJSON(w, http.StatusCreated, map[string]any{"id": 1, "content": in.Content})
	case match(reDeliveries, http.MethodGet):
		writeJSON(w, http.StatusOK, s.hookDeliveries)
	case match(reRedeliver, http.MethodPost):
		id, _ := strconv.ParseInt(m[1], 10, 64)
		s.redelivered = append(s.redelivered, id)
		writeJSON(w, http.StatusAccepted, map[string]any{})
	case match(reRuns, http.MethodGet):
		var out []*github.WorkflowRun
		for _, run := range s.workflowRuns[m[1]+"/"+m[2]] {
			if sha := r.URL.Query().Get("head_sha"); sha == "" || run.GetHeadSHA() == sha {
				out = append(out, run)
			}
		}
		writeJSON(w, http.StatusOK, map[string]any{"total_count": len(out), "workflow_runs": out})
	case match(reWorkflow, http.MethodGet):
		id, _ := strconv.ParseInt(m[3], 10, 64)
		wf, ok := s.workflows[id]
		if !ok {
			notFound(w)
			return
		}
		writeJSON(w, http.StatusOK, wf)
	case match(reContents, http.MethodGet):
		text, ok := s.files[m[1]+"/"+m[2]+"/"+m[3]]
		if !ok {
			notFound(w)
			return
		}
		sum := sha1.Sum([]byte(text))
		writeJSON(w, http.StatusOK, map[string]any{"type": "file", "encoding": "base64", "name": path.Base(m[3]), "path": m[3],
			"content": base64.StdEncoding.EncodeToString([]byte(text)), "size": len(text), "sha": hex.EncodeToString(sum[:])})
	case match(rePermission, http.MethodGet):
		perm, ok := s.permissions[m[3]]
		if perm == "error" {
			writeJSON(w, http.StatusInternalServerError, map[string]string{"message": "Server Error"})
			return
		}
		if !ok {
			writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"permission": perm, "user": map[string]string{"login": m[3]}})
	default:
		notFound(w)
	}
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

func (s *Server) createComment(w http.ResponseWriter, body []byte, key string) {
	var in github.IssueComment
	if err := json.Unmarshal(body, &in); err != nil || in.GetBody() == "" {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"message": "Validation Failed"})
		return
	}
	if len([]rune(in.GetBody())) > 65536 {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"message": "body is too long (maximum is 65536 characters)"})
		return
	}
	s.nextID++
	c := &github.IssueComment{ID: github.Int64(s.nextID), Body: in.Body, CreatedAt: now(), UpdatedAt: now(),
		User: &github.User{Login: github.String(s.AppLogin), Type: github.String("Bot")}}
	s.comments[key] = append(s.comments[key], c)
	writeJSON(w, http.StatusCreated, c)
}

func (s *Server) findComment(id string) (key string, i int) {
	for k, cs := range s.comments {
		for i, c := range cs {
			if strconv.FormatInt(c.GetID(), 10) == id {
				return k, i
			}
		}
	}
	return "", -1
}

func (s *Server) editComment(w http.ResponseWriter, body []byte, id string) {
	key, i := s.findComment(id)
	var in github.IssueComment
	if i < 0 {
		notFound(w)
		return
	}
	if err := json.Unmarshal(body, &in); err != nil || in.GetBody() == "" || len([]rune(in.GetBody())) > 65536 {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"message": "Validation Failed"})
		return
	}
	c := s.comments[key][i]
	c.Body, c.UpdatedAt = in.Body, now()
	writeJSON(w, http.StatusOK, c)
}

func (s *Server) deleteComment(w http.ResponseWriter, id string) {
	key, i := s.findComment(id)
	if i < 0 {
		notFound(w)
		return
	}
	s.comments[key] = append(s.comments[key][:i], s.comments[key][i+1:]...)
	w.WriteHeader(http.StatusNoContent)
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

func (s *Server) replyToReviewComment(w http.ResponseWriter, body []byte, key, parent string) {
	var in struct{ Body string }
	if err := json.Unmarshal(body, &in); err != nil || in.Body == "" {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"message": "Validation Failed"})
		return
	}
	parentID, _ := strconv.ParseInt(parent, 10, 64)
	found := false
	for _, c := range s.reviewComments[key] {
		found = found || c.GetID() == parentID
	}
	if !found {
		notFound(w)
		return
	}
	s.nextID++
	c := &github.PullRequestComment{ID: github.Int64(s.nextID), Body: github.String(in.Body), InReplyTo: github.Int64(parentID),
		User: &github.User{Login: github.String(s.AppLogin), Type: github.String("Bot")}, CreatedAt: now(), UpdatedAt: now()}
	s.reviewComments[key] = append(s.reviewComments[key], c)
	writeJSON(w, http.StatusCreated, c)
}

func (s *Server) findReviewComment(id string) (string, int) {
	for k, cs := range s.reviewComments {
		for i, c := range cs {
			if strconv.FormatInt(c.GetID(), 10) == id {
				return k, i
			}
		}
	}
	return "", -1
}

func (s *Server) editReviewComment(w http.ResponseWriter, body []byte, id string) {
	key, i := s.findReviewComment(id)
	var in struct{ Body string }
	if i < 0 {
		notFound(w)
		return
	}
	if err := json.Unmarshal(body, &in); err != nil || in.Body == "" {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"message": "Validation Failed"})
		return
	}
	c := s.reviewComments[key][i]
	c.Body, c.UpdatedAt = github.String(in.Body), now()
	writeJSON(w, http.StatusOK, c)
}

func (s *Server) deleteReviewComment(w http.ResponseWriter, id string) {
	key, i := s.findReviewComment(id)
	if i < 0 {
		notFound(w)
		return
	}
	s.reviewComments[key] = append(s.reviewComments[key][:i], s.reviewComments[key][i+1:]...)
	w.WriteHeader(http.StatusNoContent)
}
