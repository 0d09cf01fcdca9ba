package safety

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSanitizeReadsMarkdownAsGitHub pins how Sanitize reads code in
// Markdown through package markdown, above all where its own reader used to
// take text that GitHub renders live for code, and so let a mention through.
func TestSanitizeReadsMarkdownAsGitHub(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		// A code span ends with its paragraph, not only at a blank line.
		{"heading ends a code span", "`x\n# @octocat`", "\\`x\n# `@octocat`\\`"},
		{"quote ends a code span", "`x\n> @octocat`", "\\`x\n> `@octocat`\\`"},
		{"heading in a list item ends a code span", "- # `x\n  @octocat`", "- # \\`x\n  `@octocat`\\`"},
		{"list item ends a code span", "`x\n- @octocat`", "\\`x\n- `@octocat`\\`"},
		{"blank quoted line ends a code span", "> `x\n>\n> @octocat`", "> \\`x\n>\n> `@octocat`\\`"},
		{"code span across quoted lines kept", "> `x\n> @octocat`", "> `x\n> @octocat`"},
		{"code span in a list item kept", "- `@octocat`", "- `@octocat`"},
		// A fence in a list item ends with the item.
		{"fence ends with its list item", "- a\n  ```\n  code\n@octocat", "- a\n  ```\n  code\n`@octocat`"},
		{"fence in a list item kept", "- a\n  ```\n  @octocat\n  ```", "- a\n  ```\n  @octocat\n  ```"},
		{"unclosed fence closed at the end", "```\n@octocat", "```\n@octocat\n```\n"},
		// Where the readings differ, Sanitize errs towards sanitising.
		{"fence indented 4 columns in a list item is kept as a code span", "1. a\n    ```\n    @octocat\n    ```", "1. a\n    ```\n    @octocat\n    ```"},
		{"unclosed fence in a list item is sanitised", "1. a\n    ```\n    @octocat", "1. a\n    \\`\\`\\`\n    `@octocat`"},
		{"backtick after an escaped backslash opens nothing here", "\\\\`@octocat`", "\\\\\\` `@octocat`\\`"},
		{"escaped backtick stays escaped", "\\`@octocat\\`", "\\` `@octocat`\\`"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := Policy{Owner: "octo", Repo: "app"}
			got := Sanitize(c.in, p)
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("Sanitize(%q) (-want +got):\n%s", c.in, diff)
			}
			if v := contractViolations(got, p); len(v) > 0 {
				t.Errorf("Sanitize(%q) = %q breaks the contract: %v", c.in, got, v)
			}
		})
	}
}
