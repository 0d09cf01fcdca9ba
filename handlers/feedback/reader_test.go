package feedback

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/githubtest"
)

const fakeRepo = githubtest.Owner + "/" + githubtest.Repo

// fakeComments starts a fake GitHub holding a checks comment and a tone
// reply with votes by people, a bot and the app, and returns a reader
// pointed at it (two reactions a page) and the two comments.
func fakeComments(t *testing.T) (*githubtest.Server, ReactionReader, []CommentRef) {
	t.Helper()
	s := githubtest.NewServer()
	t.Cleanup(s.Close)
	gh, err := s.Clients().Installation(1)
	if err != nil {
		t.Fatal(err)
	}
	s.AddComment(githubtest.Owner, githubtest.Repo, 7, &github.IssueComment{Body: github.String("checks")})
	checks := s.Comments(githubtest.Owner, githubtest.Repo, 7)[0].GetID()
	tone := s.AddReviewComment(githubtest.Owner, githubtest.Repo, 7, &github.PullRequestComment{Body: github.String("tone")})
	s.AddCommentReaction(githubtest.IssueComments, checks, "mona", "User", ThumbsUp)
	s.AddCommentReaction(githubtest.IssueComments, checks, "hubot", "User", ThumbsDown)
	s.AddCommentReaction(githubtest.IssueComments, checks, "octocat", "User", ThumbsUp)
	s.AddCommentReaction(githubtest.IssueComments, checks, "renovate[bot]", "Bot", ThumbsUp)
	s.AddCommentReaction(githubtest.IssueComments, checks, s.AppLogin, "Bot", ThumbsUp)
	s.AddCommentReaction(githubtest.ReviewComments, tone, "mona", "User", ThumbsDown)
	s.AddCommentReaction(githubtest.ReviewComments, tone, "mona", "User", "heart")
	r := ReactionReader{GH: gh, AppLogin: s.AppLogin, PerPage: 2}
	return s, r, []CommentRef{{Repo: fakeRepo, PR: 7, ID: checks}, {Repo: fakeRepo, PR: 7, ID: tone, Review: true}}
}

// reactionRequests counts the requests for reactions the fake received.
func reactionRequests(s *githubtest.Server) int {
	n := 0
	for _, r := range s.Requests() {
		if r.Method == http.MethodGet && len(r.Path) > 10 && r.Path[len(r.Path)-10:] == "/reactions" {
			n++
		}
	}
	return n
}

func TestReadTalliesPeople(t *testing.T) {
	s, r, comments := fakeComments(t)
	res, err := r.Read(context.Background(), comments)
	if err != nil {
		t.Fatal(err)
	}
	want := []Read{{Comment: comments[0], Tally: Tally{Up: 2, Down: 1}}, {Comment: comments[1], Tally: Tally{Down: 1}}}
	if diff := cmp.Diff(want, res.Read); diff != "" {
		t.Errorf("Read (-want +got):\n%s", diff)
	}
	// 5 reactions at 2 a page, then 2: 3 + 1 requests.
	if res.Calls != 4 || reactionRequests(s) != 4 || len(res.Unread) != 0 {
		t.Errorf("calls %d, requests %d, unread %d; want 4, 4, 0", res.Calls, reactionRequests(s), len(res.Unread))
	}
	again, _ := r.Read(context.Background(), comments)
	if diff := cmp.Diff(res.Read, again.Read); diff != "" {
		t.Errorf("a second read differs (-first +second):\n%s", diff)
	}
}

func TestReadNoCommentsNoCalls(t *testing.T) {
	s, r, _ := fakeComments(t)
	res, err := r.Read(context.Background(), nil)
	if err != nil || res.Calls != 0 || len(s.Requests()) != 0 {
		t.Errorf("no comments: err %v, %d calls, %d requests; want none", err, res.Calls, len(s.Requests()))
	}
}

func TestReadDeletedComment(t *testing.T) {
	_, r, comments := fakeComments(t)
	gone := CommentRef{Repo: fakeRepo, PR: 7, ID: 99999}
	res, err := r.Read(context.Background(), []CommentRef{gone, comments[0]})
	if err != nil {
		t.Fatal(err)
	}
	want := []Read{{Comment: gone, Gone: true}, {Comment: comments[0], Tally: Tally{Up: 2, Down: 1}}}
	if diff := cmp.Diff(want, res.Read); diff != "" {
		t.Errorf("Read (-want +got):\n%s", diff)
	}
}

