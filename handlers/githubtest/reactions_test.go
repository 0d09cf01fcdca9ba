package githubtest

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-github/v60/github"
)

// who is a reaction reduced to what tests compare.
type who struct{ Login, Type, Content string }

func whoOf(rs []*github.Reaction) []who {
	var out []who
	for _, r := range rs {
		out = append(out, who{r.GetUser().GetLogin(), r.GetUser().GetType(), r.GetContent()})
	}
	return out
}

func TestListIssueCommentReactions(t *testing.T) {
	s := NewServer()
	defer s.Close()
	gh, _ := s.Clients().Installation(1)
	ctx := context.Background()
	s.AddComment(Owner, Repo, 7, &github.IssueComment{Body: github.String("checks comment")})
	id := s.Comments(Owner, Repo, 7)[0].GetID()

	// The app's own 👀, through the API, then people and a bot.
	if _, _, err := gh.Reactions.CreateIssueCommentReaction(ctx, Owner, Repo, id, "eyes"); err != nil {
		t.Fatal(err)
	}
	s.AddCommentReaction(IssueComments, id, "mona", "User", "+1")
	s.AddCommentReaction(IssueComments, id, "mona", "User", "+1") // a second click changes nothing
	s.AddCommentReaction(IssueComments, id, "hubot", "User", "-1")
	s.AddCommentReaction(IssueComments, id, "dependabot[bot]", "Bot", "+1")

	got, _, err := gh.Reactions.ListIssueCommentReactions(ctx, Owner, Repo, id, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []who{{"prcoach[bot]", "Bot", "eyes"}, {"mona", "User", "+1"}, {"hubot", "User", "-1"}, {"dependabot[bot]", "Bot", "+1"}}
	if diff := cmp.Diff(want, whoOf(got)); diff != "" {
		t.Errorf("reactions (-want +got):\n%s", diff)
	}

	s.RemoveCommentReaction(IssueComments, id, "hubot", "-1")
	got, _, err = gh.Reactions.ListIssueCommentReactions(ctx, Owner, Repo, id, nil)
	if err != nil || len(got) != 3 {
		t.Errorf("after removing one: %d reactions, err %v; want 3", len(got), err)
	}
}

func TestListReviewCommentReactionsPages(t *testing.T) {
	s := NewServer()
	defer s.Close()
	gh, _ := s.Clients().Installation(1)
	ctx := context.Background()
	id := s.AddReviewComment(Owner, Repo, 7, &github.PullRequestComment{Body: github.String("tone reply")})
	logins := []string{"a", "b", "c", "d", "e"}
	for _, l := range logins {
		s.AddCommentReaction(ReviewComments, id, l, "User", "+1")
	}

	var all []*github.Reaction
	opts := &github.ListOptions{PerPage: 2}
	pages := 0
	for {
		rs, resp, err := gh.Reactions.ListPullRequestCommentReactions(ctx, Owner, Repo, id, opts)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		all = append(all, rs...)
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	if pages != 3 || len(all) != len(logins) {
		t.Errorf("read %d reactions in %d pages, want %d in 3", len(all), pages, len(logins))
	}
	// Reactions on the review comment are not the issue comment's.
	if _, _, err := gh.Reactions.ListIssueCommentReactions(ctx, Owner, Repo, id, nil); !isStatus(err, http.StatusNotFound) {
		t.Errorf("issue comment endpoint for a review comment: err %v, want 404", err)
	}
}

func TestListReactionsOfMissingComment(t *testing.T) {
	s := NewServer()
	defer s.Close()
	gh, _ := s.Clients().Installation(1)
	_, _, err := gh.Reactions.ListIssueCommentReactions(context.Background(), Owner, Repo, 424242, nil)
	if !isStatus(err, http.StatusNotFound) {
		t.Errorf("err = %v, want a 404", err)
	}
}

func isStatus(err error, status int) bool {
	var e *github.ErrorResponse
	return errors.As(err, &e) && e.Response.StatusCode == status
}
