package web

// HelpfulTable is one of the dashboard's "Helpful" tables: people's votes
// on PR Coach's comments grouped one way, worst-rated first.
type HelpfulTable struct {
	ID    string // the section's anchor
	Title string
	Rows  []HelpfulRow
}

// HelpfulRow is the votes on one group of comments: counts and labels,
// never a comment's text.
type HelpfulRow struct {
	Kind      string // checks, tone or explain
	Label     string // the category, verdict, known failure or tone signal
	Comments  int
	Up, Down  int
	Corrected int
	Helpful   string // share of votes that were 👍, "—" without votes
}
