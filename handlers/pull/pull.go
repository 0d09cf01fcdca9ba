// Package pull reads what PR Coach needs to know about a pull request from
// GitHub: the pull request itself, the checks and workflow runs of its head
// commit, job logs and steps, annotations, and the base branch's runs. It
// only reads, over a real *github.Client, and knows nothing of handlers.
package pull

import (
	"context"
	"fmt"

	"github.com/google/go-github/v60/github"
)

// Repo is one repository, read through an installation's client.
type Repo struct {
	GH    *github.Client
	Owner string
	Name  string
}

// PR is a pull request, as far as PR Coach needs it.
type PR struct {
	Owner, Repo string
	Number      int
	HeadSHA     string
	BaseRef     string
	Open        bool
	// AuthorAssociation is the author's relation to the repository
	// (FIRST_TIME_CONTRIBUTOR, CONTRIBUTOR, MEMBER, …).
	AuthorAssociation string
}

// FirstTimer reports whether the author contributes for the first time.
func (p PR) FirstTimer() bool {
	return p.AuthorAssociation == "FIRST_TIME_CONTRIBUTOR" || p.AuthorAssociation == "FIRST_TIMER"
}

// Pull reads pull request number.
func (r Repo) Pull(ctx context.Context, number int) (PR, error) {
	pr, _, err := r.GH.PullRequests.Get(ctx, r.Owner, r.Name, number)
	if err != nil {
		return PR{}, fmt.Errorf("reading pull request #%d: %w", number, err)
	}
	return PR{
		Owner: r.Owner, Repo: r.Name, Number: number,
		HeadSHA: pr.GetHead().GetSHA(), BaseRef: pr.GetBase().GetRef(),
		Open: pr.GetState() == "open", AuthorAssociation: pr.GetAuthorAssociation(),
	}, nil
}

// PullsOfCommit names the open pull requests whose head is sha.
func (r Repo) PullsOfCommit(ctx context.Context, sha string) ([]int, error) {
	prs, _, err := r.GH.PullRequests.ListPullRequestsWithCommit(ctx, r.Owner, r.Name, sha, &github.ListOptions{PerPage: 20})
	if err != nil {
		return nil, fmt.Errorf("finding the pull request of %.7s: %w", sha, err)
	}
	var numbers []int
	for _, pr := range prs {
		if pr.GetState() == "open" && pr.GetHead().GetSHA() == sha {
			numbers = append(numbers, pr.GetNumber())
		}
	}
	return numbers, nil
}
