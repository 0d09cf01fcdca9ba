package settings

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// at is where a problem is reported.
type at struct {
	Line int
	Key  string
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []at
		// says is a phrase the first problem's message must hold: the fix.
		says string
	}{
		// The file as a whole.
		{"empty file", "", []at{{0, "version"}}, `Start it with the line "version: 1"`},
		{"only comments", "# settings\n\n# later\n", []at{{0, "version"}}, `"version: 1"`},
		{"a list instead of settings", "- version: 1\n", []at{{1, ""}}, `starting with "version: 1"`},
		{"a plain value", "hello\n", []at{{1, ""}}, "but it is the value"},
		{"yaml syntax error", "version: 1\ntone:\n  mode: off\n bad: [\n", []at{{3, ""}}, "not valid YAML"},
		{"tab indentation", "version: 1\ntone:\n\tmode: off\n", []at{{3, ""}}, "spaces, not tabs"},
		{"two documents", "version: 1\n---\nversion: 1\n", []at{{2, ""}}, "more than one YAML document"},
		{"too large", "version: 1\n#" + strings.Repeat("x", MaxFileSize), []at{{0, ""}}, "at most 64 KB"},
		// version.
		{"version missing", "tone:\n  mode: off\n", []at{{1, "version"}}, "Add it as the first line"},
		{"version 2", "version: 2\n", []at{{1, "version"}}, `says "version: 2"`},
		{"version quoted", "version: \"1\"\n", []at{{1, "version"}}, "plain number"},
		{"version empty", "version:\n", []at{{1, "version"}}, "says nothing"},
		{"version 1.0", "version: 1.0\n", []at{{1, "version"}}, `"version: 1"`},
		{"version twice", "version: 1\nversion: 1\n", []at{{2, "version"}}, "set twice (first on line 1)"},
		// Unknown keys at each level.
		{"unknown top-level key", "version: 1\ntones:\n  mode: off\n", []at{{2, "tones"}}, `Did you mean "tone"?`},
		{"unknown key in checks", "version: 1\nchecks:\n  ignored: [docs]\n", []at{{3, "checks.ignored"}}, `Did you mean "ignore"?`},
		{"unknown key in tone", "version: 1\ntone:\n  treshold: 0.6\n", []at{{3, "tone.treshold"}}, `Did you mean "threshold"?`},
		{"unknown key in explain", "version: 1\nexplain:\n  allowed: [author]\n", []at{{3, "explain.allowed"}}, `Did you mean "allow"?`},
		{"unknown key in a known failure", "version: 1\nknown_failures:\n  - pattern: x\n    explanation: y\n    flakey: true\n",
			[]at{{5, "known_failures[1].flakey"}}, `Did you mean "flaky"?`},
		{"key in capitals", "version: 1\nLanguage: en\n", []at{{2, "Language"}}, `Did you mean "language"?`},
		{"key that is a list", "version: 1\n? [a, b]\n: c\n", []at{{2, ""}}, "plain name"},
		// Wrong types.
		{"threshold as words", "version: 1\ntone:\n  threshold: high\n", []at{{3, "tone.threshold"}}, "a number, like 0.5"},
		{"cap with a fraction", "version: 1\ntone:\n  max_replies_per_pr: 2.5\n", []at{{3, "tone.max_replies_per_pr"}}, "a whole number"},
		{"flaky as yes", "version: 1\nknown_failures:\n  - {pattern: x, explanation: y, flaky: yes}\n", []at{{3, "known_failures[1].flaky"}}, "true or false"},
		{"a number as text", "version: 1\ntone:\n  threshold: '0.7'\n", []at{{3, "tone.threshold"}}, "a number"},
		{"flaky as maybe", "version: 1\nknown_failures:\n  - pattern: x\n    explanation: y\n    flaky: maybe\n", []at{{5, "known_failures[1].flaky"}}, "true or false"},
		{"ignore as one name", "version: 1\nchecks:\n  ignore: docs\n", []at{{3, "checks.ignore"}}, `even with one entry: write ["docs"]`},
		{"ignore as a group", "version: 1\nchecks:\n  ignore: {name: docs}\n", []at{{3, "checks.ignore"}}, `a list, like ["first", "second"]`},
		{"tone as a list", "version: 1\ntone:\n  - mode: off\n", []at{{3, "tone"}}, `indented below "tone"`},
		{"known failures as a group", "version: 1\nknown_failures:\n  pattern: x\n", []at{{3, "known_failures"}}, `each starting with "- "`},
		{"language as a list", "version: 1\nlanguage: [en, de]\n", []at{{2, "language"}}, "a single text value"},
		{"an empty list entry", "version: 1\nchecks:\n  ignore:\n    -\n", []at{{4, "checks.ignore[1]"}}, `remove the lone "-"`},
		// Values.
		{"tone mode unknown", "version: 1\ntone:\n  mode: quiet\n", []at{{3, "tone.mode"}}, `Use "reply"`},
		{"threshold zero", "version: 1\ntone:\n  threshold: 0\n", []at{{3, "tone.threshold"}}, "set tone.mode to off"},
		{"threshold above one", "version: 1\ntone:\n  threshold: 1.5\n", []at{{3, "tone.threshold"}}, "above 0 and at most 1"},
		{"negative cap", "version: 1\nexplain:\n  max_replies_per_pr: -1\n", []at{{3, "explain.max_replies_per_pr"}}, "from 0 to 100"},
		{"empty check pattern", "version: 1\nchecks:\n  only: [build, \"\"]\n", []at{{3, "checks.only[2]"}}, "the pattern is empty"},
		{"unknown explain role", "version: 1\nexplain:\n  allow: [author, maintainers]\n", []at{{3, "explain.allow[2]"}}, "Use any of: author"},
		{"bad language", "version: 1\nlanguage: English (UK)\n", []at{{2, "language"}}, `"pt-BR"`},
		{"known failure without pattern", "version: 1\nknown_failures:\n  - explanation: y\n", []at{{3, "known_failures[1]"}}, `add a "pattern"`},
		{"known failure without explanation", "version: 1\nknown_failures:\n  - pattern: x\n", []at{{3, "known_failures[1]"}}, `add an "explanation"`},
		{"bad regular expression", "version: 1\nknown_failures:\n  - pattern: 'error (code'\n    explanation: y\n",
			[]at{{3, "known_failures[1].pattern"}}, "missing closing )"},
		{"bad regular expression in a list", "version: 1\nknown_failures:\n  - patterns: [ok, 'a**']\n    explanation: y\n",
			[]at{{3, "known_failures[1].patterns[2]"}}, "not a valid regular expression"},
		{"pattern matching every line", "version: 1\nknown_failures:\n  - pattern: '.*'\n    explanation: y\n",
			[]at{{3, "known_failures[1].pattern"}}, "matches every line"},
		{"built-in id", "version: 1\nknown_failures:\n  - id: disk-full\n    pattern: x\n    explanation: y\n",
			[]at{{3, "known_failures[1].id"}}, `"our-disk-full"`},
		{"duplicate ids", "version: 1\nknown_failures:\n  - {id: a, pattern: x, explanation: y}\n  - {id: a, pattern: z, explanation: y}\n",
			[]at{{4, "known_failures[2].id"}}, "also the id of known_failures[1]"},
		{"id with spaces", "version: 1\nknown_failures:\n  - {id: My Failure, pattern: x, explanation: y}\n",
			[]at{{3, "known_failures[1].id"}}, "lower-case letters"},
		{"unknown category", "version: 1\nknown_failures:\n  - {pattern: x, explanation: y, category: tests}\n",
			[]at{{3, "known_failures[1].category"}}, `Did you mean "test"?`},
		{"empty next step", "version: 1\nknown_failures:\n  - {pattern: x, explanation: y, next_steps: ['', Re-run.]}\n",
			[]at{{3, "known_failures[1].next_steps[1]"}}, "this entry is empty"},
		// Several at once, in file order.
		{"several problems at once", "version: 2\nchecks:\n  ignore: docs\ntone:\n  mode: loud\n  threshold: 7\ncolour: blue\n",
			[]at{{1, "version"}, {3, "checks.ignore"}, {5, "tone.mode"}, {6, "tone.threshold"}, {7, "colour"}}, "version 1"},
		{"a type error does not hide a value error", "version: 1\ntone:\n  threshold: high\nlanguage: '!!'\n",
			[]at{{3, "tone.threshold"}, {4, "language"}}, "a number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.in))
			perr, ok := err.(*ParseError)
			if !ok {
				t.Fatalf("Parse error = %v (%T), want a *ParseError", err, err)
			}
			var got []at
			for _, p := range perr.Problems {
				got = append(got, at{p.Line, p.Key})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems at (-want +got):\n%s\n%v", diff, err)
			}
			if msg := perr.Problems[0].Message; !strings.Contains(msg, tt.says) {
				t.Errorf("first message %q does not say %q", msg, tt.says)
			}
		})
	}
}

