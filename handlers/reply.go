package handlers

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/feedback"
	"github.com/prcoach/prcoach/handlers/safety"
)

// replies is the one way the app's comments reach a pull request: it
// finds the app's own comment by its marker, redacts and sanitises the
// body, creates, updates or deletes it, and keeps what it said and the
// votes it got.
type replies struct {
	clients  Clients
	redactor Redactor
	webURL   string
	// votes is nil when votes are not kept.
	votes feedback.VoteStore
}

// webHost is GitHub's web host, the one links may point to.
func (rs *replies) webHost() string {
	return strings.TrimPrefix(strings.TrimPrefix(rs.webURL, "https://"), "http://")
}

// ChecksMarker starts the one checks comment the app keeps on a pull request.
const ChecksMarker = "<!-- prcoach:checks -->"

// markerStart begins every marker the app writes.
const markerStart = "<!-- prcoach:"

// marker is the hidden HTML comment that starts each of the app's comments,
// so the app finds its own comment again and edits it instead of stacking
// new ones. A family ("checks", "tone", "explain") groups comments that
// share a cap; a key tells one comment of a family from another.
type marker struct {
	family string
	key    string // "" for a family with one comment per pull request
}

// checksMarker marks the checks comment.
var checksMarker = marker{family: "checks"}

// commentMarker marks the app's answer of family to comment c.
func commentMarker(family string, c Comment) marker {
	return marker{family: family, key: c.Kind + ":" + strconv.FormatInt(c.ID, 10)}
}

// String is the marker as it appears at the start of a body.
func (m marker) String() string {
	if m.key == "" {
		return markerStart + m.family + " -->"
	}
	return markerStart + m.family + ":" + m.key + " -->"
}

// sameFamily reports whether body starts with a marker of m's family.
func (m marker) sameFamily(body string) bool {
	rest, ok := strings.CutPrefix(body, markerStart+m.family)
	return ok && (strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, " -->"))
}

// reply is one of the app's own marked comments on a pull request.
type reply struct {
	id       int64
	body     string
	inThread bool // a review-thread reply rather than a conversation comment
}

// thread is a pull request's conversation as the app sees it: its own
// marked comments, listed once per delivery, and the one way to create,
// edit and delete them. Only comments written by the app's own login
// count, so a marker planted by a person or another app is never trusted.
type thread struct {
	gh          *github.Client
	owner, repo string
	number      int
	clients     Clients // tells the app's bot login, "slug[bot]"
	reviews     bool    // review-thread replies count too, not only conversation comments
	listed      bool
	mine        []reply
}

// thread returns the conversation of PR number, listed when first asked.
// With reviews, review-thread replies are the app's too.
func (rs *replies) thread(gh *github.Client, owner, repo string, number int, reviews bool) *thread {
	return &thread{gh: gh, owner: owner, repo: repo, number: number, clients: rs.clients, reviews: reviews}
}

// find returns the app's comment marked m, or nil, and how many of the
// app's comments share m's family (for per-PR caps).
func (t *thread) find(ctx context.Context, m marker) (*reply, int, error) {
	if err := t.list(ctx); err != nil {
		return nil, 0, err
	}
	var found *reply
	count := 0
	want := m.String()
	for i, r := range t.mine {
		if !m.sameFamily(r.body) {
			continue
		}
		count++
		if found == nil && strings.HasPrefix(r.body, want) {
			found = &t.mine[i]
		}
	}
	return found, count, nil
}

// maxCommentPages bounds how many pages of comments one listing may cost.
const maxCommentPages = 20

// list reads the app's marked comments once.
func (t *thread) list(ctx context.Context) error {
	if t.listed {
		return nil
	}
	login, err := t.clients.AppLogin(ctx)
	if err != nil {
		return fmt.Errorf("learning the app's own login: %w", err)
	}
	keep := func(author *github.User, r reply) {
		if strings.EqualFold(author.GetLogin(), login) && strings.HasPrefix(r.body, markerStart) {
			t.mine = append(t.mine, r)
		}
	}
	if t.reviews {
		err := eachPage(func(o github.ListOptions) (*github.Response, error) {
			rcs, resp, err := t.gh.PullRequests.ListComments(ctx, t.owner, t.repo, t.number, &github.PullRequestListCommentsOptions{ListOptions: o})
			for _, rc := range rcs {
				keep(rc.GetUser(), reply{id: rc.GetID(), body: rc.GetBody(), inThread: true})
			}
			return resp, err
		})
		if err != nil {
			return fmt.Errorf("listing review comments on #%d: %w", t.number, err)
		}
	}
	err = eachPage(func(o github.ListOptions) (*github.Response, error) {
		ics, resp, err := t.gh.Issues.ListComments(ctx, t.owner, t.repo, t.number, &github.IssueListCommentsOptions{ListOptions: o})
		for _, ic := range ics {
			keep(ic.GetUser(), reply{id: ic.GetID(), body: ic.GetBody()})
		}
		return resp, err
	})
	if err != nil {
		return fmt.Errorf("listing comments on #%d: %w", t.number, err)
	}
	t.listed = true
	return nil
}

