package pull

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"

	"github.com/google/go-github/v60/github"
)

// ErrLogExpired means GitHub no longer has a job's log.
var ErrLogExpired = errors.New("the log has expired")

// JobLog follows GitHub's redirect to an Actions job's log and opens it
// with logs, a client that carries no GitHub credentials: the storage URL
// is signed on its own. ErrLogExpired means GitHub no longer has it.
func (r Repo) JobLog(ctx context.Context, logs *http.Client, jobID int64) (io.ReadCloser, error) {
	u, resp, err := r.GH.Actions.GetWorkflowJobLogs(ctx, r.Owner, r.Name, jobID, 1)
	if resp != nil && (resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone) {
		return nil, ErrLogExpired
	}
	if err != nil {
		return nil, fmt.Errorf("locating the log of job %d: %w", jobID, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("log URL: %w", err)
	}
	res, err := logs.Do(req)
	if err != nil {
		return nil, fmt.Errorf("downloading the log of job %d: %w", jobID, err)
	}
	switch {
	case res.StatusCode == http.StatusNotFound || res.StatusCode == http.StatusGone:
		res.Body.Close()
		return nil, ErrLogExpired
	case res.StatusCode != http.StatusOK:
		res.Body.Close()
		return nil, fmt.Errorf("downloading the log of job %d: HTTP %d", jobID, res.StatusCode)
	}
	return res.Body, nil
}

// FailedStep names the first failed step of an Actions job, or "".
func (r Repo) FailedStep(ctx context.Context, jobID int64) (string, error) {
	job, _, err := r.GH.Actions.GetWorkflowJobByID(ctx, r.Owner, r.Name, jobID)
	if err != nil {
		return "", fmt.Errorf("reading job %d: %w", jobID, err)
	}
	for _, s := range job.Steps {
		if Failing(s.GetConclusion()) {
			return s.GetName(), nil
		}
	}
	return "", nil
}

// Unstarted is a workflow whose newest run on a commit could not start,
// so no check run reports it.
type Unstarted struct {
	Name, URL string
	// Path is the workflow file, or its name when GitHub did not say.
	Path string
}

// Unstarted lists the workflows of sha whose newest run could not start,
// by name.
func (r Repo) Unstarted(ctx context.Context, sha string) ([]Unstarted, error) {
	runs, _, err := r.GH.Actions.ListRepositoryWorkflowRuns(ctx, r.Owner, r.Name,
		&github.ListWorkflowRunsOptions{HeadSHA: sha, ListOptions: github.ListOptions{PerPage: 100}})
	if err != nil {
		return nil, fmt.Errorf("listing workflow runs of %.7s: %w", sha, err)
	}
	latest := map[int64]*github.WorkflowRun{}
	for _, run := range runs.WorkflowRuns {
		key := run.GetWorkflowID()
		if cur, ok := latest[key]; !ok || run.GetRunAttempt() > cur.GetRunAttempt() || run.GetID() > cur.GetID() {
			latest[key] = run
		}
	}
	var out []Unstarted
	for _, run := range latest {
		if run.GetConclusion() != "startup_failure" {
			continue
		}
		// Runs of this go-github version do not carry the file's path; the
		// workflow does. Only runs that could not start cost this call.
		path := run.GetName()
		if wf, _, err := r.GH.Actions.GetWorkflowByID(ctx, r.Owner, r.Name, run.GetWorkflowID()); err == nil && wf.GetPath() != "" {
			path = wf.GetPath()
		}
		out = append(out, Unstarted{Name: run.GetName(), URL: run.GetHTMLURL(), Path: path})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}