func TestReadStops(t *testing.T) {
	reset := time.Now().Add(30 * time.Minute).Truncate(time.Second)
	resetHeader := strconv.FormatInt(reset.Unix(), 10)
	cases := []struct {
		name        string
		fault       githubtest.Fault
		rateLimited bool
		retryAfter  time.Time // zero: not said; the Unix second otherwise
	}{
		{"primary rate limit", githubtest.Fault{Status: http.StatusForbidden,
			Header: map[string]string{"X-RateLimit-Limit": "5000", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": resetHeader},
			Body:   `{"message": "API rate limit exceeded for installation ID 1."}`}, true, reset},
		{"secondary rate limit", githubtest.Fault{Status: http.StatusForbidden, Header: map[string]string{"Retry-After": "60"},
			Body: `{"message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}`}, true, time.Time{}},
		{"budget running low", githubtest.Fault{Status: http.StatusOK,
			Header: map[string]string{"X-RateLimit-Limit": "5000", "X-RateLimit-Remaining": "40", "X-RateLimit-Reset": resetHeader},
			Body:   `[{"id": 1, "content": "+1", "user": {"login": "mona", "type": "User"}}]`}, true, reset},
		{"server error", githubtest.Fault{Status: http.StatusBadGateway, Body: `{"message": "Server Error"}`}, false, time.Time{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, r, comments := fakeComments(t)
			s.Fail(http.MethodGet, "/reactions", tc.fault)
			// The review comment first: its one page takes the fault.
			order := []CommentRef{comments[1], comments[0], comments[1]}
			res, err := r.Read(context.Background(), order)
			if err == nil {
				t.Fatal("Read went on past the fault")
			}
			if got := IsRateLimited(err); got != tc.rateLimited {
				t.Errorf("IsRateLimited(%v) = %v, want %v", err, got, tc.rateLimited)
			}
			wantRead := 0
			if tc.fault.Status == http.StatusOK {
				wantRead = 1 // the page was fine; the budget stops what follows
			}
			if len(res.Read) != wantRead || len(res.Read)+len(res.Unread) != len(order) || res.Calls != 1 || reactionRequests(s) != 1 {
				t.Errorf("read %d, unread %d, calls %d, requests %d; want %d read, the rest unread, 1 call",
					len(res.Read), len(res.Unread), res.Calls, reactionRequests(s), wantRead)
			}
			if tc.name == "secondary rate limit" {
				if until := time.Until(res.RetryAfter); until < 50*time.Second || until > 61*time.Second {
					t.Errorf("RetryAfter in %v, want about a minute", until)
				}
			} else if !res.RetryAfter.Equal(tc.retryAfter) {
				t.Errorf("RetryAfter = %v, want %v", res.RetryAfter, tc.retryAfter)
			}
		})
	}
}

func TestReadStopsMidCommentWithoutHalfCounting(t *testing.T) {
	s, r, comments := fakeComments(t)
	low := githubtest.Fault{Status: http.StatusOK,
		Header: map[string]string{"X-RateLimit-Limit": "5000", "X-RateLimit-Remaining": "3",
			"Link": `<` + s.URL + `/repos/x/y/issues/comments/1/reactions?page=2>; rel="next"`},
		Body: `[{"id": 1, "content": "+1", "user": {"login": "mona", "type": "User"}}]`}
	s.Fail(http.MethodGet, "/reactions", low)
	res, err := r.Read(context.Background(), comments[:1])
	if !errors.Is(err, ErrLowBudget) || len(res.Read) != 0 || len(res.Unread) != 1 {
		t.Errorf("err %v, read %d, unread %d; want ErrLowBudget with the comment unread", err, len(res.Read), len(res.Unread))
	}
}

func TestReadEndsWithContext(t *testing.T) {
	_, r, comments := fakeComments(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := r.Read(ctx, comments)
	if !errors.Is(err, context.Canceled) || res.Calls != 0 || len(res.Unread) != 2 {
		t.Errorf("err %v, %d calls, %d unread; want context.Canceled, none, 2", err, res.Calls, len(res.Unread))
	}
}