// eachPage calls list for each page of 100, up to maxCommentPages.
func eachPage(list func(github.ListOptions) (*github.Response, error)) error {
	o := github.ListOptions{PerPage: 100}
	for page := 0; page < maxCommentPages; page++ {
		resp, err := list(o)
		if err != nil {
			return err
		}
		if resp.NextPage == 0 {
			return nil
		}
		o.Page = resp.NextPage
	}
	return nil
}

// put keeps one comment: it edits existing when its body changed, or
// creates the comment, in the review thread rooted at root when root is
// not 0. It says "posted", "updated" or "unchanged".
func (t *thread) put(ctx context.Context, existing *reply, body string, root int64) (string, error) {
	switch {
	case existing != nil && existing.body == body:
		return "unchanged", nil
	case existing != nil && existing.inThread:
		if _, _, err := t.gh.PullRequests.EditComment(ctx, t.owner, t.repo, existing.id, &github.PullRequestComment{Body: &body}); err != nil {
			return "", fmt.Errorf("editing comment %d: %w", existing.id, err)
		}
		existing.body = body
		return "updated", nil
	case existing != nil:
		if _, _, err := t.gh.Issues.EditComment(ctx, t.owner, t.repo, existing.id, &github.IssueComment{Body: &body}); err != nil {
			return "", fmt.Errorf("editing comment %d: %w", existing.id, err)
		}
		existing.body = body
		return "updated", nil
	case root != 0:
		rc, _, err := t.gh.PullRequests.CreateCommentInReplyTo(ctx, t.owner, t.repo, t.number, body, root)
		if err != nil {
			return "", fmt.Errorf("replying to review comment %d: %w", root, err)
		}
		t.mine = append(t.mine, reply{id: rc.GetID(), body: body, inThread: true})
		return "posted", nil
	default:
		ic, _, err := t.gh.Issues.CreateComment(ctx, t.owner, t.repo, t.number, &github.IssueComment{Body: &body})
		if err != nil {
			return "", fmt.Errorf("commenting on #%d: %w", t.number, err)
		}
		t.mine = append(t.mine, reply{id: ic.GetID(), body: body})
		return "posted", nil
	}
}

// remove deletes one of the app's comments.
func (t *thread) remove(ctx context.Context, r *reply) error {
	var err error
	if r.inThread {
		_, err = t.gh.PullRequests.DeleteComment(ctx, t.owner, t.repo, r.id)
	} else {
		_, err = t.gh.Issues.DeleteComment(ctx, t.owner, t.repo, r.id)
	}
	if err != nil {
		return fmt.Errorf("deleting comment %d: %w", r.id, err)
	}
	for i := range t.mine {
		if t.mine[i].id == r.id && t.mine[i].inThread == r.inThread {
			t.mine = append(t.mine[:i], t.mine[i+1:]...)
			break
		}
	}
	return nil
}

// post is the one way a body leaves the app: redacted and sanitised once,
// then kept as the comment marked m (the existing one edited, or a new one
// created, in the review thread rooted at root when root is not 0).
func (rs *replies) post(ctx context.Context, t *thread, m marker, body string, root int64) (string, error) {
	existing, _, err := t.find(ctx, m)
	if err != nil {
		return "", err
	}
	return t.put(ctx, existing, rs.clean(body, t.owner, t.repo, m), root)
}

// clean redacts secrets in body and sanitises it for posting on
// owner/repo, with m's marker first.
func (rs *replies) clean(body, owner, repo string, m marker) string {
	return scrub(rs.redactor, body, safety.Policy{Owner: owner, Repo: repo, Host: rs.webHost(), Marker: m.String()})
}

// scrub is the redact-and-sanitise step every outgoing body takes.
func scrub(r Redactor, body string, p safety.Policy) string {
	return safety.Sanitize(r.Redact(body), p)
}