func TestParsePatternBudget(t *testing.T) {
	// An alias repeats one list of 30 long patterns under 10 failures:
	// a small file, but 300 patterns for every log read.
	var b strings.Builder
	b.WriteString("version: 1\nknown_failures:\n  - {id: f0, explanation: y, patterns: &p [")
	for i := range 30 {
		fmt.Fprintf(&b, "'error %d %s', ", i, strings.Repeat("x", 400))
	}
	b.WriteString("]}\n")
	for i := 1; i < 10; i++ {
		fmt.Fprintf(&b, "  - {id: f%d, explanation: y, patterns: *p}\n", i)
	}
	_, err := Parse([]byte(b.String()))
	perr, ok := err.(*ParseError)
	if !ok {
		t.Fatalf("Parse = %v, want a *ParseError", err)
	}
	want := []at{{2, "known_failures"}}
	var got []at
	for _, p := range perr.Problems {
		got = append(got, at{p.Line, p.Key})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems at (-want +got):\n%s", diff)
	}
	if !strings.Contains(perr.Problems[0].Message, "300 patterns") {
		t.Errorf("message %q does not count the patterns", perr.Problems[0].Message)
	}
}

func TestProblemsAreSentences(t *testing.T) {
	// Every message maintainers read starts with a lower-case word or a
	// quote and ends with a full stop or a question mark.
	inputs := []string{"", "x", "version: 2\ntone: 1\nchecks: {only: 2}\nfoo: 1\n",
		"version: 1\nknown_failures:\n  - {id: disk-full, pattern: '(', category: x, next_steps: ['']}\n"}
	for _, in := range inputs {
		_, err := Parse([]byte(in))
		perr, ok := err.(*ParseError)
		if !ok {
			t.Fatalf("Parse(%q) = %v, want a *ParseError", in, err)
		}
		for _, p := range perr.Problems {
			if !strings.HasSuffix(p.Message, ".") && !strings.HasSuffix(p.Message, "?") {
				t.Errorf("Parse(%q): message %q does not end a sentence", in, p.Message)
			}
		}
	}
}

func TestParseAliasBomb(t *testing.T) {
	// Each level doubles the size; the walk stops at maxNodes and the
	// YAML library refuses excessive aliasing.
	var b strings.Builder
	b.WriteString("version: 1\na0: &a0 [x, x]\n")
	for i := 1; i < 30; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [*a%d, *a%d]\n", i, i, i-1, i-1)
	}
	_, err := Parse([]byte(b.String()))
	if err == nil {
		t.Fatal("Parse accepted unknown keys")
	}
	if n := len(err.(*ParseError).Problems); n > 40 {
		t.Errorf("%d problems; want the walk to stop early", n)
	}
}
