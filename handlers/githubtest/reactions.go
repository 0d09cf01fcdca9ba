package githubtest

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/google/go-github/v60/github"
)

// Comment kinds for AddCommentReaction, as they appear in the API's paths.
const (
	IssueComments  = "issues" // conversation comments: /issues/comments/{id}
	ReviewComments = "pulls"  // review comments: /pulls/comments/{id}
)

// peopleReactions are reactions tests added on behalf of users and other
// bots, by "kind/comment id", in the order they were added.
type peopleReactions map[string][]*github.Reaction

// reactionRoutes are the endpoints that list a comment's reactions.
func (s *Server) reactionRoutes() map[string]route {
	return map[string]route{
		"GET /issues/comments/{id}/reactions": s.listReactions(IssueComments),
		"GET /pulls/comments/{id}/reactions":  s.listReactions(ReviewComments),
	}
}

// AddCommentReaction adds a reaction with content ("+1", "-1", "eyes", …)
// by login to a comment of kind IssueComments or ReviewComments, as if that
// account had clicked it; userType is "User" or "Bot". Like GitHub, the
// same account adding the same content twice changes nothing. It returns
// the reaction's ID.
func (s *Server) AddCommentReaction(kind string, commentID int64, login, userType, content string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.people == nil {
		s.people = peopleReactions{}
	}
	k := kind + "/" + strconv.FormatInt(commentID, 10)
	for _, r := range s.people[k] {
		if r.GetUser().GetLogin() == login && r.GetContent() == content {
			return r.GetID()
		}
	}
	s.nextID++
	s.people[k] = append(s.people[k], &github.Reaction{
		ID: github.Int64(s.nextID), Content: github.String(content),
		User: &github.User{Login: github.String(login), Type: github.String(userType)},
	})
	return s.nextID
}

// RemoveCommentReaction takes back login's reaction of content on a
// comment, as clicking it again does on GitHub.
func (s *Server) RemoveCommentReaction(kind string, commentID int64, login, content string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := kind + "/" + strconv.FormatInt(commentID, 10)
	kept := s.people[k][:0]
	for _, r := range s.people[k] {
		if r.GetUser().GetLogin() != login || r.GetContent() != content {
			kept = append(kept, r)
		}
	}
	s.people[k] = kept
}

// listReactions serves a comment's reactions, a page at a time: those the
// app added through the API (as AppLogin, a bot) and those tests added.
// A comment the fake does not hold is a 404, as on GitHub after a delete.
func (s *Server) listReactions(kind string) route {
	return func(w http.ResponseWriter, r *http.Request, _ []byte) {
		id := r.PathValue("id")
		if !s.holdsComment(kind, id) {
			notFound(w)
			return
		}
		var out []*github.Reaction
		for i, re := range s.reactions {
			if re.Kind == kind && re.CommentID == id {
				out = append(out, &github.Reaction{ID: github.Int64(int64(i + 1)), Content: github.String(re.Content),
					User: &github.User{Login: github.String(s.AppLogin), Type: github.String("Bot")}})
			}
		}
		out = append(out, s.people[kind+"/"+id]...)
		if c := r.URL.Query().Get("content"); c != "" {
			out = filterContent(out, c)
		}
		writeJSON(w, http.StatusOK, page(w, r, out))
	}
}

// holdsComment reports whether the fake has the comment of kind with id.
func (s *Server) holdsComment(kind, id string) bool {
	if kind == IssueComments {
		_, i := findByID(s.comments, id)
		return i >= 0
	}
	_, i := findByID(s.reviewComments, id)
	return i >= 0
}

// filterContent keeps the reactions whose content is c.
func filterContent(rs []*github.Reaction, c string) []*github.Reaction {
	var out []*github.Reaction
	for _, r := range rs {
		if strings.EqualFold(r.GetContent(), c) {
			out = append(out, r)
		}
	}
	return out
}
