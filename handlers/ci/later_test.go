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
