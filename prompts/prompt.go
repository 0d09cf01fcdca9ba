package prompts

// Prompt is a request to a language model: instructions, the data they
// apply to, and how long an answer may be. Untrusted text (logs, comments)
// only ever goes in User, inside delimited data sections.
type Prompt struct {
	// Name says which template produced it, for logs and metrics.
	Name      string
	System    string
	User      string
	MaxTokens int
}
