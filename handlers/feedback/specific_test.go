package feedback

import "testing"

func TestSpecific(t *testing.T) {
	cases := []struct {
		line string
		want bool
	}{
		// Summaries that say only that something failed.
		{"2 failing", false},
		{"There were 3 failures:", false},
		{"[error] Failed: Total 16, Failed 1, Errors 0, Passed 15", false},
		{"##[error]Process completed with exit code 1.", false},
		{"FAIL", false},
		{"npm ERR! code ELIFECYCLE", false},
		{"make: *** [Makefile:12: test] Error 2", false},
		{"Tests run: 12, Failures: 1, Errors: 0, Skipped: 0", false},
		{"", false},
		// Failures with a name.
		{"--- FAIL: TestParseConfig (0.03s)", true},
		{"error[E0308]: mismatched types", true},
		{"ModuleNotFoundError: No module named 'yaml'", true},
		{"Segmentation fault (core dumped)", true},
		{"Error: connect ECONNREFUSED 127.0.0.1:5432", true},
		{"src/parser.c:123:17: error: 'tok' undeclared", true},
		{"エラー: テストが失敗しました", true},
	}
	for _, tc := range cases {
		if got := SignatureOf(tc.line).Specific(); got != tc.want {
			t.Errorf("SignatureOf(%q).Specific() = %v, want %v (text %q)", tc.line, got, tc.want, SignatureOf(tc.line).Text)
		}
	}
}
