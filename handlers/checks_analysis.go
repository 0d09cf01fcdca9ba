package handlers

import (
	"context"
	"fmt"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/ci"
	"github.com/prcoach/prcoach/handlers/pull"
)

// analyse reads a failing run's log (GitHub Actions) or its output and
// annotations (any other CI), caching the result per run.
func (cr *checksReporter) analyse(ctx context.Context, r pull.Repo, run *github.CheckRun, kb *ci.KnowledgeBase, kbVersion string) (ci.Analysis, error) {
	key := fmt.Sprintf("%s/%s/%d/%s/%s", r.Owner, r.Name, run.GetID(), run.GetCompletedAt().String(), kbVersion)
	if a, ok := cr.analyses.get(key); ok {
		return a, nil
	}
	var a ci.Analysis
	var err error
	if run.GetApp().GetSlug() == "github-actions" {
		a, err = cr.analyseJobLog(ctx, r, run.GetID(), kb)
	} else {
		a, err = cr.analyseOutput(ctx, r, run, kb)
	}
	if err != nil {
		return a, err
	}
	cr.analyses.put(key, a)
	return a, nil
}

// analyseJobLog streams an Actions job's log through redaction into the
// analysis. The log URL GitHub redirects to is fetched without credentials.
func (cr *checksReporter) analyseJobLog(ctx context.Context, r pull.Repo, jobID int64, kb *ci.KnowledgeBase) (ci.Analysis, error) {
	body, err := r.JobLog(ctx, cr.logs, jobID)
	if err != nil {
		return ci.Analysis{}, err
	}
	defer body.Close()
	a, err := ci.Analyze(cr.redactor.Reader(body), kb)
	if err != nil {
		return a, fmt.Errorf("reading the log of job %d: %w", jobID, err)
	}
	if step, err := r.FailedStep(ctx, jobID); err == nil && step != "" {
		a.Step = step
	}
	return a, nil
}

// analyseOutput explains a check from another CI by its output and annotations.
func (cr *checksReporter) analyseOutput(ctx context.Context, r pull.Repo, run *github.CheckRun, kb *ci.KnowledgeBase) (ci.Analysis, error) {
	out := run.GetOutput()
	co := ci.CheckOutput{
		Name:    run.GetName(),
		Title:   cr.redactor.Redact(out.GetTitle()),
		Summary: cr.redactor.Redact(out.GetSummary()),
		Text:    cr.redactor.Redact(out.GetText()),
	}
	if out.GetAnnotationsCount() > 0 {
		anns, err := r.Annotations(ctx, run.GetID())
		if err != nil {
			return ci.Analysis{}, fmt.Errorf("check %q: %w", run.GetName(), err)
		}
		for _, a := range anns {
			co.Annotations = append(co.Annotations, ci.Annotation{
				Path: a.GetPath(), StartLine: a.GetStartLine(), EndLine: a.GetEndLine(),
				Level: a.GetAnnotationLevel(), Title: cr.redactor.Redact(a.GetTitle()), Message: cr.redactor.Redact(a.GetMessage()),
			})
		}
	}
	return ci.AnalyzeCheckOutput(co, kb), nil
}

// passingSignatures reads the error-like lines of a passing job's log, so
// the same lines in the failing log are not taken for the news. Best
// effort: without the log (expired, unreadable) the verdict just has less
// evidence. Cached per job; a finished job's log never changes.
func (cr *checksReporter) passingSignatures(ctx context.Context, r pull.Repo, jobID int64) map[string]bool {
	key := fmt.Sprintf("%s/%s/%d", r.Owner, r.Name, jobID)
	if sigs, ok := cr.signatures.get(key); ok {
		return sigs
	}
	body, err := r.JobLog(ctx, cr.logs, jobID)
	if err != nil {
		Logger(ctx).Debug("no passing log to compare with", "job", jobID, LogError, err)
		return nil
	}
	defer body.Close()
	sigs, err := ci.Signatures(cr.redactor.Reader(body))
	if err != nil {
		return nil
	}
	cr.signatures.put(key, sigs)
	return sigs
}
