package command

import "testing"

func TestChanged(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     bool
	}{
		{"same body", "/explain lint", "/explain lint", false},
		{"command added to a comment", "Thanks!", "Thanks!\n\n/explain", true},
		{"other text edited", "/explain lint\nthanks", "/explain lint\nthank you kindly", false},
		{"text added above moves the command", "/explain lint", "One more thing.\n\n/explain lint", false},
		{"argument changed", "/explain tets", "/explain test", true},
		{"argument's case changed", "/explain Lint", "/explain lint", true},
		{"argument re-spaced", "/explain lint", "/explain   lint  ", false},
		{"argument put in backticks", "/explain lint", "/explain `lint`", false},
		{"argument added", "/explain", "/explain lint", true},
		{"argument removed", "/explain lint", "/explain", true},
		{"help turned into explain", "/explain help", "/explain", true},
		{"command's case changed", "/explain", "/EXPLAIN", false},
		{"command removed", "/explain lint", "never mind", false},
		{"command quoted away", "/explain lint", "> /explain lint", false},
		{"command fenced away", "/explain", "```\n/explain\n```", false},
		{"quoted command unquoted", "> /explain", "/explain", true},
		{"malformed with the same problem", "/explain --all", "/explain --every", false},
		{"malformed fixed", "/explain --all", "/explain", true},
		{"malformed another way", "/explain --all", `/explain "lint`, true},
		{"empty old body", "", "/explain", true},
		{"flaky added", "/explain", "/explain flaky", true},
		{"flaky re-cased", "/explain flaky", "/explain Flaky.", false},
		{"reason of wrong changed", "/explain wrong: timeout", "/explain wrong: out of disk", true},
		{"reason of wrong re-spaced", "/explain wrong: timeout", "/explain wrong   timeout ", false},
		{"reason added to wrong", "/explain wrong", "/explain wrong: timeout", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Changed(tc.old, tc.new); got != tc.want {
				t.Errorf("Changed(%q, %q) = %v, want %v", tc.old, tc.new, got, tc.want)
			}
		})
	}
}
