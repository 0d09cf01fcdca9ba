package handlers

import (
	"io"

	"github.com/prcoach/prcoach/handlers/ci"
	"github.com/prcoach/prcoach/handlers/safety"
	"github.com/prcoach/prcoach/prompts"
)

// Explanation is what the app would say about one failing log.
type Explanation struct {
	Analysis ci.Analysis
	Verdict  ci.Verdict
	// Comment is the Markdown the app would post.
	Comment string
}

// ExplainLog analyses a CI log the way the app does for a failing check
// named name, without GitHub: secrets are redacted as the log streams, and
// the verdict uses only what the log itself shows. It backs `prcoach explain`.
func ExplainLog(r io.Reader, name string) (Explanation, error) {
	redactor := safety.NewRedactor()
	a, err := ci.Analyze(redactor.Reader(r), ci.Builtin())
	if err != nil {
		return Explanation{}, err
	}
	v := ci.Decide(a, ci.Evidence{})
	fc := describe(prompts.FailingCheck{Name: name, Conclusion: "failure"}, a, v, "")
	body, err := prompts.Checks(prompts.ChecksComment{Marker: ChecksMarker, Failing: []prompts.FailingCheck{fc}, Wording: "offline"})
	if err != nil {
		return Explanation{}, err
	}
	return Explanation{Analysis: a, Verdict: v, Comment: scrub(redactor, body, safety.Policy{Marker: ChecksMarker})}, nil
}
