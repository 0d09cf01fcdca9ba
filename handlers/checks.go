package handlers

import (
	"context"
	"fmt"
	"sort"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/settings"
	"github.com/prcoach/prcoach/prompts"
)

// checkState is what the checks of one commit say, latest run per name.
type checkState struct {
	failing []*github.CheckRun
	running []string
	names   []string // every check of the commit, sorted
	// unstarted are workflows that could not start, so have no check runs.
	unstarted []prompts.FailingCheck
	// settings are the repository's; settingsProblem describes mistakes in
	// its settings file, shown once in the checks comment.
	settings        settings.Settings
	settingsProblem string
	// passedOnce names checks that passed on some run of this commit, which
	// makes a later failure of the same check look flaky.
	passedOnce map[string]bool
}

// maxChecksPages bounds how many pages of check runs one commit may cost.
const maxChecksPages = 5

// listChecks reads every check run of sha and keeps the latest per name.
func listChecks(ctx context.Context, gh *github.Client, owner, repo, sha string) (checkState, error) {
	latest := map[string]*github.CheckRun{}
	st := checkState{passedOnce: map[string]bool{}}
	opts := &github.ListCheckRunsOptions{Filter: github.String("all"), ListOptions: github.ListOptions{PerPage: 100}}
	for page := 0; page < maxChecksPages; page++ {
		res, resp, err := gh.Checks.ListCheckRunsForRef(ctx, owner, repo, sha, opts)
		if err != nil {
			return st, fmt.Errorf("listing checks of %.7s: %w", sha, err)
		}
		for _, run := range res.CheckRuns {
			name := run.GetName()
			if run.GetConclusion() == "success" {
				st.passedOnce[name] = true
			}
			if cur, ok := latest[name]; !ok || newer(run, cur) {
				latest[name] = run
			}
		}
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	names := make([]string, 0, len(latest))
	for name := range latest {
		names = append(names, name)
	}
	sort.Strings(names)
	st.names = names
	for _, name := range names {
		run := latest[name]
		switch {
		case run.GetStatus() != "completed":
			st.running = append(st.running, name)
		case failingConclusions[run.GetConclusion()]:
			st.failing = append(st.failing, run)
		}
	}
	return st, nil
}

// checksOf is what the comment and /explain report for commit sha: its
// checks as the repository's settings ask (ignored ones dropped, known
// failures in the knowledge base), and the workflows that could not start.
func (b *Base) checksOf(ctx context.Context, gh *github.Client, owner, repo, sha string) (checkState, error) {
	st, err := listChecks(ctx, gh, owner, repo, sha)
	if err != nil {
		return st, err
	}
	conf, problem, err := b.repoSettings(ctx, gh, owner, repo)
	if err != nil {
		return st, err
	}
	st.keep(conf.ExplainsCheck)
	st.settings, st.settingsProblem = conf, problem
	if st.unstarted, err = startupFailures(ctx, gh, owner, repo, sha); err != nil {
		return st, err
	}
	return st, nil
}

// keep drops failing checks the repository's settings do not explain.
func (st *checkState) keep(explains func(name string) bool) {
	kept := st.failing[:0]
	for _, run := range st.failing {
		if explains(run.GetName()) {
			kept = append(kept, run)
		}
	}
	st.failing = kept
}

// newer reports whether a started after b (re-runs get later start times
// and higher IDs).
func newer(a, b *github.CheckRun) bool {
	at, bt := a.GetStartedAt().Time, b.GetStartedAt().Time
	if !at.Equal(bt) {
		return at.After(bt)
	}
	return a.GetID() > b.GetID()
}
