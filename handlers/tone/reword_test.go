package tone

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReword(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"insult becomes an observation", "Your design is moronic: every request opens a new DB connection.",
			"suggestion (non-blocking): Your design could be improved: every request opens a new DB connection."},
		{"why would you becomes a question of reason", "Why would you catch `Throwable`?",
			"question: What's the reason to catch `Throwable`?"},
		{"condescension dropped, claim kept", "Any idiot could see this leaks file descriptors.",
			"issue: It looks like this leaks file descriptors."},
		{"orders become questions", "Revert this. Rewrite it properly.",
			"question: Could we revert this? Could we rewrite it?"},
		{"verdict dropped, defect kept", "Sloppy. `handleWebhook` swallows every error.",
			"issue: `handleWebhook` swallows every error."},
		{"shouting lowered, acronyms kept", "THIS IS NOT HOW WE HANDLE ERRORS IN THE API.",
			"suggestion (non-blocking): This is not how we handle errors in the API."},
		{"punctuation calmed", "Where are the tests?!?!", "question: Where are the tests?"},
		{"bare verdict gets a calm opening", "No.",
			"suggestion (non-blocking): I have concerns about this part; could we talk it through?"},
		{"quote and code kept verbatim", "> I think this is fine\n\nIt is NOT fine. It's broken and you know it.\n```go\nx := y\n```\n",
			"> I think this is fine\n\nissue: It is not fine. It looks broken to me.\n```go\nx := y\n```\n"},
		{"link and number kept", "This is rubbish, see https://go.dev/doc/effective_go#errors and #412.",
			"suggestion (non-blocking): This could be improved, see https://go.dev/doc/effective_go#errors and #412."},
		{"list marker kept", "- Obviously you should just use a map here.",
			"- suggestion (non-blocking): You should use a map here."},
		{"existing label kept", "nit: this name is stupid, `tmp2` says nothing.",
			"nit: this name could be improved, `tmp2` says nothing."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Reword(tt.text)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Reword(%q) (-want +got):\n%s", tt.text, diff)
			}
			if err := Keeps(tt.text, got); err != nil {
				t.Error(err)
			}
			if r := Assess(got, DefaultThreshold); r.Tense {
				t.Errorf("rewording still tense: %.2f %v", r.Score, r.Signals)
			}
		})
	}
}

func TestRewordFallbackKeepsTokens(t *testing.T) {
	// A sentence whose contempt is tied to a token cannot be rewritten in
	// place; the fallback still keeps every token and reads calm.
	text := "This is Go 101. See `errors.Is`, https://pkg.go.dev/errors and retry_count."
	got := Reword(text)
	if err := Keeps(text, got); err != nil {
		t.Errorf("Reword(%q) = %q: %v", text, got, err)
	}
	if r := Assess(got, DefaultThreshold); r.Tense {
		t.Errorf("Reword(%q) = %q is tense: %v", text, got, r.Signals)
	}
}
