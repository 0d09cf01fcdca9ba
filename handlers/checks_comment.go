package handlers

import (
	"context"
	"errors"
	"strings"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/ci"
	"github.com/prcoach/prcoach/handlers/feedback"
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
// was rendered from (the checks explained and whose words they are). A
// claim a maintainer corrected on this PR is left out, and what the
// report says is labelled for the votes.
func (cr *checksReporter) postChecks(ctx context.Context, d *delivery, t *thread, pr pull.PR, st checkState, m marker, root int64) (string, prompts.ChecksComment, error) {
	conf, problem, err := d.settings(ctx)
	if err != nil {
		return "", prompts.ChecksComment{}, err
	}
	c := prompts.ChecksComment{
		Marker: m.String(), HeadSHA: pr.HeadSHA, Running: st.running,
		FirstTime: pr.FirstTimer(), Wording: "offline", Settings: problem, Language: conf.Language(),
	}
	kind := feedback.KindExplain
	if m == checksMarker {
		kind = feedback.KindChecks
	}
	corrections := cr.corrected(ctx, d.Repo, pr.Number)
	labels := feedback.Labels{Kind: kind}
	for i, run := range st.failing {
		if i >= maxExplained {
			c.Unexplained = append(c.Unexplained, run.GetName())
			continue
		}
		fc, l, err := cr.explainFailing(ctx, d, pr, run, st.passedOnce[run.GetName()], corrections, &c)
		if err != nil {
			return "", c, err
		}
		if len(c.Failing) == 0 {
			labels = l
		}
		c.Failing = append(c.Failing, fc)
	}
	if len(c.Failing) == 0 && len(st.unstarted) > 0 {
		labels.Category, labels.Verdict = st.unstarted[0].Category, st.unstarted[0].Verdict
	}
	c.Failing = append(c.Failing, st.unstarted...)
	body, err := prompts.Checks(c)
	if err != nil {
		return "", c, Permanent(err)
	}
	out, err := cr.replies.post(ctx, t, m, body, root)
	if err == nil {
		labels.Kind, labels.Wording = kind, c.Wording
		cr.replies.labelComment(ctx, t, m, out, labels)
	}
	return out, c, err
}

// explainFailing explains run, one failing check of comment c: a claim a
// maintainer corrected on this PR is withdrawn, and the model words the
// explanation when it can (c's wording then says so). It returns the
// check and the labels of what it claims.
func (cr *checksReporter) explainFailing(ctx context.Context, d *delivery, pr pull.PR, run *github.CheckRun, passedOnce bool,
	corrections []feedback.Correction, c *prompts.ChecksComment) (prompts.FailingCheck, feedback.Labels, error) {
	fc, facts, err := cr.explainRun(ctx, d, pr, run, passedOnce)
	if err != nil {
		return fc, facts.labels, err
	}
	if feedback.Repeats(corrections, d.Owner+"/"+d.Name, pr.Number, facts.labels, facts.sig.ID) {
		fc.Corrected, fc.Verdict, fc.Reason, fc.NotThisChange = true, "unknown", "", false
		facts.labels.Verdict = fc.Verdict
	}
	if fc.LogProblem == "" {
		text, ok := cr.base.complete(ctx, installationOf(ctx), func() (prompts.Prompt, error) {
			return prompts.CheckExplanationPrompt(prompts.CheckExplanationData{Check: fc, FirstTime: c.FirstTime, Language: c.Language})
		})
		if ok {
			fc.Explanation, c.Wording = text, "model"
		}
	}
	return fc, facts.labels, nil
}

// explainRun analyses one failing check run and decides its verdict: ci's
// decision, then what the repository's history says. It returns what the
// check's report claims, for the feedback stores.
func (cr *checksReporter) explainRun(ctx context.Context, d *delivery, pr pull.PR, run *github.CheckRun, passedOnce bool) (prompts.FailingCheck, checkFacts, error) {
	fc := prompts.FailingCheck{Name: run.GetName(), URL: run.GetHTMLURL(), Conclusion: run.GetConclusion()}
	facts := checkFacts{name: fc.Name, labels: feedback.Labels{Kind: feedback.KindChecks}}
	conf, _, err := d.settings(ctx)
	if err != nil {
		return fc, facts, err
	}
	kb, err := conf.KnowledgeBase()
	if err != nil {
		kb = ci.Builtin()
	}
	a, err := cr.analyse(ctx, d.Repo, run, kb, conf.Source().SHA)
	switch {
	case errors.Is(err, pull.ErrLogExpired):
		fc.LogProblem = prompts.Say(conf.Language(), "checks.log_expired")
		fc.Verdict = "unknown"
		facts.labels.Verdict = fc.Verdict
		return fc, facts, nil
	case err != nil:
		return fc, facts, err
	}
	base, err := d.BaseRun(ctx, pr.BaseRef, run.GetName())
	if err != nil {
		return fc, facts, err
	}
	ev := ci.Evidence{FailsOnBase: base != nil && pull.Failing(base.GetConclusion()), PassedOnRerun: passedOnce}
	if base != nil && base.GetConclusion() == "success" && base.GetApp().GetSlug() == "github-actions" {
		if sigs := cr.passingSignatures(ctx, d.Repo, base.GetID()); sigs != nil {
			ev.KnownBefore = ci.KnownIn(sigs)
		}
	}
	v := ci.Decide(a, ev)
	facts.labels = feedback.ChecksLabels(feedback.KindChecks, a, v, "")
	facts.sig = feedback.SignatureOf(feedback.KeyLine(a))
	if ev.FailsOnBase {
		cr.noteBaseFailure(ctx, d.Repo, base, kb, conf.Source().SHA)
	}
	fc = describe(fc, a, v, conf.Language())
	return cr.weighHistory(ctx, d.Repo, pr, run, fc, &facts, conf.Language()), facts, nil
}

// describe fills fc with what the analysis and verdict say, in the
// repository's language lang.
func describe(fc prompts.FailingCheck, a ci.Analysis, v ci.Verdict, lang string) prompts.FailingCheck {
	fc.Verdict, fc.Reason, fc.NotThisChange = v.LikelyCause, v.Reason, v.NotThisChange
	fc.Title, fc.Category, fc.Step, fc.Reproduce = a.Title, a.Category, a.Step, a.Reproduce
	fc.EmptyLog = len(a.Excerpts) == 0 && a.Cause == nil
	fc.AnalysisNote = a.Note
	if a.Cause != nil {
		fc.Explanation, fc.NextSteps = a.Explained(*a.Cause)
	}
	fc = inLanguage(fc, a, v, lang)
	for _, ex := range a.Excerpts {
		fc.Excerpts = append(fc.Excerpts, prompts.Excerpt{StartLine: ex.StartLine, EndLine: ex.EndLine, Text: clipLines(ex.Text, maxExcerptLine), Focus: ex.Focus})
	}
	return fc
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
