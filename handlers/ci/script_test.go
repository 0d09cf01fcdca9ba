package ci

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A multi-line `run:` script is named by its first command and
// reproduced by its commands, never by a comment or a `set` line.
func TestActionsScriptSteps(t *testing.T) {
	tests := []struct {
		name      string
		header    []string
		wantStep  string
		reproduce string
	}{
		{
			name:      "one command",
			header:    []string{"##[group]Run npm test", "npm test", "shell: /usr/bin/bash -e {0}", "##[endgroup]"},
			wantStep:  "npm test",
			reproduce: "npm test",
		},
		{
			name: "set and comments are not the command",
			header: []string{"##[group]Run set -euo pipefail", "set -euo pipefail", "# the unit tests", "cd web",
				"npm test", "shell: /usr/bin/bash -e {0}", "env:", "  CI: true", "##[endgroup]"},
			wantStep:  "cd web …",
			reproduce: "cd web && npm test",
		},
		{
			name: "a long script has no one command",
			header: []string{"##[group]Run ./configure", "./configure", "make", "make install", "make check",
				"shell: /usr/bin/bash -e {0}", "##[endgroup]"},
			wantStep:  "./configure …",
			reproduce: "",
		},
		{
			name: "a continued line is one command",
			header: []string{"##[group]Run npm run build \\", "npm run build \\", "  -- --prod",
				"shell: /usr/bin/bash -e {0}", "##[endgroup]"},
			wantStep:  "npm run build -- --prod",
			reproduce: "npm run build -- --prod",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log := append(append([]string{}, tt.header...), "the build went wrong here: widget.c is missing",
				"##[error]Process completed with exit code 1.")
			a, err := Analyze(strings.NewReader(strings.Join(log, "\n")), nil)
			if err != nil {
				t.Fatal(err)
			}
			if a.Step != tt.wantStep || a.Reproduce != tt.reproduce {
				t.Errorf("step %q reproduce %q, want %q and %q (why %v)", a.Step, a.Reproduce, tt.wantStep, tt.reproduce, a.Why)
			}
		})
	}
}

func TestScriptStep(t *testing.T) {
	tests := []struct {
		script        []string
		name, command string
	}{
		{[]string{"go test ./..."}, "go test ./...", "go test ./..."},
		{[]string{"# only a comment"}, "# only a comment", ""},
		{[]string{"npm run build \\", "-- --prod"}, "npm run build -- --prod", "npm run build -- --prod"},
		{[]string{"a", "b", "c", "d"}, "a …", ""},
	}
	for _, tt := range tests {
		name, command := scriptStep(tt.script)
		if diff := cmp.Diff([]string{tt.name, tt.command}, []string{name, command}); diff != "" {
			t.Errorf("scriptStep(%q) (-want +got):\n%s", tt.script, diff)
		}
	}
}
