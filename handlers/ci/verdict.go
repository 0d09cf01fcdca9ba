package ci

import (
	"fmt"
	"strings"
)

// Evidence is what other runs say about a failure.
type Evidence struct {
	// FailsOnBase: the same check is failing on the base branch's latest
	// commit.
	FailsOnBase bool
	// PassedOnRerun: the same check passed on another attempt of the same
	// commit.
	PassedOnRerun bool
	// KnownBefore, when set, reports whether an error line also appeared in
	// the last passing log of the same job (see Signatures and KnownIn).
	KnownBefore func(line string) bool
}

// Verdict says whether the change likely caused a failure, and why.
type Verdict struct {
	// LikelyCause is change, flaky, infrastructure or unknown.
	LikelyCause string `json:"likely_cause"`
	Reason      string `json:"reason"`
	// NotThisChange is true when the evidence shows the change did not
	// cause the failure even though the cause itself is unknown (the base
	// branch fails the same way, or the error lines are old news).
	NotThisChange bool `json:"not_this_change,omitempty"`
	// Key names Reason's message (see the Reason constants) for a
	// translation; Args are its values in order. The English Reason stays
	// the one in the JSON output.
	Key  string   `json:"-"`
	Args []string `json:"-"`
}

// Reason keys: one per sentence Decide writes. ReasonInfra and
// ReasonKnownFlaky take the analysis title as their one argument,
// ReasonChange the category and a line number, ReasonEither the
// category, ReasonSomeOld the new lines' numbers.
const (
	ReasonInfra      = "infrastructure"
	ReasonFailsBase  = "fails_on_base"
	ReasonRerun      = "passed_on_rerun"
	ReasonKnownFlaky = "known_flaky"
	ReasonAllOld     = "all_old"
	ReasonSomeOld    = "some_old"
	ReasonSetup      = "setup"
	ReasonChange     = "change"
	ReasonNoTell     = "cannot_tell"
	ReasonEither     = "either"
	ReasonNoMatch    = "no_match"
)

// Likely causes.
const (
	LikelyChange         = "change"
	LikelyFlaky          = "flaky"
	LikelyInfrastructure = "infrastructure"
	LikelyUnknown        = "unknown"
)

// changeCategories are failures that a change to the code or its
// dependencies usually causes.
var changeCategories = map[string]bool{"compile": true, "test": true, "lint": true,
	"dependency": true, "configuration": true}

// Decide weighs an analysis against evidence from other runs. Infrastructure
// causes come first, then the base branch, then a passing re-run and known
// flaky causes, then error lines already seen in a passing run.
func Decide(a Analysis, ev Evidence) Verdict {
	c := a.Cause
	switch {
	case c != nil && (c.Infrastructure || a.Category == "infrastructure" || a.Category == "network"):
		return Verdict{LikelyInfrastructure, fmt.Sprintf("%s is a problem of the CI machine or network, not of the code.", a.Title), false, ReasonInfra, []string{a.Title}}
	case ev.FailsOnBase:
		return Verdict{LikelyUnknown, "The same check is also failing on the base branch's latest commit, so this change is not what broke it. Once it is fixed there, rebasing or re-running this check clears it.", true, ReasonFailsBase, nil}
	case ev.PassedOnRerun:
		return Verdict{LikelyFlaky, "The same check passed on another attempt of the same commit, so the failure is intermittent.", false, ReasonRerun, nil}
	case c != nil && c.Flaky:
		return Verdict{LikelyFlaky, fmt.Sprintf("%s is a known intermittent failure; a re-run usually passes.", a.Title), false, ReasonKnownFlaky, []string{a.Title}}
	}
	if v, ok := oldNews(a, ev.KnownBefore); ok {
		return v
	}
	switch {
	case c != nil && c.Setup:
		return Verdict{LikelyUnknown, "This is usually a problem of the CI set-up (a secret, a permission, a tool or script on the runner) rather than of the code in this change; the next steps say where to look.", false, ReasonSetup, nil}
	case c != nil && c.Unplaced:
		return Verdict{LikelyUnknown, fmt.Sprintf("%s failure like this can come from the change or from the machine.", withArticle(a.Category)), false, ReasonEither, []string{a.Category}}
	case c != nil && changeCategories[a.Category]:
		return Verdict{LikelyChange, fmt.Sprintf("%s failure at line %s points at the change.", withArticle(a.Category), firstLine(a)), false, ReasonChange, []string{a.Category, firstLine(a)}}
	case c != nil && a.Category == "unknown":
		return Verdict{LikelyUnknown, "The log does not show whether the change or the machine caused this.", false, ReasonNoTell, nil}
	case c != nil:
		return Verdict{LikelyUnknown, fmt.Sprintf("%s failure like this can come from the change or from the machine.", withArticle(a.Category)), false, ReasonEither, []string{a.Category}}
	default:
		return Verdict{LikelyUnknown, "No known failure pattern matched the log.", false, ReasonNoMatch, nil}
	}
}

// oldNews reports a verdict when every error line was already in the last
// passing log of the job.
func oldNews(a Analysis, known func(string) bool) (Verdict, bool) {
	if known == nil || len(a.Findings) == 0 {
		return Verdict{}, false
	}
	var fresh []string
	for _, f := range a.Findings {
		if !known(f.Text) {
			fresh = append(fresh, fmt.Sprint(f.Line))
		}
	}
	if len(fresh) == 0 {
		return Verdict{LikelyUnknown, "Every error line shown also appeared in the last passing run of this job, so they are not what broke it; the cause may be elsewhere in the full log.", true, ReasonAllOld, nil}, true
	}
	if len(fresh) < len(a.Findings) {
		return Verdict{LikelyChange, fmt.Sprintf("Some error lines were already in the last passing run; the new ones are at lines %s.", strings.Join(fresh, ", ")), false, ReasonSomeOld, []string{strings.Join(fresh, ", ")}}, true
	}
	return Verdict{}, false
}

func firstLine(a Analysis) string {
	if len(a.Findings) > 0 {
		return fmt.Sprint(a.Findings[0].Line)
	}
	if len(a.Excerpts) > 0 {
		return fmt.Sprint(a.Excerpts[0].StartLine)
	}
	return "?"
}

// withArticle puts "A" or "An" before a word: "An unknown", "A test".
func withArticle(word string) string {
	if word != "" && strings.ContainsRune("aeiouAEIOU", rune(word[0])) {
		return "An " + word
	}
	return "A " + word
}
