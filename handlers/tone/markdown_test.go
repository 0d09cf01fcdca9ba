package tone

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSplitBlocks(t *testing.T) {
	text := "> quoted\nprose one\n```go\nx\n```\n\n    indented code\nprose two\n~~~\nunclosed"
	want := []block{
		{quote, "> quoted\n"},
		{prose, "prose one\n"},
		{code, "```go\nx\n```\n"},
		{prose, "\n"},
		{code, "    indented code\n"},
		{prose, "prose two\n"},
		{code, "~~~\nunclosed"},
	}
	got := splitBlocks(text)
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(block{})); diff != "" {
		t.Errorf("splitBlocks (-want +got):\n%s", diff)
	}
}

func TestProseText(t *testing.T) {
	got := proseText("> garbage\nSee `stupid()` at https://x.dev/idiot now.\n```\nmoron\n```")
	want := "\nSee Code at Link now.\n\n"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("proseText (-want +got):\n%s", diff)
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"periods", "Wrong. Try again.", []string{"Wrong.", "Try again."}},
		{"piles stay with their sentence", "Really?!? Yes!!", []string{"Really?!?", "Yes!!"}},
		{"abbreviation before lower case", "use e.g. this one", []string{"use e.g. this one"}},
		{"number abbreviation", "No. 3 is done.", []string{"No. 3 is done."}},
		{"lines split", "one\ntwo", []string{"one", "two"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, sentences(tt.text)); diff != "" {
				t.Errorf("sentences(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

// TestProseTextReadsMarkdownAsGitHub pins where tone used to read Markdown
// its own way, before it read it through package markdown, and what it
// does now.
func TestProseTextReadsMarkdownAsGitHub(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		// Hidden or frozen by GitHub: no longer scored.
		{"HTML comment block is hidden", "<!-- you idiot -->\nThanks.", "\nThanks."},
		{"HTML comment over lines is hidden", "<!--\nyou idiot\n-->\nThanks.", "\nThanks."},
		{"inline HTML comment is hidden", "Thanks <!-- idiot --> a lot.", "Thanks  a lot."},
		{"pre element is code", "<pre>\nstupid\n</pre>\nOK.", "\nOK."},
		{"indented code after a heading", "# Log\n    stupid error\n", "# Log\n\n"},
		{"fence closed by a fence with trailing spaces", "```\nstupid\n```  \nOK.", "\nOK."},
		// Shown as text by GitHub: now scored.
		{"escaped backtick opens no code span", "\\`stupid` idea", "\\`stupid` idea"},
		{"code span never crosses a blank line", "a `b\n\nc` d", "a `b\n\nc` d"},
		{"backtick fence with a backtick in its info string is text", "``` a ` b\nstupid", "``` a ` b\nstupid"},
		{"backticks inside an HTML comment open no code span", "a <!-- ` --> b ` c", "a  b ` c"},
		// Unchanged: a lazy line after a quote is the reviewer's own reply.
		{"lazy line after a quote is prose", "> quoted\nyou idiot", "\nyou idiot"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, proseText(tt.text)); diff != "" {
				t.Errorf("proseText(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}
