package handlers

import (
	"encoding/json"
	"fmt"

	"github.com/google/go-github/v60/github"
)

// Comment is a review comment, a review's body or a pull request conversation
// comment, normalised once so every later decision sees one shape.
type Comment struct {
	Kind   string // "review_comment", "review" or "issue_comment"
	Action string // "created", "edited" or "deleted" (a submitted review is "created")
	ID     int64
	Body   string
	// PrevBody is the body before an edit, when GitHub sent it.
	PrevBody    string
	Author      string
	AuthorType  string // "User" or "Bot"
	Association string // OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, …
	Owner, Repo string
	Number      int    // the pull request
	PRAuthor    string // who opened the pull request
	InReplyTo   int64  // the review comment this one answers, in a thread
	OnPR        bool   // false for an issue comment on a plain issue
}

// commentEvents are the events NormalizeComment understands.
var commentEvents = map[string][]string{
	"pull_request_review_comment": {"created", "edited", "deleted"},
	"pull_request_review":         {"submitted", "edited"},
	"issue_comment":               {"created", "edited", "deleted"},
}

// NormalizeComment turns a comment-like event into a Comment.
func NormalizeComment(ev Event) (Comment, error) {
	c := Comment{Action: ev.Action}
	switch ev.Name {
	case "pull_request_review_comment":
		var e github.PullRequestReviewCommentEvent
		if err := json.Unmarshal(ev.Payload, &e); err != nil {
			return c, Permanent(fmt.Errorf("decoding %s: %w", ev.Name, err))
		}
		rc := e.GetComment()
		c.Kind, c.ID, c.Body, c.InReplyTo = "review_comment", rc.GetID(), rc.GetBody(), rc.GetInReplyTo()
		c.Author, c.AuthorType, c.Association = rc.GetUser().GetLogin(), rc.GetUser().GetType(), rc.GetAuthorAssociation()
		c.Number, c.PRAuthor, c.OnPR = e.GetPullRequest().GetNumber(), e.GetPullRequest().GetUser().GetLogin(), true
		c.PrevBody = e.GetChanges().GetBody().GetFrom()
		c.Owner, c.Repo = e.GetRepo().GetOwner().GetLogin(), e.GetRepo().GetName()
	case "pull_request_review":
		var e github.PullRequestReviewEvent
		if err := json.Unmarshal(ev.Payload, &e); err != nil {
			return c, Permanent(fmt.Errorf("decoding %s: %w", ev.Name, err))
		}
		r := e.GetReview()
		c.Kind, c.ID, c.Body = "review", r.GetID(), r.GetBody()
		c.Author, c.AuthorType, c.Association = r.GetUser().GetLogin(), r.GetUser().GetType(), r.GetAuthorAssociation()
		c.Number, c.PRAuthor, c.OnPR = e.GetPullRequest().GetNumber(), e.GetPullRequest().GetUser().GetLogin(), true
		c.Owner, c.Repo = e.GetRepo().GetOwner().GetLogin(), e.GetRepo().GetName()
		if c.Action == "submitted" {
			c.Action = "created"
		}
	case "issue_comment":
		var e github.IssueCommentEvent
		if err := json.Unmarshal(ev.Payload, &e); err != nil {
			return c, Permanent(fmt.Errorf("decoding %s: %w", ev.Name, err))
		}
		ic := e.GetComment()
		c.Kind, c.ID, c.Body = "issue_comment", ic.GetID(), ic.GetBody()
		c.Author, c.AuthorType, c.Association = ic.GetUser().GetLogin(), ic.GetUser().GetType(), ic.GetAuthorAssociation()
		c.Number, c.PRAuthor, c.OnPR = e.GetIssue().GetNumber(), e.GetIssue().GetUser().GetLogin(), e.GetIssue().IsPullRequest()
		c.PrevBody = e.GetChanges().GetBody().GetFrom()
		c.Owner, c.Repo = e.GetRepo().GetOwner().GetLogin(), e.GetRepo().GetName()
	default:
		return c, Permanent(fmt.Errorf("%s is not a comment event", ev.Name))
	}
	return c, nil
}

// FromBot reports whether a bot (including this app) wrote the comment;
// the app never answers bots.
func (c Comment) FromBot() bool {
	return c.AuthorType == "Bot" || len(c.Author) > 5 && c.Author[len(c.Author)-5:] == "[bot]"
}
