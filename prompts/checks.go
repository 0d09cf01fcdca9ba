package prompts

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
}

// Excerpt is a run of log lines that matter.
type Excerpt struct {
	StartLine, EndLine int
	Text               string
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

// Checks renders the checks comment: failing checks explained, or, when
// Failing is empty, the all-green note.
func Checks(c ChecksComment) (string, error) {
	if len(c.Failing) == 0 {
		return render("checks_green.md.tmpl", c)
	}
	return render("checks.md.tmpl", c)
}
