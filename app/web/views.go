package web

// Page is what every page shows around its content.
type Page struct {
	Title   string
	Version string
}

// MessagePage is a short page: a heading, a few lines and a way on.
type MessagePage struct {
	Page
	Heading  string
	Lines    []string
	Link     string
	LinkText string
}

// SetupPage is the one-button page that registers the GitHub App.
type SetupPage struct {
	Page
	// Action is where the form posts: GitHub's new-app page with the state.
	Action string
	// Manifest is the JSON the form posts as its manifest field.
	Manifest string
	// Org is the organisation the app is registered for; "" is the
	// person's own account.
	Org      string
	OrgError string
	// Host is GitHub's web address (github.com or a GHES host).
	Host string
	// PublicURL is where GitHub will send webhooks; LocalOnly says GitHub
	// cannot reach it.
	PublicURL string
	LocalOnly bool
	// Source says where the manifest came from.
	Source      string
	Events      []string
	Permissions []Permission
}

// Permission is one permission the manifest asks for.
type Permission struct {
	Scope, Level string
}

// DashboardPage is the status of the app and what it has done lately.
// It holds counts and names only: never comment text or log content.
type DashboardPage struct {
	Page
	Configured bool
	// App names the registered app when setup has just registered it.
	App     string
	AppURL  string
	LLMMode string
	Window  string // the period the activity covers, "the last 30 days"

	Installations []Installation
	Deliveries    DeliverySummary
	Categories    BarChart
	Verdicts      BarChart
	Explained     int
	RedToGreen    RedToGreen
	Tone          ToneSummary
	Wording       BarChart
	ModelShare    string
	Answered      int // /explain requests answered
	// Helpful are people's votes on the comments, per category, verdict,
	// known failure and tone signal, worst-rated first.
	Helpful []HelpfulTable
}

// Installation is one account the app is installed on.
type Installation struct {
	ID           int64
	Account      string
	Since        string
	Repositories []string
	More         int // repositories not listed
}

// DeliverySummary is the webhook deliveries of the last days.
type DeliverySummary struct {
	Totals []Bar // by status, over the kept deliveries
	Daily  ColumnChart
	Recent []Delivery
}

// Delivery is one webhook delivery and what became of it.
type Delivery struct {
	ID         string
	Received   string
	Event      string
	Repository string
	Status     string
	Outcome    string
	Attempts   int
}

// RedToGreen is how long pull requests stayed red before they were green.
type RedToGreen struct {
	Median   string
	StillRed int
	Recent   []Episode
}

// Episode is one pull request going from its first red check to green.
type Episode struct {
	PR       string // owner/repo#n
	Red      string
	Duration string
}

// ToneSummary is what the tone coach did.
type ToneSummary struct {
	Suggested, Edited, Removed int
	EditedShare                string
}

// TryPage checks a review comment's tone privately: nothing is kept.
type TryPage struct {
	Page
	Text    string
	Checked bool
	Tense   bool
	Score   string
	Signals []string
	Reword  string
}
