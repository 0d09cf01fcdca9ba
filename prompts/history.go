package prompts

// HistoryNote is what a repository's history says about a failure, in
// numbers, for HistoryText.
type HistoryNote struct {
	// MarkedFlaky counts maintainers' `/explain flaky` of this error.
	MarkedFlaky int
	// OtherPRs counts other pull requests it failed on in the past week.
	OtherPRs int
	// PassedOnRerun counts commits that passed on a re-run after it.
	PassedOnRerun int
	// FailedOnBase is set when the base branch failed this way lately.
	FailedOnBase bool
}

// HistoryText says h in the language that lang resolves to: maintainers'
// word first ("seen flaky here before (N times)"), then the other PRs,
// the re-runs and the base branch; "" when h holds nothing.
func HistoryText(lang string, h HistoryNote) string {
	l := ResolveLocale(lang)
	var out string
	add := func(s string) {
		if out != "" {
			out += l.say("sentence.sep")
		}
		out += s
	}
	if h.MarkedFlaky > 0 {
		add(l.sayN(h.MarkedFlaky, "history.marked", h.MarkedFlaky))
	}
	if h.OtherPRs > 0 {
		add(l.sayN(h.OtherPRs, "history.other_prs", h.OtherPRs))
	}
	if h.PassedOnRerun > 0 {
		add(l.sayN(h.PassedOnRerun, "history.reruns", h.PassedOnRerun))
	}
	if h.FailedOnBase {
		add(l.say("history.base"))
	}
	return out
}
