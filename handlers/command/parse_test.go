package command

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/prcoach/prcoach/handlers/markdown"
)

// parsed is the part of a Result a case states; Raw and Problem are checked
// against the body in checkResult.
type parsed struct {
	Kind   Kind
	Arg    string
	Line   int
	Reason string
}

type parseCase struct {
	name string
	body string
	want parsed
}

func explainAll(line int) parsed          { return parsed{Kind: Explain, Line: line} }
func explain(arg string, line int) parsed { return parsed{Kind: Explain, Arg: arg, Line: line} }
func help(line int) parsed                { return parsed{Kind: Help, Line: line} }
func malformed(line int) parsed           { return parsed{Kind: Malformed, Line: line} }
func flaky(line int) parsed               { return parsed{Kind: Flaky, Line: line} }
func wrong(reason string, line int) parsed {
	return parsed{Kind: Wrong, Line: line, Reason: reason}
}

var ignored = parsed{}

// parseCases are shared with the fuzz test as seeds.
func parseCases() []parseCase {
	return []parseCase{
		// The command and its forms.
		{"bare command", "/explain", explainAll(1)},
		{"upper case", "/EXPLAIN", explainAll(1)},
		{"mixed case help", "/Explain HELP", help(1)},
		{"help with a full stop", "/explain help.", help(1)},
		{"double-dash help", "/explain --help", help(1)},
		{"check name with spaces and parentheses", "/explain test (ubuntu-latest)", explain("test (ubuntu-latest)", 1)},
		{"check name with slash and colon", "/explain ci/jenkins: build", explain("ci/jenkins: build", 1)},
		{"check name padded with spaces", "/explain    lint   ", explain("lint", 1)},
		{"double-quoted name", `/explain "test (ubuntu-latest)"`, explain("test (ubuntu-latest)", 1)},
		{"single-quoted name", `/explain 'lint'`, explain("lint", 1)},
		{"backticked name", "/explain `golangci-lint`", explain("golangci-lint", 1)},
		{"double-backticked name", "/explain ``build (go 1.26)``", explain("build (go 1.26)", 1)},
		{"typographic quotes", "/explain “unit tests”", explain("unit tests", 1)},
		{"name called help in quotes is a name", `/explain "help"`, explain("help", 1)},
		{"no-break space after the command", "/explain\u00a0lint", explain("lint", 1)},
		{"tab after the command", "/explain\tlint", explain("lint", 1)},
		{"trailing full stop", "/explain.", explainAll(1)},
		{"trailing exclamation mark", "/explain!", explainAll(1)},
		{"colon after the command", "/explain: lint", explain("lint", 1)},
		{"name of exactly 200 characters", "/explain " + strings.Repeat("n", 200), explain(strings.Repeat("n", 200), 1)},

		// Corrections by maintainers.
		{"flaky", "/explain flaky", flaky(1)},
		{"flaky in capitals with a full stop", "/explain FLAKY.", flaky(1)},
		{"flaky after a greeting", "Seen this one before.\n\n/explain flaky", flaky(3)},
		{"flaky with more words names a check", "/explain flaky tests", explain("flaky tests", 1)},
		{"quoted flaky names a check", `/explain "flaky"`, explain("flaky", 1)},
		{"flaky-tests is a check name", "/explain flaky-tests", explain("flaky-tests", 1)},
		{"quoted flaky command", "> /explain flaky", ignored},
		{"fenced flaky command", "```\n/explain flaky\n```", ignored},
		{"wrong without a reason", "/explain wrong", wrong("", 1)},
		{"wrong with a reason", "/explain wrong the runner ran out of disk", wrong("the runner ran out of disk", 1)},
		{"wrong with a colon", "/explain wrong: the runner ran out of disk", wrong("the runner ran out of disk", 1)},
		{"wrong with an attached colon", "/explain Wrong:the test is flaky", wrong("the test is flaky", 1)},
		{"wrong with a dash", "/explain wrong - it is the base branch", wrong("it is the base branch", 1)},
		{"wrong with an em dash", "/explain WRONG—it is the base branch", wrong("it is the base branch", 1)},
		{"wrong keeps quotes and code in its reason", "/explain wrong `go vet` is not the step that failed", wrong("`go vet` is not the step that failed", 1)},
		{"wrong, reason of exactly 200 characters", "/explain wrong " + strings.Repeat("r", 200), wrong(strings.Repeat("r", 200), 1)},
		{"wrong-format is a check name", "/explain wrong-format", explain("wrong-format", 1)},
		{"wrongly is a check name", "/explain wrongly", explain("wrongly", 1)},
		{"quoted wrong names a check", `/explain "wrong"`, explain("wrong", 1)},
		{"wrong on the second line of a paragraph", "Not quite.\n/explain wrong: timeout", wrong("timeout", 2)},
		{"wrong, reason over 200 characters", "/explain wrong " + strings.Repeat("r", 201), malformed(1)},
		{"wrong, reason with a zero-width space", "/explain wrong it\u200bs flaky", malformed(1)},
		{"wrong, reason with invalid UTF-8", "/explain wrong \xff", malformed(1)},

		// Where the command may stand.
		{"after a greeting and a blank line", "Thanks for the review.\n\n/explain lint", explain("lint", 3)},
		{"second line of a paragraph", "Could we look at this?\n/explain", explainAll(2)},
		{"three leading spaces", "   /explain", explainAll(1)},
		{"four leading spaces", "    /explain", ignored},
		{"leading tab", "\t/explain", ignored},
		{"four spaces inside a paragraph", "Hmm.\n    /explain", ignored},
		{"CRLF line endings", "hi\r\n/explain test (ubuntu-latest)\r\nbye\r\n", explain("test (ubuntu-latest)", 2)},
		{"CR line endings", "hi\r\r/explain", explainAll(3)},
		{"byte-order mark", "\ufeff/explain", explainAll(1)},
		{"after an HTML comment line", "<!-- prcoach:marker -->\n/explain", explainAll(2)},
		{"after a closed fence", "```\ncode\n```\n/explain", explainAll(4)},
		{"after a quote and a blank line", "> Why does this fail?\n\n/explain", explainAll(3)},
		{"after an empty quote line", "> Why does this fail?\n>\n/explain", explainAll(3)},
		{"backtick fence with backtick in info string is text", "``` a ` b\n/explain", explainAll(2)},
		{"escaped backtick opens no code span", "\\`not code\n/explain\nend`", explainAll(2)},
		{"unescaped backtick opens a code span", "`code\n/explain\nend`", ignored},
		{"code span closed on the previous line", "`a\nb`\n/explain", explainAll(3)},
		{"HTML comment inside a code span is code", "`<!--`\n/explain", explainAll(2)},
		{"short HTML comment", "<!-->\n/explain", explainAll(2)},
		{"after a comment that spans blank lines", "<!--\na\n\nb\n-->\n/explain", explainAll(6)},
		{"after a comment line that ends a quote", "> Why?\n<!-- note -->\n/explain", explainAll(3)},
		{"after a pre element", "<PRE>\n/explain\n</pre>\n/explain lint", explain("lint", 4)},
		{"pre-like tag is not pre", "<preview>\n/explain", explainAll(2)},
		{"after a fence closed inside its list item", "- step\n  ```\n  code\n  ```\n/explain", explainAll(5)},
		{"paragraph in a list item", "- a\n\n  /explain", explainAll(3)},
		{"list item ends a lazy quote", "> q\n1. x\n   /explain", explainAll(3)},
		{"heading ends a lazy quote", "> q\n# h\n/explain", explainAll(3)},
		{"unclosed inline comment is text", "a <!-- b\n/explain", explainAll(2)},
		{"code span after a comment ends", "x <!-- a\n\nb --> `c\n/explain`", ignored},

		// Where it may not.
		{"empty body", "", ignored},
		{"no command", "Looks good to me.", ignored},
		{"mid-line", "Please /explain this", ignored},
		{"quoted", "> /explain", ignored},
		{"quoted without a space", ">/explain", ignored},
		{"nested quote", "> > /explain", ignored},
		{"indented quote", "  > /explain lint", ignored},
		{"lazy continuation of a quote", "> Why does this fail?\n/explain", ignored},
		{"lazy continuation two lines on", "> Why?\nI wonder\n/explain", ignored},
		{"backtick fence", "```\n/explain\n```", ignored},
		{"fence with info string", "```bash\n/explain\n```", ignored},
		{"tilde fence", "~~~\n/explain\n~~~", ignored},
		{"longer fence outlives a shorter one", "````\n```\n/explain\n````", ignored},
		{"closing fence must use the same character", "```\n~~~\n/explain", ignored},
		{"unclosed fence", "```\n/explain", ignored},
		{"fence in a list item", "- item\n  ```\n  /explain\n  ```", ignored},
		{"indented code block", "text\n\n    /explain", ignored},
		{"inline code", "`/explain`", ignored},
		{"inline code mid-line", "Use `/explain` to ask.", ignored},
		{"code span across lines", "Try `go test\n/explain` later", ignored},
		{"HTML comment on one line", "<!-- /explain -->", ignored},
		{"HTML comment over lines", "<!--\n/explain\n-->", ignored},
		{"HTML comment over blank lines", "<!--\nhidden\n\n/explain\n\n-->", ignored},
		{"HTML comment ends a quote and runs over blank lines", "> Why?\n<!--\n\n/explain\n\n-->", ignored},
		{"HTML comment interrupts a paragraph", "Note:\n<!--\n\n/explain\n-->", ignored},
		{"pre element", "<pre>\n/explain\n</pre>", ignored},
		{"pre element interrupts a paragraph", "See:\n<pre>\n\n/explain\n</pre>", ignored},
		{"unclosed pre element", "<pre class=\"x\">\n/explain", ignored},
		{"script element", "<script>\n/explain\n</script>", ignored},
		{"fence in a list item closed at the margin", "- step\n  ```\n  code\n```\n/explain", ignored},
		{"fence right after a list marker", "- ```\n  /explain\n  ```", ignored},
		{"fence in an outer list item ends with it", "- a\n  - b\n\n  x\n  ```\n  code\n/explain", explainAll(7)},
		{"lazy line inside a quoted fence is not quoted", "> ```\n> x\n/explain", explainAll(3)},
		{"fence in an ordered item", "1. step\n    ```\n   /explain\n    ```", ignored},
		{"pre closed by another raw end tag", "<pre>\n</script>\n<!--\n</pre>\n/explain", ignored},
		{"fence at the margin after a quote in a list item", "- a\n  > q\n~~~\n/explain\n  ~~~", ignored},
		{"unclosed HTML comment", "<!--\n/explain", ignored},
		{"HTML comment hides a fence", "<!--\n```\n-->\n/explain", explainAll(4)},
		{"other word /explainer", "/explainer", ignored},
		{"other word /explain-all", "/explain-all", ignored},
		{"file name /explain.go", "/explain.go", ignored},
		{"heading", "# /explain", ignored},
		{"list item", "- /explain", ignored},

		// Only the first command counts.
		{"two commands, first wins", "/explain lint\n/explain build", explain("lint", 1)},
		{"quoted command then a real one", "> /explain lint\n\n/explain build", explain("build", 3)},
		{"other word then the command", "/explainer\n/explain", explainAll(2)},
		{"malformed first wins", "/explain --all\n/explain", malformed(1)},

		// Malformed.
		{"option", "/explain --all", malformed(1)},
		{"single-dash option", "/explain -v", malformed(1)},
		{"name of 201 characters", "/explain " + strings.Repeat("n", 201), malformed(1)},
		{"control character", "/explain li\x07nt", malformed(1)},
		{"zero-width space", "/explain li\u200bnt", malformed(1)},
		{"bidirectional override", "/explain \u202etnil", malformed(1)},
		{"invalid UTF-8", "/explain li\xffnt", malformed(1)},
		{"unclosed quote", `/explain "lint`, malformed(1)},
		{"mismatched quotes", `/explain "lint'`, malformed(1)},
		{"text after the quotes", `/explain "lint" please`, malformed(1)},
		{"empty quotes", `/explain ""`, malformed(1)},
	}
}

