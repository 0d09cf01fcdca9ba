package ci

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTidy(t *testing.T) {
	retry := []string{"Connecting to registry.acme.dev", "  timed out, retrying in 1s"}
	var long []string
	long = append(long, "$ ./fetch-deps")
	for range 15 {
		long = append(long, retry...)
	}
	long = append(long, "error: could not reach the registry")
	tests := []struct {
		name string
		in   Excerpt
		want []Excerpt
	}{
		{
			name: "group markers are not shown",
			in:   Excerpt{StartLine: 10, EndLine: 13, Text: "##[group]Run npm test\nnpm test\n##[endgroup]\nFAIL src/a.test.js"},
			want: []Excerpt{{StartLine: 10, EndLine: 13, Text: "Run npm test\nnpm test\n\nFAIL src/a.test.js"}},
		},
		{
			name: "Travis fold and timer marks are not shown",
			in:   Excerpt{StartLine: 5, EndLine: 7, Text: "travis_fold:end:install.2\ntravis_time:start:0b20ef60\n$ flake8"},
			want: []Excerpt{{StartLine: 5, EndLine: 7, Text: "\n\n$ flake8"}},
		},
		{
			name: "a long repeat is shown once with its count",
			in:   Excerpt{StartLine: 100, EndLine: 100 + len(long) - 1, Text: strings.Join(long, "\n"), Focus: 131},
			want: []Excerpt{
				{StartLine: 100, EndLine: 102, Text: "$ ./fetch-deps\nConnecting to registry.acme.dev\n" +
					"  timed out, retrying in 1s   [the 2 lines above repeated 14 more times, through line 130]"},
				{StartLine: 131, EndLine: 131, Text: "error: could not reach the registry", Focus: 131},
			},
		},
		{
			name: "a short repeat stays as it is",
			in: Excerpt{StartLine: 1, EndLine: 6, Text: strings.Join(append(append([]string{"x"}, retry...), append(retry, "y")...), "\n"),
				Focus: 4},
			want: []Excerpt{{StartLine: 1, EndLine: 6, Text: strings.Join(append(append([]string{"x"}, retry...), append(retry, "y")...), "\n"),
				Focus: 4}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tidy([]Excerpt{tt.in})); diff != "" {
				t.Errorf("tidy (-want +got):\n%s", diff)
			}
		})
	}
}

// A focus inside the copies left out moves to the same line of the copy
// shown.
func TestTidyMovesFocusIntoTheShownCopy(t *testing.T) {
	lines := []string{"start"}
	for range 25 {
		lines = append(lines, "panic: boom")
	}
	got := tidy([]Excerpt{{StartLine: 1, EndLine: len(lines), Text: strings.Join(lines, "\n"), Focus: 20}})
	if len(got) != 1 || got[0].Focus != 2 || got[0].EndLine != 2 ||
		!strings.HasSuffix(got[0].Text, fmt.Sprintf("[repeated 24 more times, through line %d]", len(lines))) {
		t.Errorf("got %+v, want one part ending at line 2 with the focus on it and a count of 24", got)
	}
}
