package handlers

import (
	"context"
	"errors"
	"strings"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/ci"
	"github.com/prcoach/prcoach/handlers/pull"
	"github.com/prcoach/prcoach/prompts"
)

// Limits that keep a comment readable and its cost bounded.
const (
	maxExplained   = 4   // failing checks analysed in one comment; the rest are named
	maxExcerptLine = 300 // characters of one log line shown
)

// postChecks is the one checks report, for the checks comment and for an
// /explain answer alike: it renders the report (marked with m) for pr's
// check state st and posts it in t, in the review thread rooted at root
// when root is not 0. It returns post's outcome and the data the report
// was rendered from (the checks explained and whose words they are).
func (b *Base) postChecks(ctx context.Context, d *delivery, t *thread, pr pull.PR, st checkState, m marker, root int64) (string, prompts.ChecksComment, error) {
	conf, problem, err := d.settings(ctx)
	if err != nil {
		return "", prompts.ChecksComment{}, err
	}
	c := prompts.ChecksComment{
		Marker: m.String(), HeadSHA: pr.HeadSHA, Running: st.running,
		FirstTime: pr.FirstTimer(), Wording: "offline", Settings: problem, Language: conf.Language(),
	}
	for i, run := range st.failing {
		if i >= maxExplained {
			c.Unexplained = append(c.Unexplained, run.GetName())
			continue
		}
		fc, err := b.explainRun(ctx, d, pr, run, st.passedOnce[run.GetName()])
		if err != nil {
			return "", c, err
		}
		if fc.LogProblem == "" {
			text, ok := b.complete(ctx, installationOf(ctx), func() (prompts.Prompt, error) {
				return prompts.CheckExplanationPrompt(prompts.CheckExplanationData{Check: fc, FirstTime: c.FirstTime, Language: c.Language})
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
	out, err := b.post(ctx, t, m, body, root)
	return out, c, err
}

// explainRun analyses one failing check run and decides its verdict.
func (b *Base) explainRun(ctx context.Context, d *delivery, pr pull.PR, run *github.CheckRun, passedOnce bool) (prompts.FailingCheck, error) {
	fc := prompts.FailingCheck{Name: run.GetName(), URL: run.GetHTMLURL(), Conclusion: run.GetConclusion()}
	conf, _, err := d.settings(ctx)
	if err != nil {
		return fc, err
	}
	kb, err := conf.KnowledgeBase()
	if err != nil {
		kb = ci.Builtin()
	}
	a, err := b.analyse(ctx, d.Repo, run, kb, conf.Source().SHA)
	switch {
	case errors.Is(err, pull.ErrLogExpired):
		fc.LogProblem = prompts.Say(conf.Language(), "checks.log_expired")
		fc.Verdict = "unknown"
		return fc, nil
	case err != nil:
		return fc, err
	}
	base, err := d.BaseRun(ctx, pr.BaseRef, run.GetName())
	if err != nil {
		return fc, err
	}
	ev := ci.Evidence{FailsOnBase: base != nil && pull.Failing(base.GetConclusion()), PassedOnRerun: passedOnce}
	if base != nil && base.GetConclusion() == "success" && base.GetApp().GetSlug() == "github-actions" {
		if sigs := b.passingSignatures(ctx, d.Repo, base.GetID()); sigs != nil {
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
	fc.EmptyLog = len(a.Excerpts) == 0 && a.Cause == nil
	fc.AnalysisNote = a.Note
	if a.Cause != nil {
		fc.Explanation, fc.NextSteps = a.Cause.Explanation, a.Cause.NextSteps
	}
	for _, ex := range a.Excerpts {
		fc.Excerpts = append(fc.Excerpts, prompts.Excerpt{StartLine: ex.StartLine, EndLine: ex.EndLine, Text: clipLines(ex.Text, maxExcerptLine), Focus: ex.Focus})
	}
	return fc
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
