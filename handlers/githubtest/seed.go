package githubtest

import (
	"fmt"
	"time"

	"github.com/google/go-github/v60/github"
)

// The repository, commit and check run the webhook fixtures in
// testdata/webhooks describe.
const (
	Owner     = "octo-org"
	Repo      = "widgets"
	HeadSHA   = "9f1c2e3d4b5a69788766554433221100ffeeddcc"
	FailingID = 28100000001
)

// PullRequest returns an open pull request of Owner/repo at head sha.
func PullRequest(repo string, n int, sha, association string) *github.PullRequest {
	r := &github.Repository{Name: github.String(repo), Owner: &github.User{Login: github.String(Owner)}}
	return &github.PullRequest{
		Number: github.Int(n), State: github.String("open"), AuthorAssociation: github.String(association),
		User: &github.User{Login: github.String("mona"), Type: github.String("User")},
		Head: &github.PullRequestBranch{SHA: github.String(sha), Ref: github.String("fix-parser"), Repo: r},
		Base: &github.PullRequestBranch{SHA: github.String("1111111111111111111111111111111111111111"), Ref: github.String("main"), Repo: r},
	}
}

// ActionsRun returns a completed GitHub Actions check run on HeadSHA.
func ActionsRun(id int64, name, conclusion string) *github.CheckRun {
	return &github.CheckRun{
		ID: github.Int64(id), Name: github.String(name), HeadSHA: github.String(HeadSHA),
		Status: github.String("completed"), Conclusion: github.String(conclusion),
		StartedAt: &github.Timestamp{Time: time.Date(2026, 11, 26, 7, 52, 0, int(id%1000), time.UTC)},
		HTMLURL:   github.String(fmt.Sprintf("https://github.com/%s/%s/actions/runs/1/job/%d", Owner, Repo, id)),
		App:       &github.App{Slug: github.String("github-actions")},
	}
}

// SeedFailingPR stores open PR #7 at HeadSHA whose Actions job FailingID
// failed in step "Run tests" with log ("" for an expired log).
func (s *Server) SeedFailingPR(log string) {
	s.AddPull(Owner, Repo, PullRequest(Repo, 7, HeadSHA, "CONTRIBUTOR"))
	s.SetCheckRuns(Owner, Repo, HeadSHA, ActionsRun(FailingID, "test (ubuntu-latest)", "failure"))
	s.SetJob(&github.WorkflowJob{ID: github.Int64(FailingID), Name: github.String("test (ubuntu-latest)"),
		Steps: []*github.TaskStep{
			{Name: github.String("Set up job"), Conclusion: github.String("success")},
			{Name: github.String("Run tests"), Conclusion: github.String("failure")},
		}}, log)
}

// GoTestLog is a short GitHub Actions log of a failing Go test.
const GoTestLog = `2026-11-26T07:52:11.0000000Z ##[group]Run actions/checkout@v4
2026-11-26T07:52:11.1000000Z Syncing repository: octo-org/widgets
2026-11-26T07:52:12.0000000Z ##[endgroup]
2026-11-26T07:52:13.0000000Z ##[group]Run go test ./...
2026-11-26T07:52:13.1000000Z go test ./...
2026-11-26T07:52:13.2000000Z ##[endgroup]
2026-11-26T07:52:20.0000000Z ok  	github.com/octo-org/widgets/internal/lexer	0.012s
2026-11-26T07:52:21.0000000Z --- FAIL: TestParseEmpty (0.00s)
2026-11-26T07:52:21.0000000Z     parser_test.go:42: Parse("") = 1 items, want 0
2026-11-26T07:52:21.0000000Z FAIL
2026-11-26T07:52:21.0000000Z FAIL	github.com/octo-org/widgets/parser	0.019s
2026-11-26T07:52:21.1000000Z FAIL
2026-11-26T07:52:21.2000000Z ##[error]Process completed with exit code 1.
`
