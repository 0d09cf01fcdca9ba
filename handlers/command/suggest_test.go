package command

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSuggest(t *testing.T) {
	matrix := []string{"test (ubuntu-latest)", "test (macos-latest)", "test (windows-latest)", "golangci-lint", "build", "ci/jenkins: build"}
	tests := []struct {
		name   string
		typed  string
		known  []string
		want   string
		wantOK bool
	}{
		// Tier 1: the same name written differently.
		{"different case", "Test (Ubuntu-Latest)", matrix, "test (ubuntu-latest)", true},
		{"extra spaces", "test  (ubuntu-latest) ", matrix, "test (ubuntu-latest)", true},
		{"trailing full stop", "golangci-lint.", matrix, "golangci-lint", true},
		// Tier 2: typos.
		{"swapped letters", "tets (ubuntu-latest)", matrix, "test (ubuntu-latest)", true},
		{"missing letter", "golangci-lnt", matrix, "golangci-lint", true},
		{"space for a dash", "golangci lint", matrix, "golangci-lint", true},
		{"two typos in a long name", "tset (ubunut-latest)", matrix, "test (ubuntu-latest)", true},
		{"short swapped name", "lnit", []string{"lint", "build"}, "lint", true},
		{"typo near two names", "test (ubuntu-22)", []string{"test (ubuntu-20)", "test (ubuntu-24)"}, "", false},
		// Tier 3: part of a name.
		{"last word of a name", "lint", matrix, "golangci-lint", true},
		{"prefix of one name", "test (win", matrix, "test (windows-latest)", true},
		{"word of one name", "jenkins", matrix, "ci/jenkins: build", true},
		{"known name inside the typed one", "run golangci-lint please", matrix, "golangci-lint", true},
		{"word shared by several names", "test", matrix, "", false},
		{"part of a word", "uild", []string{"rebuild"}, "", false},
		// No guess.
		{"unrelated name", "deploy", matrix, "", false},
		{"one letter", "a", []string{"b"}, "", false},
		{"two letters, two edits", "go", []string{"js"}, "", false},
		{"other runner", "test (ubuntu-20.04)", []string{"test (ubuntu-latest)"}, "", false},
		{"empty name", "", matrix, "", false},
		{"nothing known", "lint", nil, "", false},
		{"too long to be a name", strings.Repeat("lint ", 50), []string{"lint"}, "", false},
		{"duplicate known names are one name", "lnit", []string{"lint", "lint"}, "lint", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := Suggest(tc.typed, tc.known)
			if diff := cmp.Diff([]any{tc.want, tc.wantOK}, []any{got, ok}); diff != "" {
				t.Errorf("Suggest(%q, %q) (-want +got):\n%s", tc.typed, tc.known, diff)
			}
		})
	}
}
