package prompts

// ExplainNote is a short /explain answer that is not an analysis: usage,
// nothing failing, an unknown check name, a cooldown.
type ExplainNote struct {
	Marker string
	// Kind picks the wording: "usage", "malformed", "nothing_failing",
	// "unknown_check", "cooldown", "budget"; and for /explain flaky and
	// /explain wrong: "not_maintainer", "feedback_off", "flaky_recorded",
	// "flaky_nothing", "flaky_no_signature", "wrong_recorded" or
	// "wrong_nothing".
	Kind    string
	Problem string   // for malformed: what is wrong
	Usage   string   // the usage text
	Name    string   // for unknown_check: the name asked for
	Suggest string   // for unknown_check: the closest check name, if any
	HeadSHA string   // for nothing_failing
	Running []string // for nothing_failing: checks still running
	// Names are the checks a flaky_recorded or flaky_no_signature note is
	// about.
	Names []string
	// Language is the repository's language setting; "" means English.
	Language string
}

// ShortSHA is the first seven characters of HeadSHA.
func (n ExplainNote) ShortSHA() string {
	if len(n.HeadSHA) > 7 {
		return n.HeadSHA[:7]
	}
	return n.HeadSHA
}

// ExplainNoteBody renders a short /explain answer.
func ExplainNoteBody(n ExplainNote) (string, error) {
	return render("explain_note.md.tmpl", n.Language, n)
}

// ReviewExplanation is the answer to /explain in a review thread: what the
// parent review comment asks for, why, and a next step.
type ReviewExplanation struct {
	Marker   string
	Reviewer string // login, written without "@"
	Path     string
	Line     int
	// Kind is "issue", "suggestion", "question", "nit", or "" when the
	// comment does not say plainly what it asks.
	Kind string
	// Points are the code spans and identifiers the comment is about.
	Points []string
	// ModelText, when set, is the model's explanation and replaces the
	// offline sections.
	ModelText string
	// Gentler is a calmer wording of the comment, when it read as tense.
	Gentler string
	Wording string // "offline" or "model"
	// Language is the repository's language setting; "" means English.
	Language string
}

// Quoted is Gentler as a quote block.
func (r ReviewExplanation) Quoted() string {
	return ToneReply{Suggestion: r.Gentler}.Quoted()
}

// Whose is who wrote the comment, as the answer's first sentence says it.
func (r ReviewExplanation) Whose() string {
	l := ResolveLocale(r.Language)
	if r.Reviewer == "" {
		return l.say("review.this")
	}
	return l.say("review.whose", r.Reviewer)
}

// Where is where the comment is, as the answer's first sentence says it;
// "" when it is on no file.
func (r ReviewExplanation) Where() string {
	l := ResolveLocale(r.Language)
	switch {
	case r.Path == "":
		return ""
	case r.Line == 0:
		return l.say("review.on", r.Path)
	}
	return l.say("review.on_line", r.Path, r.Line)
}

// ReviewExplanationBody renders the review-thread answer.
func ReviewExplanationBody(r ReviewExplanation) (string, error) {
	return render("explain_review.md.tmpl", r.Language, r)
}
