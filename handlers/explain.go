package handlers

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/ci"
	"github.com/prcoach/prcoach/handlers/settings"
	"github.com/prcoach/prcoach/prompts"
)

// Limits that keep a comment readable and its cost bounded.
const (
	maxExplained   = 4   // failing checks analysed in one comment; the rest are named
	maxExcerptLine = 300 // characters of one log line shown
)

// errLogExpired means GitHub no longer has the job's log.
var errLogExpired = errors.New("the log has expired")

// checksComment renders the comment (marked with m) for a PR's current
// check state, returning the body, not yet redacted or sanitised (post does
// that), and the data it was rendered from (the checks explained and whose
// words they are).
func (b *Base) checksComment(ctx context.Context, gh *github.Client, owner, repo string, pr *github.PullRequest, st checkState, m marker) (string, prompts.ChecksComment, error) {
	c := prompts.ChecksComment{
		Marker:    m.String(),
		HeadSHA:   pr.GetHead().GetSHA(),
		Running:   st.running,
		FirstTime: firstTimer(pr.GetAuthorAssociation()),
		Wording:   "offline",
		Settings:  st.settingsProblem,
	}
	for i, run := range st.failing {
		if i >= maxExplained {
			c.Unexplained = append(c.Unexplained, run.GetName())
			continue
		}
		fc, err := b.explainRun(ctx, gh, owner, repo, pr, run, st.passedOnce[run.GetName()], st.settings)
		if err != nil {
			return "", c, err
		}
		if fc.LogProblem == "" {
			text, ok := b.complete(ctx, installationOf(ctx), func() (prompts.Prompt, error) {
				return prompts.CheckExplanationPrompt(prompts.CheckExplanationData{Check: fc, FirstTime: c.FirstTime})
			})
			if ok {
				fc.Explanation, c.Wording = text, "model"
			}
		}
		c.Failing = append(c.Failing, fc)
	}
	c.Failing = append(c.Failing, st.unstarted...)
	body, err := prompts.Checks(c)
	if err != nil {
		return "", c, Permanent(err)
	}
	return body, c, nil
}

func firstTimer(association string) bool {
	return association == "FIRST_TIME_CONTRIBUTOR" || association == "FIRST_TIMER"
}

// explainRun analyses one failing check run and decides its verdict.
func (b *Base) explainRun(ctx context.Context, gh *github.Client, owner, repo string, pr *github.PullRequest, run *github.CheckRun, passedOnce bool, conf settings.Settings) (prompts.FailingCheck, error) {
	fc := prompts.FailingCheck{Name: run.GetName(), URL: run.GetHTMLURL(), Conclusion: run.GetConclusion()}
	kb, err := conf.KnowledgeBase()
	if err != nil {
		kb = ci.Builtin()
	}
	a, err := b.analyse(ctx, gh, owner, repo, run, kb, conf.Source().SHA)
	switch {
	case errors.Is(err, errLogExpired):
		fc.LogProblem = "We couldn't read this check's log: GitHub has expired it. Re-running the job gives a fresh log, and this comment will explain it."
		fc.Verdict = "unknown"
		return fc, nil
	case err != nil:
		return fc, err
	}
	base, err := b.baseRun(ctx, gh, owner, repo, pr.GetBase().GetRef(), run.GetName())
	if err != nil {
		return fc, err
	}
	ev := ci.Evidence{FailsOnBase: base != nil && failingConclusions[base.GetConclusion()], PassedOnRerun: passedOnce}
	if base != nil && base.GetConclusion() == "success" && base.GetApp().GetSlug() == "github-actions" {
		if sigs := b.passingSignatures(ctx, gh, owner, repo, base.GetID()); sigs != nil {
			ev.KnownBefore = ci.KnownIn(sigs)
		}
	}
	v := ci.Decide(a, ev)
	return describe(fc, a, v), nil
}

