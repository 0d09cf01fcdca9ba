package prompts

import "strings"

// ChecksComment is the data of the one comment the app keeps on a pull
// request about its checks.
type ChecksComment struct {
	// Marker is the hidden comment that identifies this comment.
	Marker string
	// HeadSHA is the commit the checks ran on (shown shortened).
	HeadSHA string
	// Failing are the checks explained, most relevant first.
	Failing []FailingCheck
	// Unexplained names failing checks left out to keep the comment short.
	Unexplained []string
	// Running names checks still in progress.
	Running []string
	// FirstTime is true for a first-time contributor, who gets one extra line.
	FirstTime bool
	// Wording is "offline" or "model": where the explanation's words came from.
	Wording string
	// Settings describes mistakes in the repository's .github/prcoach.yml,
	// shown so maintainers can fix them; "" when there are none.
	Settings string
	// Language is the repository's language setting (see ResolveLocale);
	// "" means English.
	Language string
}

// FailingCheck is one failing check, explained.
type FailingCheck struct {
	Name       string
	URL        string // the check's page on GitHub
	Conclusion string // failure, timed_out, startup_failure
	Step       string // the failing step, when known
	Title      string // what failed, in a few words
	Category   string
	// Verdict is change, flaky, infrastructure or unknown; Reason says why.
	Verdict string
	Reason  string
	// NotThisChange is set when the evidence clears the change even though
	// the cause is unknown (the base branch fails too, or the errors are old).
	NotThisChange bool
	Explanation   string
	NextSteps     []string
	Reproduce     string // a local command, when known
	Excerpts      []Excerpt
	// LogProblem is set when the log could not be read (for example expired).
	LogProblem string
	// EmptyLog is set when the log was read but had nothing to show.
	EmptyLog bool
	// AnalysisNote says what the log's analysis had to leave out (for
	// example the repository's own known_failures patterns, when they ran
	// out of time; see ci.Analysis.Note); "" when nothing.
	AnalysisNote string
	// History says, in the repository's language, what PR Coach has seen
	// of this exact error in the repository before (see HistoryText); ""
	// when nothing worth saying.
	History string
	// Corrected is set when a maintainer said (`/explain wrong`) that the
	// verdict this check would get is wrong on this pull request: the
	// comment then leaves the verdict out, says why, and keeps the facts.
	Corrected bool
}

// Excerpt is a run of log lines that matter.
type Excerpt struct {
	StartLine, EndLine int
	Text               string
	// Focus is the log line to show first when the excerpt is long; 0 to
	// show it from the start.
	Focus int
}

// ShortSHA is the first seven characters of the head commit.
func (c ChecksComment) ShortSHA() string {
	if len(c.HeadSHA) > 7 {
		return c.HeadSHA[:7]
	}
	return c.HeadSHA
}

// NotTheAuthorsFault reports whether the verdict points away from the change.
func (f FailingCheck) NotTheAuthorsFault() bool {
	return f.Verdict == "flaky" || f.Verdict == "infrastructure" || f.NotThisChange
}

// Opening is the comment's first sentence after the count. It fits the
// verdicts: reassurance only when no failing check points at the change,
// plain facts when one does, and a note when no log could be read.
func (c ChecksComment) Opening() string {
	readable, cleared, change := 0, 0, 0
	for _, f := range c.Failing {
		if f.Readable() {
			readable++
		}
		if f.NotTheAuthorsFault() {
			cleared++
		}
		if f.Verdict == "change" {
			change++
		}
	}
	l := ResolveLocale(c.Language)
	switch {
	case len(c.Failing) > 0 && readable == 0:
		return l.say("checks.opening.unreadable")
	case change > 0:
		return l.say("checks.opening.change")
	case len(c.Failing) > 0 && cleared == len(c.Failing):
		return l.say("checks.opening.cleared")
	default:
		return l.say("checks.opening.uncertain")
	}
}

// Readable reports whether the check's log gave anything to show.
func (f FailingCheck) Readable() bool {
	return f.LogProblem == "" && !f.EmptyLog
}

// maxInView is how many excerpt lines show before the rest is folded.
const maxInView = 15

// viewFrom is the index of the first line shown in view: a few lines
// before Focus, so that the line that matters is near the top.
func (e Excerpt) viewFrom(n int) int {
	if e.Focus < e.StartLine || e.Focus > e.EndLine {
		return 0
	}
	return max(0, min(e.Focus-e.StartLine-3, n-maxInView))
}

// InView is the part of the excerpt shown as it is: all of it when short,
// else maxInView lines from just before Focus (or from the start).
func (e Excerpt) InView() string {
	lines := strings.Split(inert(e.Text), "\n")
	from := e.viewFrom(len(lines))
	return strings.Join(lines[from:min(len(lines), from+maxInView)], "\n")
}

// ViewStart and ViewEnd are the log lines InView spans.
func (e Excerpt) ViewStart() int {
	return e.StartLine + e.viewFrom(strings.Count(e.Text, "\n")+1)
}

// ViewEnd is the last log line InView shows.
func (e Excerpt) ViewEnd() int {
	return min(e.EndLine, e.ViewStart()+maxInView-1)
}

// Folded is the whole excerpt when InView does not show all of it, else "".
func (e Excerpt) Folded() string {
	if strings.Count(e.Text, "\n")+1 <= maxInView {
		return ""
	}
	return inert(e.Text)
}

// inert keeps log text from opening an HTML comment in the rendered
// comment, should a reader's Markdown renderer not respect the fence: a
// zero-width space goes between "<!" and "--".
func inert(s string) string {
	return strings.ReplaceAll(s, "<!--", "<!\u200b--")
}

// Checks renders the checks comment: failing checks explained, or, when
// Failing is empty, the all-green note.
func Checks(c ChecksComment) (string, error) {
	if len(c.Failing) == 0 {
		return render("checks_green.md.tmpl", c.Language, c)
	}
	return render("checks.md.tmpl", c.Language, c)
}
