package ci

import (
	"strings"
	"testing"
)

// When a later step fails too, the analysis explains the first and says
// where the next one is.
func TestLaterFailureIsNoted(t *testing.T) {
	tests := []struct {
		name     string
		log      []string
		wantNote string
	}{
		{
			name: "a test step fails after a lint step",
			log: []string{"$ flake8", "./app/cart.py:3:1: F401 'os' imported but unused", `The command "flake8" exited with 1.`,
				"$ pytest tests", "FAILED tests/test_cart.py::test_add - assert 1 == 2", `The command "pytest tests" exited with 1.`},
			wantNote: "A later step (`pytest tests`) also failed, with exit code 1 at line 6; this comment explains the first failure only.",
		},
		{
			name:     "a later step that went well says nothing",
			log:      []string{"$ flake8", "./app/cart.py:3:1: F401 'os' imported but unused", `The command "flake8" exited with 1.`, "$ pytest tests", "1 passed", `The command "pytest tests" exited with 0.`},
			wantNote: "",
		},
		{
			name: "a later step that cannot fail says nothing",
			log: []string{"$ make test", "error: widget.c is missing", `The command "make test" exited with 2.`,
				"$ cat logs/*.log || true", "no such file", `The command "cat logs/*.log || true" exited with 1.`},
			wantNote: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Analyze(strings.NewReader(strings.Join(tt.log, "\n")), nil)
			if err != nil {
				t.Fatal(err)
			}
			if a.Note != tt.wantNote {
				t.Errorf("note %q, want %q", a.Note, tt.wantNote)
			}
		})
	}
}

// What the budget leaves after a short failing step goes to the first
// later step that failed: its error is shown, the lines of a later step
// that went well and of one that cannot fail are not.
func TestLaterFailureIsShownWithinTheBudget(t *testing.T) {
	log := []string{"$ flake8", "./app/cart.py:3:1: F401 'os' imported but unused", `The command "flake8" exited with 1.`,
		"$ ./fetch-fixtures.sh || true", "curl: (6) Could not resolve host: fixtures.example.com",
		`The command "./fetch-fixtures.sh || true" exited with 6.`,
		"$ pytest tests", "collected 12 items / 1 error", "E   NameError: name 'FileNotFoundError' is not defined",
		"1 error in 0.5s", `The command "pytest tests" exited with 2.`,
		"$ make docs", "error: sphinx not found", `The command "make docs" exited with 2.`}
	a, err := Analyze(strings.NewReader(strings.Join(log, "\n")), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !covers(a.Excerpts, 2, 2) || !covers(a.Excerpts, 9, 9) {
		t.Errorf("excerpts %v, want lines 2 and 9 (why %v)", ranges(a.Excerpts), a.Why)
	}
	if covers(a.Excerpts, 5, 5) || covers(a.Excerpts, 13, 13) {
		t.Errorf("excerpts %v hold a step that cannot fail or a second later failure", ranges(a.Excerpts))
	}
}

// A failing step that fills the budget leaves nothing to a later one.
func TestLaterFailureWaitsForBudget(t *testing.T) {
	log := append([]string{"$ make"}, noise(80, "cc -c part%d.c")...)
	log = append(log, "part80.c:3:1: error: unknown type name 'widget'", "make: *** [all] Error 1", `The command "make" exited with 2.`,
		"$ make test", "FAIL: test_cart", `The command "make test" exited with 2.`)
	a, err := Analyze(strings.NewReader(strings.Join(log, "\n")), nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range a.Excerpts {
		n += e.EndLine - e.StartLine + 1
	}
	if n > excerptBudget || covers(a.Excerpts, 86, 86) {
		t.Errorf("excerpts %v: %d lines, or the later step shown", ranges(a.Excerpts), n)
	}
}