// describe fills fc with what the analysis and verdict say.
func describe(fc prompts.FailingCheck, a ci.Analysis, v ci.Verdict) prompts.FailingCheck {
	fc.Verdict, fc.Reason, fc.NotThisChange = v.LikelyCause, v.Reason, v.NotThisChange
	fc.Title, fc.Category, fc.Step, fc.Reproduce = a.Title, a.Category, a.Step, a.Reproduce
	if a.Cause != nil {
		fc.Explanation, fc.NextSteps = a.Cause.Explanation, a.Cause.NextSteps
	}
	for _, ex := range a.Excerpts {
		fc.Excerpts = append(fc.Excerpts, prompts.Excerpt{StartLine: ex.StartLine, EndLine: ex.EndLine, Text: clipLines(ex.Text, maxExcerptLine)})
	}
	return fc
}

// analyse reads a failing run's log (GitHub Actions) or its output and
// annotations (any other CI), caching the result per run.
func (b *Base) analyse(ctx context.Context, gh *github.Client, owner, repo string, run *github.CheckRun, kb *ci.KnowledgeBase, kbVersion string) (ci.Analysis, error) {
	key := fmt.Sprintf("%s/%s/%d/%s/%s", owner, repo, run.GetID(), run.GetCompletedAt().String(), kbVersion)
	if a, ok := b.analyses.get(key); ok {
		return a, nil
	}
	var a ci.Analysis
	var err error
	if run.GetApp().GetSlug() == "github-actions" {
		a, err = b.analyseJobLog(ctx, gh, owner, repo, run.GetID(), kb)
	} else {
		a, err = b.analyseOutput(ctx, gh, owner, repo, run, kb)
	}
	if err != nil {
		return a, err
	}
	b.analyses.put(key, a)
	return a, nil
}

// analyseJobLog streams an Actions job's log through redaction into the
// analysis. The log URL GitHub redirects to is fetched without credentials.
func (b *Base) analyseJobLog(ctx context.Context, gh *github.Client, owner, repo string, jobID int64, kb *ci.KnowledgeBase) (ci.Analysis, error) {
	body, err := b.openJobLog(ctx, gh, owner, repo, jobID)
	if err != nil {
		return ci.Analysis{}, err
	}
	defer body.Close()
	a, err := ci.Analyze(b.redactor.Reader(body), kb)
	if err != nil {
		return a, fmt.Errorf("reading the log of job %d: %w", jobID, err)
	}
	if step, err := failedStep(ctx, gh, owner, repo, jobID); err == nil && step != "" {
		a.Step = step
	}
	return a, nil
}

