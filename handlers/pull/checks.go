package pull

import (
	"context"
	"fmt"
	"sort"

	"github.com/google/go-github/v60/github"
)

// Failing reports whether a check's conclusion is a failure worth
// explaining; cancelled is someone's choice, not a failure.
func Failing(conclusion string) bool {
	switch conclusion {
	case "failure", "timed_out", "startup_failure":
		return true
	}
	return false
}

// Checks are the check runs of one commit.
type Checks struct {
	// Latest is the newest run of each check, by name.
	Latest []*github.CheckRun
	// PassedOnce names checks that passed on some run of the commit, which
	// makes a later failure of the same check look flaky.
	PassedOnce map[string]bool
}

// maxChecksPages bounds how many pages of check runs one commit may cost.
const maxChecksPages = 5

// Checks reads every check run of sha and keeps the newest per name.
func (r Repo) Checks(ctx context.Context, sha string) (Checks, error) {
	latest := map[string]*github.CheckRun{}
	cs := Checks{PassedOnce: map[string]bool{}}
	opts := &github.ListCheckRunsOptions{Filter: github.String("all"), ListOptions: github.ListOptions{PerPage: 100}}
	for page := 0; page < maxChecksPages; page++ {
		res, resp, err := r.GH.Checks.ListCheckRunsForRef(ctx, r.Owner, r.Name, sha, opts)
		if err != nil {
			return cs, fmt.Errorf("listing checks of %.7s: %w", sha, err)
		}
		for _, run := range res.CheckRuns {
			name := run.GetName()
			if run.GetConclusion() == "success" {
				cs.PassedOnce[name] = true
			}
			if cur, ok := latest[name]; !ok || Newer(run, cur) {
				latest[name] = run
			}
		}
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	for _, run := range latest {
		cs.Latest = append(cs.Latest, run)
	}
	sort.Slice(cs.Latest, func(i, j int) bool { return cs.Latest[i].GetName() < cs.Latest[j].GetName() })
	return cs, nil
}

// BaseRun returns the newest completed run of the check named name on the
// base branch baseRef, or nil.
func (r Repo) BaseRun(ctx context.Context, baseRef, name string) (*github.CheckRun, error) {
	if baseRef == "" {
		return nil, nil
	}
	res, _, err := r.GH.Checks.ListCheckRunsForRef(ctx, r.Owner, r.Name, baseRef,
		&github.ListCheckRunsOptions{CheckName: github.String(name), ListOptions: github.ListOptions{PerPage: 10}})
	if err != nil {
		return nil, fmt.Errorf("reading %q on %s: %w", name, baseRef, err)
	}
	var latest *github.CheckRun
	for _, run := range res.CheckRuns {
		if run.GetStatus() == "completed" && (latest == nil || Newer(run, latest)) {
			latest = run
		}
	}
	return latest, nil
}

// Annotations reads up to 50 annotations of check run runID.
func (r Repo) Annotations(ctx context.Context, runID int64) ([]*github.CheckRunAnnotation, error) {
	anns, _, err := r.GH.Checks.ListCheckRunAnnotations(ctx, r.Owner, r.Name, runID, &github.ListOptions{PerPage: 50})
	if err != nil {
		return nil, fmt.Errorf("reading annotations of check run %d: %w", runID, err)
	}
	return anns, nil
}

// Newer reports whether a started after b (re-runs get later start times
// and higher IDs).
func Newer(a, b *github.CheckRun) bool {
	at, bt := a.GetStartedAt().Time, b.GetStartedAt().Time
	if !at.Equal(bt) {
		return at.After(bt)
	}
	return a.GetID() > b.GetID()
}
