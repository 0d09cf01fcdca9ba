package ci

import (
	"fmt"
	"regexp"
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

// Reason keys: one per sentence Decide writes. ReasonChange and
// ReasonEither take the category as their one argument, ReasonSomeOld the
// new lines' numbers; the others take none. No sentence takes the title:
// a title is a clause ("A network request failed"), not a subject.
const (
	ReasonInfra      = "infrastructure"
	ReasonNetwork    = "network"
	ReasonSetupStep  = "setup_step"
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
	case c != nil && a.Category == "network":
		return Verdict{LikelyInfrastructure, "This is a problem of the network or of a server the job reached, not of the code.", false, ReasonNetwork, nil}
	case c != nil && (c.Infrastructure || a.Category == "infrastructure"):
		return Verdict{LikelyInfrastructure, "This is a problem of the CI machine, not of the code.", false, ReasonInfra, nil}
	case ev.FailsOnBase:
		return Verdict{LikelyUnknown, "The same check is also failing on the base branch's latest commit, so this change is not what broke it. Once it is fixed there, rebasing or re-running this check clears it.", true, ReasonFailsBase, nil}
	case ev.PassedOnRerun:
		return Verdict{LikelyFlaky, "The same check passed on another attempt of the same commit, so the failure is intermittent.", false, ReasonRerun, nil}
	case c != nil && c.Flaky:
		return Verdict{LikelyFlaky, "This is a known intermittent failure; a re-run usually passes.", false, ReasonKnownFlaky, nil}
	}
	if v, ok := oldNews(a, ev.KnownBefore); ok {
		return v
	}
	switch {
	case c != nil && c.Setup:
		return Verdict{LikelyUnknown, "This is usually a problem of the CI set-up (a secret, a permission, a tool or script on the runner) rather than of the code in this change; the next steps say where to look.", false, ReasonSetup, nil}
	case c != nil && a.Category == "test" && setupStep(a.Step):
		// A crash or failure in a step that installs tools is no test of
		// the change's code, whatever pattern matched it.
		return Verdict{LikelyUnknown, "The error came from a step that installs or sets up tools, not from the code's tests, so it may have nothing to do with the change.", false, ReasonSetupStep, nil}
	case c != nil && c.Unplaced:
		return either(a.Category)
	case c != nil && changeCategories[a.Category]:
		return Verdict{LikelyChange, fmt.Sprintf("%s failure like this usually comes from the change itself.", withArticle(a.Category)), false, ReasonChange, []string{a.Category}}
	case c != nil && a.Category == "unknown":
		return Verdict{LikelyUnknown, "The log does not show whether the change or the machine caused this.", false, ReasonNoTell, nil}
	case c != nil:
		return either(a.Category)
	default:
		return Verdict{LikelyUnknown, "The log does not say plainly what went wrong; the lines shown are where to start.", false, ReasonNoMatch, nil}
	}
}

// either is the verdict on a failure of category that the change or
// something outside it can cause.
func either(category string) Verdict {
	return Verdict{LikelyUnknown, fmt.Sprintf("%s failure like this can come from the change or from outside it: the machine, a dependency or a site the job reached.", withArticle(category)), false, ReasonEither, []string{category}}
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

// installWords and testWords tell a step that installs or sets up tools
// ("Install Safari", "./wpt install --channel preview", "Set up JDK")
// from one that also runs the tests ("npm ci && npm test").
var (
	installWords = regexp.MustCompile(`(?i)\b(?:install(?:s|ing)?|set[ -]?up|setup-\w+|bootstrap|provision(?:ing)?|download(?:ing)?)\b`)
	testWords    = regexp.MustCompile(`(?i)\b(?:tests?|testing|spec|specs|check|verify|pytest|jest|vitest|mocha|rspec|phpunit|ctest|tox|nox)\b|(?:^|[\s/])test[\w:-]*`)
)

// setupStep reports whether step (its name or command) installs or sets up
// tools and does not run tests.
func setupStep(step string) bool {
	return installWords.MatchString(step) && !testWords.MatchString(step)
}

// withArticle puts "A" or "An" before a word: "An unknown", "A test".
func withArticle(word string) string {
	if word != "" && strings.ContainsRune("aeiouAEIOU", rune(word[0])) {
		return "An " + word
	}
	return "A " + word
}
