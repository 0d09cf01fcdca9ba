package settings

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/prcoach/prcoach/handlers/ci"
)

const examplePath = "../../testdata/settings/example.yml"

func TestExampleParses(t *testing.T) {
	data, err := os.ReadFile(examplePath)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse(data)
	if err != nil {
		t.Fatalf("the README's example does not parse: %v", err)
	}
	want := viewOf(Default())
	want.Explained = []string{"build", "CI / test (ubuntu-latest)", "lint"}
	want.IgnoredUsers = []string{"dependabot[bot]", "renovate[bot]"}
	want.Known = []string{"flaky-redis"}
	if diff := cmp.Diff(want, viewOf(s)); diff != "" {
		t.Errorf("example settings (-want +got):\n%s", diff)
	}
}

// TestExampleDocumentsEveryKey keeps the example complete: every key the
// parser knows is shown in it with a comment above.
func TestExampleDocumentsEveryKey(t *testing.T) {
	data, err := os.ReadFile(examplePath)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for _, key := range allKeys(reflect.TypeFor[file]()) {
		if key == "patterns" {
			continue // shown in words next to pattern
		}
		re := regexp.MustCompile(`(?m)^\s*(- )?` + regexp.QuoteMeta(key) + `:`)
		if !re.MatchString(text) {
			t.Errorf("%s does not show the key %q", examplePath, key)
		}
	}
	if !strings.Contains(text, "patterns:") {
		t.Errorf("%s does not mention patterns:", examplePath)
	}
}

// allKeys lists every YAML key reachable from t.
func allKeys(t reflect.Type) []string {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	var keys []string
	for i := range t.NumField() {
		keys = append(keys, yamlName(t.Field(i)))
		keys = append(keys, allKeys(t.Field(i).Type)...)
	}
	return keys
}

func TestKnownCategoriesCoverBuiltin(t *testing.T) {
	for _, c := range ci.Builtin().Causes() {
		if !contains(knownCategories, c.Category) {
			t.Errorf("built-in cause %s has category %q, which settings would reject", c.ID, c.Category)
		}
	}
}

func TestKnowledgeBaseUsesKnownFailures(t *testing.T) {
	in := `version: 1
known_failures:
  - id: flaky-redis
    pattern: 'redis: connection reset by peer'
    explanation: Our Redis test container drops connections.
    flaky: true
    next_steps: [Re-run the job.]
`
	s, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	kb, err := s.KnowledgeBase()
	if err != nil {
		t.Fatal(err)
	}
	log := "=== RUN TestCache\n    cache_test.go:12: dial: redis: connection reset by peer\n--- FAIL: TestCache (0.01s)\nFAIL\n"
	a, err := ci.Analyze(strings.NewReader(log), kb)
	if err != nil {
		t.Fatal(err)
	}
	if a.Cause == nil || a.Cause.ID != "flaky-redis" {
		t.Fatalf("cause = %+v, want flaky-redis", a.Cause)
	}
	if v := ci.Decide(a, ci.Evidence{}); v.LikelyCause != ci.LikelyFlaky {
		t.Errorf("verdict = %+v, want flaky", v)
	}
	// Without the setting the same log is an ordinary test failure.
	b, err := Default().KnowledgeBase()
	if err != nil {
		t.Fatal(err)
	}
	if b != ci.Builtin() {
		t.Error("Default().KnowledgeBase() is not the built-in one")
	}
	if a, _ := ci.Analyze(strings.NewReader(log), b); a.Cause != nil && a.Cause.ID == "flaky-redis" {
		t.Error("the built-in knowledge base knows the repository's failure")
	}
}

func TestKnownFailuresBecomeCauses(t *testing.T) {
	in := `version: 1
known_failures:
  - id: flaky-redis
    pattern: 'redis: connection reset'
    explanation: " Our Redis drops connections. "
    flaky: true
    category: test
    next_steps: [Re-run the job.]
    reproduce: [make test-redis]
  - title: The runner image is old
    patterns: ['image .* is deprecated', 'EOL image']
    explanation: The CI image needs an update.
    infrastructure: true
`
	s, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []ci.Cause{
		{ID: "flaky-redis", Category: "test", Title: "A known failure of this repository (flaky-redis)",
			Explanation: "Our Redis drops connections.", NextSteps: []string{"Re-run the job."}, Flaky: true,
			Patterns: []string{"redis: connection reset"}, Role: "override", Reproduce: []string{"make test-redis"}},
		{ID: "repo-2", Category: "infrastructure", Title: "The runner image is old",
			Explanation: "The CI image needs an update.", Infrastructure: true,
			Patterns: []string{"image .* is deprecated", "EOL image"}, Role: "override"},
	}
	if diff := cmp.Diff(want, s.KnownFailures()); diff != "" {
		t.Errorf("KnownFailures (-want +got):\n%s", diff)
	}
	kb, err := s.KnowledgeBase()
	if err != nil {
		t.Fatal(err)
	}
	if got := kb.Causes()[:2]; got[0].ID != "flaky-redis" || got[1].ID != "repo-2" {
		t.Errorf("the repository's causes do not come first: %s, %s", got[0].ID, got[1].ID)
	}
}
