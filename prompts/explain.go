package prompts

// ExplainNote is a short /explain answer that is not an analysis: usage,
// nothing failing, an unknown check name, a cooldown.
type ExplainNote struct {
	Marker string
	// Kind picks the wording: "usage", "malformed", "nothing_failing",
	// "unknown_check", "cooldown" or "budget".
	Kind    string
	Problem string   // for malformed: what is wrong
	Usage   string   // the usage text
	Name    string   // for unknown_check: the name asked for
	Suggest string   // for unknown_check: the closest check name, if any
	HeadSHA string   // for nothing_failing
	Running []string // for nothing_failing: checks still running
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
	return render("explain_note.md.tmpl", n)
}

// ReviewExplanation is the answer to /explain in a review thread: what the
// parent review comment asks for, why, and a next step.
type ReviewExplanation struct {
	Marker   string
	Reviewer string // login, written without "@"
	Path     string
	Line     int
	// Kind is "issue", "suggestion", "question" or "nit".
	Kind string
	// Points are the code spans and identifiers the comment is about.
	Points []string
	// ModelText, when set, is the model's explanation and replaces the
	// offline sections.
	ModelText string
	// Gentler is a calmer wording of the comment, when it read as tense.
	Gentler string
	Wording string // "offline" or "model"
}

// Quoted is Gentler as a quote block.
func (r ReviewExplanation) Quoted() string {
	return ToneReply{Suggestion: r.Gentler}.Quoted()
}

// ReviewExplanationBody renders the review-thread answer.
func ReviewExplanationBody(r ReviewExplanation) (string, error) {
	return render("explain_review.md.tmpl", r)
}
