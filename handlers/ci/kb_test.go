package ci

import (
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
)

// Every example line of every built-in cause must pass the prefilter and be
// named by its own cause, so no cause is shadowed by an earlier one.
func TestBuiltinExamplesMatchTheirCause(t *testing.T) {
	kb := Builtin()
	for _, c := range kb.causes {
		if len(c.Examples) == 0 {
			t.Errorf("cause %s has no examples", c.ID)
		}
		for _, ex := range c.Examples {
			t.Run(c.ID+"/"+ex, func(t *testing.T) {
				if !kb.pf.hit([]byte(ex)) {
					t.Errorf("prefilter skips %q", ex)
				}
				i, _ := kb.classify(ex)
				got := "none"
				if i >= 0 {
					got = kb.causes[i].ID
				}
				if got != c.ID {
					t.Errorf("classify(%q) = %s, want %s", ex, got, c.ID)
				}
			})
		}
	}
}

func TestBuiltinCausesAreComplete(t *testing.T) {
	categories := map[string]bool{"compile": true, "test": true, "lint": true, "dependency": true,
		"timeout": true, "out-of-memory": true, "network": true, "infrastructure": true,
		"configuration": true, "unknown": true}
	for _, c := range Builtin().causes {
		if !categories[c.Category] {
			t.Errorf("cause %s: unknown category %q", c.ID, c.Category)
		}
		if c.Title == "" || c.Explanation == "" {
			t.Errorf("cause %s: needs a title and an explanation", c.ID)
		}
		if c.Role != "cascade" && c.Role != "detail" && len(c.NextSteps) == 0 {
			t.Errorf("cause %s: needs next steps", c.ID)
		}
	}
}

func TestClassifyCaptures(t *testing.T) {
	tests := []struct {
		name string
		line string
		id   string
		vars map[string]string
	}{
		{"go subtest", "    --- FAIL: TestParse/empty (0.00s)", "go-test-failure", map[string]string{"test": "TestParse/empty"}},
		{"go package", "FAIL\texample.com/app/parse\t0.01s", "go-fail-package", map[string]string{"package": "example.com/app/parse"}},
		{"pytest node id", "FAILED tests/test_a.py::test_b - assert 1 == 2", "pytest-failed-line", map[string]string{"nodeid": "tests/test_a.py::test_b", "test": "test_b"}},
		{"buildkit prefix", "#12 3.412 npm ERR! code ERESOLVE", "npm-peer-conflict", map[string]string{}},
		{"tsc with position", "src/a.ts(3,5): error TS2322: Type 'x' is not assignable", "tsc-error",
			map[string]string{"file": "src/a.ts", "line": "3", "col": "5", "code": "TS2322", "message": "Type 'x' is not assignable"}},
		{"surefire", "[ERROR] com.acme.CartTest.adds -- Time elapsed: 0.1 s <<< FAILURE!", "surefire-test", map[string]string{"class": "com.acme.CartTest", "test": "adds"}},
		{"not an error", "ok  \texample.com/app\t0.2s", "none", nil},
	}
	kb := Builtin()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i, vars := kb.classify(tt.line)
			got := "none"
			if i >= 0 {
				got = kb.causes[i].ID
			}
			if got != tt.id {
				t.Fatalf("cause = %s, want %s", got, tt.id)
			}
			if diff := cmp.Diff(tt.vars, vars); tt.vars != nil && diff != "" {
				t.Errorf("vars (-want +got):\n%s", diff)
			}
		})
	}
}

func TestWith(t *testing.T) {
	tests := []struct {
		name    string
		extra   []Cause
		wantErr string
	}{
		{"valid", []Cause{{ID: "db", Patterns: []string{`database is locked`}, Explanation: "x", Flaky: true}}, ""},
		{"bad pattern names the entry", []Cause{{ID: "broken", Patterns: []string{`(unclosed`}}}, `cause "broken"`},
		{"no patterns", []Cause{{ID: "empty"}}, `cause "empty": no patterns`},
		{"clashing id", []Cause{{ID: "go-panic", Patterns: []string{"x"}}}, "duplicate id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Builtin().With(tt.extra)
			if tt.wantErr == "" && err != nil {
				t.Fatalf("With: %v", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("With error = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

// A repository's known failure wins over the built-in causes, even on a
// line no built-in keyword would notice.
func TestRepositoryCauseWins(t *testing.T) {
	kb, err := Builtin().With([]Cause{{ID: "snapshot-drift", Title: "Snapshots drifted",
		Patterns: []string{`snapshot mismatch in (?P<file>\S+)`}, Flaky: true}})
	if err != nil {
		t.Fatal(err)
	}
	log := "=== RUN TestA\n--- FAIL: TestA (0.00s)\n    a_test.go:9: boom\nsnapshot mismatch in ui/list.snap\nFAIL\n"
	a, err := Analyze(strings.NewReader(log), kb)
	if err != nil {
		t.Fatal(err)
	}
	if a.Cause == nil || a.Cause.ID != "snapshot-drift" {
		t.Fatalf("cause = %+v, want snapshot-drift", a.Cause)
	}
	if got := Decide(a, Evidence{}); got.LikelyCause != LikelyFlaky {
		t.Errorf("verdict = %+v, want flaky", got)
	}
}

// A next step is a sentence of its own: one that starts in lower case is
// the tail of a step YAML split at a comma in an unquoted flow list.
func TestNextStepsAreWholeSentences(t *testing.T) {
	for _, c := range Builtin().causes {
		for _, step := range c.NextSteps {
			if r := []rune(step)[0]; unicode.IsLower(r) {
				t.Errorf("cause %s: next step %q starts in lower case; quote the step in causes.yaml", c.ID, step)
			}
		}
	}
}
