package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/go-github/v60/github"
)

// Markers are hidden HTML comments that let the app find its own comments
// and edit them in place instead of stacking new ones.
const (
	ChecksMarker = "<!-- prcoach:checks -->"
)

// findMarked returns the app's comment on issue or PR number that carries
// marker, or nil. Only comments by a bot count, so a person quoting the
// marker cannot hijack it.
func findMarked(ctx context.Context, gh *github.Client, owner, repo string, number int, marker string) (*github.IssueComment, error) {
	opts := &github.IssueListCommentsOptions{ListOptions: github.ListOptions{PerPage: 100}}
	for page := 0; page < 20; page++ {
		comments, resp, err := gh.Issues.ListComments(ctx, owner, repo, number, opts)
		if err != nil {
			return nil, fmt.Errorf("listing comments on #%d: %w", number, err)
		}
		for _, c := range comments {
			if c.GetUser().GetType() == "Bot" && strings.HasPrefix(c.GetBody(), marker) {
				return c, nil
			}
		}
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	return nil, nil
}

// writeMarked keeps exactly one marked comment: it edits existing (found
// with findMarked) when its body changed, or creates the comment.
func writeMarked(ctx context.Context, gh *github.Client, owner, repo string, number int, existing *github.IssueComment, body string) (string, error) {
	if existing == nil {
		if _, _, err := gh.Issues.CreateComment(ctx, owner, repo, number, &github.IssueComment{Body: &body}); err != nil {
			return "", fmt.Errorf("creating comment on #%d: %w", number, err)
		}
		return "commented", nil
	}
	if existing.GetBody() == body {
		return "unchanged", nil
	}
	if _, _, err := gh.Issues.EditComment(ctx, owner, repo, existing.GetID(), &github.IssueComment{Body: &body}); err != nil {
		return "", fmt.Errorf("editing comment %d: %w", existing.GetID(), err)
	}
	return "updated", nil
}