// openJobLog follows GitHub's redirect to an Actions job's log and opens it
// without the GitHub token. errLogExpired means GitHub no longer has it.
func (b *Base) openJobLog(ctx context.Context, gh *github.Client, owner, repo string, jobID int64) (io.ReadCloser, error) {
	u, resp, err := gh.Actions.GetWorkflowJobLogs(ctx, owner, repo, jobID, 1)
	if resp != nil && (resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone) {
		return nil, errLogExpired
	}
	if err != nil {
		return nil, fmt.Errorf("locating the log of job %d: %w", jobID, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("log URL: %w", err)
	}
	res, err := b.logs.Do(req)
	if err != nil {
		return nil, fmt.Errorf("downloading the log of job %d: %w", jobID, err)
	}
	switch {
	case res.StatusCode == http.StatusNotFound || res.StatusCode == http.StatusGone:
		res.Body.Close()
		return nil, errLogExpired
	case res.StatusCode != http.StatusOK:
		res.Body.Close()
		return nil, fmt.Errorf("downloading the log of job %d: HTTP %d", jobID, res.StatusCode)
	}
	return res.Body, nil
}

// failedStep names the first failed step of an Actions job.
func failedStep(ctx context.Context, gh *github.Client, owner, repo string, jobID int64) (string, error) {
	job, _, err := gh.Actions.GetWorkflowJobByID(ctx, owner, repo, jobID)
	if err != nil {
		return "", err
	}
	for _, s := range job.Steps {
		if failingConclusions[s.GetConclusion()] {
			return s.GetName(), nil
		}
	}
	return "", nil
}

// analyseOutput explains a check from another CI by its output and annotations.
func (b *Base) analyseOutput(ctx context.Context, gh *github.Client, owner, repo string, run *github.CheckRun, kb *ci.KnowledgeBase) (ci.Analysis, error) {
	out := run.GetOutput()
	co := ci.CheckOutput{
		Name:    run.GetName(),
		Title:   b.redactor.Redact(out.GetTitle()),
		Summary: b.redactor.Redact(out.GetSummary()),
		Text:    b.redactor.Redact(out.GetText()),
	}
	if out.GetAnnotationsCount() > 0 {
		anns, _, err := gh.Checks.ListCheckRunAnnotations(ctx, owner, repo, run.GetID(), &github.ListOptions{PerPage: 50})
		if err != nil {
			return ci.Analysis{}, fmt.Errorf("reading annotations of %q: %w", run.GetName(), err)
		}
		for _, a := range anns {
			co.Annotations = append(co.Annotations, ci.Annotation{
				Path: a.GetPath(), StartLine: a.GetStartLine(), EndLine: a.GetEndLine(),
				Level: a.GetAnnotationLevel(), Title: b.redactor.Redact(a.GetTitle()), Message: b.redactor.Redact(a.GetMessage()),
			})
		}
	}
	return ci.AnalyzeCheckOutput(co, kb), nil
}

// baseRun returns the latest completed run of the check named name on the
// base branch, or nil. A failing one means the failure is not this PR's
// doing; a passing one's log tells which error lines are old news.
func (b *Base) baseRun(ctx context.Context, gh *github.Client, owner, repo, baseRef, name string) (*github.CheckRun, error) {
	if baseRef == "" {
		return nil, nil
	}
	res, _, err := gh.Checks.ListCheckRunsForRef(ctx, owner, repo, baseRef,
		&github.ListCheckRunsOptions{CheckName: github.String(name), ListOptions: github.ListOptions{PerPage: 10}})
	if err != nil {
		return nil, fmt.Errorf("reading %q on %s: %w", name, baseRef, err)
	}
	var latest *github.CheckRun
	for _, run := range res.CheckRuns {
		if run.GetStatus() == "completed" && (latest == nil || newer(run, latest)) {
			latest = run
		}
	}
	return latest, nil
}

// passingSignatures reads the error-like lines of a passing job's log, so
// the same lines in the failing log are not taken for the news. Best
// effort: without the log (expired, unreadable) the verdict just has less
// evidence. Cached per job; a finished job's log never changes.
func (b *Base) passingSignatures(ctx context.Context, gh *github.Client, owner, repo string, jobID int64) map[string]bool {
	key := fmt.Sprintf("%s/%s/%d", owner, repo, jobID)
	if sigs, ok := b.signatures.get(key); ok {
		return sigs
	}
	body, err := b.openJobLog(ctx, gh, owner, repo, jobID)
	if err != nil {
		Logger(ctx).Debug("no passing log to compare with", "job", jobID, "error", err)
		return nil
	}
	defer body.Close()
	sigs, err := ci.Signatures(b.redactor.Reader(body))
	if err != nil {
		return nil
	}
	b.signatures.put(key, sigs)
	return sigs
}

func (b *Base) webHost() string {
	return strings.TrimPrefix(strings.TrimPrefix(b.webURL, "https://"), "http://")
}

// clipLines shortens each line of text to at most n characters.
func clipLines(text string, n int) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if len(l) > n {
			cut := n
			for cut > 0 && !utf8Start(l[cut]) {
				cut--
			}
			lines[i] = l[:cut] + " …"
		}
	}
	return strings.Join(lines, "\n")
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// lru remembers results for finished runs (a finished run's log never
// changes), bounded, evicting the oldest.
type lru[V any] struct {
	mu    sync.Mutex
	max   int
	order []string
	items map[string]V
}

func newLRU[V any](n int) *lru[V] {
	return &lru[V]{max: n, items: map[string]V{}}
}

func (c *lru[V]) get(key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.items[key]
	return v, ok
}

func (c *lru[V]) put(key string, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[key]; ok {
		return
	}
	if len(c.order) >= c.max {
		delete(c.items, c.order[0])
		c.order = c.order[1:]
	}
	c.order = append(c.order, key)
	c.items[key] = v
}
