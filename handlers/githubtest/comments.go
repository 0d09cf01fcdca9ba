package githubtest

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/google/go-github/v60/github"
)

// commentRoutes are the endpoints of conversation comments, review
// comments and reactions.
func (s *Server) commentRoutes() map[string]route {
	return map[string]route{
		"GET /issues/{number}/comments": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			writeJSON(w, http.StatusOK, page(w, r, s.comments[key(r, r.PathValue("number"))]))
		},
		"POST /issues/{number}/comments": func(w http.ResponseWriter, r *http.Request, body []byte) {
			s.createComment(w, body, key(r, r.PathValue("number")))
		},
		"PATCH /issues/comments/{id}": func(w http.ResponseWriter, r *http.Request, body []byte) {
			s.editComment(w, body, r.PathValue("id"))
		},
		"DELETE /issues/comments/{id}": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			s.deleteComment(w, r.PathValue("id"))
		},
		// One pattern for two endpoints: GET pulls/{number}/comments and
		// GET pulls/comments/{id} would both match pulls/comments/comments.
		"GET /pulls/{a}/{b}": s.serveReviewCommentsGet,
		"POST /pulls/{number}/comments/{id}/replies": func(w http.ResponseWriter, r *http.Request, body []byte) {
			s.replyToReviewComment(w, body, key(r, r.PathValue("number")), r.PathValue("id"))
		},
		"POST /pulls/{number}/comments": func(w http.ResponseWriter, r *http.Request, body []byte) {
			// go-github replies in a thread by posting with in_reply_to.
			var in struct {
				InReplyTo int64 `json:"in_reply_to"`
			}
			json.Unmarshal(body, &in)
			if in.InReplyTo == 0 {
				writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"message": "this fake only creates replies"})
				return
			}
			s.replyToReviewComment(w, body, key(r, r.PathValue("number")), strconv.FormatInt(in.InReplyTo, 10))
		},
		"PATCH /pulls/comments/{id}": func(w http.ResponseWriter, r *http.Request, body []byte) {
			s.editReviewComment(w, body, r.PathValue("id"))
		},
		"DELETE /pulls/comments/{id}": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			s.deleteReviewComment(w, r.PathValue("id"))
		},
		"POST /issues/comments/{id}/reactions": s.reaction("issues"),
		"POST /pulls/comments/{id}/reactions":  s.reaction("pulls"),
	}
}

// serveReviewCommentsGet lists PR {a}'s review comments (b is "comments"),
// or reads review comment {b} (a is "comments").
func (s *Server) serveReviewCommentsGet(w http.ResponseWriter, r *http.Request, _ []byte) {
	a, b := r.PathValue("a"), r.PathValue("b")
	switch {
	case a == "comments":
		k, i := findByID(s.reviewComments, b)
		if i < 0 {
			notFound(w)
			return
		}
		writeJSON(w, http.StatusOK, s.reviewComments[k][i])
	case b == "comments":
		writeJSON(w, http.StatusOK, page(w, r, s.reviewComments[key(r, a)]))
	default:
		notFound(w)
	}
}

// reaction records a reaction on a comment of kind ("issues" or "pulls").
func (s *Server) reaction(kind string) route {
	return func(w http.ResponseWriter, r *http.Request, body []byte) {
		var in struct{ Content string }
		json.Unmarshal(body, &in)
		s.reactions = append(s.reactions, Reaction{Kind: kind, CommentID: r.PathValue("id"), Content: in.Content})
		writeJSON(w, http.StatusCreated, map[string]any{"id": 1, "content": in.Content})
	}
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

// findByID finds the comment with the given id among the comments kept per
// key: its key and index, or index -1.
func findByID[C interface{ GetID() int64 }](byKey map[string][]C, id string) (key string, i int) {
	for k, cs := range byKey {
		for i, c := range cs {
			if strconv.FormatInt(c.GetID(), 10) == id {
				return k, i
			}
		}
	}
	return "", -1
}

func (s *Server) editComment(w http.ResponseWriter, body []byte, id string) {
	key, i := findByID(s.comments, id)
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
	key, i := findByID(s.comments, id)
	if i < 0 {
		notFound(w)
		return
	}
	s.comments[key] = append(s.comments[key][:i], s.comments[key][i+1:]...)
	w.WriteHeader(http.StatusNoContent)
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

func (s *Server) editReviewComment(w http.ResponseWriter, body []byte, id string) {
	key, i := findByID(s.reviewComments, id)
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
	key, i := findByID(s.reviewComments, id)
	if i < 0 {
		notFound(w)
		return
	}
	s.reviewComments[key] = append(s.reviewComments[key][:i], s.reviewComments[key][i+1:]...)
	w.WriteHeader(http.StatusNoContent)
}