func TestParse(t *testing.T) {
	for _, tc := range parseCases() {
		t.Run(tc.name, func(t *testing.T) {
			got := Parse(tc.body)
			if diff := cmp.Diff(tc.want, parsed{got.Kind, got.Arg, got.Line, got.Reason}); diff != "" {
				t.Errorf("Parse(%q) (-want +got):\n%s", tc.body, diff)
			}
			checkResult(t, tc.body, got)
		})
	}
}

// checkResult asserts what holds for every Result of body.
func checkResult(t *testing.T, body string, r Result) {
	t.Helper()
	lines := markdown.Lines(strings.TrimPrefix(body, "\ufeff"))
	if (r.Kind == Ignore) != (r.Line == 0) {
		t.Fatalf("Parse(%q) = %+v: Line 0 must mean Ignore", body, r)
	}
	if r.Line < 0 || r.Line > len(lines) {
		t.Fatalf("Parse(%q).Line = %d, body has %d lines", body, r.Line, len(lines))
	}
	if r.Line > 0 && r.Raw != lines[r.Line-1].Text {
		t.Errorf("Parse(%q).Raw = %q, want line %d, %q", body, r.Raw, r.Line, lines[r.Line-1].Text)
	}
	if strings.ContainsAny(r.Arg, "\r\n") {
		t.Errorf("Parse(%q).Arg = %q holds a line break", body, r.Arg)
	}
	if r.Kind != Explain && r.Arg != "" {
		t.Errorf("Parse(%q) = %v with Arg %q", body, r.Kind, r.Arg)
	}
	if r.Kind != Wrong && r.Reason != "" {
		t.Errorf("Parse(%q) = %v with Reason %q", body, r.Kind, r.Reason)
	}
	if strings.ContainsAny(r.Reason, "\r\n") || strings.ContainsFunc(r.Reason, hidden) || utf8.RuneCountInString(r.Reason) > MaxReasonLen {
		t.Errorf("Parse(%q).Reason = %q is not one clean short line", body, r.Reason)
	}
	if (r.Kind == Malformed) != (r.Problem != "") {
		t.Errorf("Parse(%q) = %v with Problem %q", body, r.Kind, r.Problem)
	}
}

func TestProblemsDoNotEchoInput(t *testing.T) {
	for _, arg := range []string{"--secret-flag", strings.Repeat("x", 300), `"unclosed`, "a\x00b", "wrong " + strings.Repeat("y", 300), "wrong a\x00secret"} {
		r := Parse("/explain " + arg)
		if r.Kind != Malformed {
			t.Fatalf("Parse(/explain %q).Kind = %v, want Malformed", arg, r.Kind)
		}
		if strings.Contains(r.Problem, strings.Trim(arg, `"`)) {
			t.Errorf("Problem %q repeats the user's text %q", r.Problem, arg)
		}
	}
}

func TestKindString(t *testing.T) {
	got := []string{Ignore.String(), Explain.String(), Help.String(), Malformed.String(), Flaky.String(), Wrong.String(), Kind(99).String()}
	want := []string{"Ignore", "Explain", "Help", "Malformed", "Flaky", "Wrong", "Kind(?)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Kind names (-want +got):\n%s", diff)
	}
}
