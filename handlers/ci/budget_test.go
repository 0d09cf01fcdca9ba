package ci

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

// slowCauses is a repository's known failures within the settings limits
// (200 patterns, under 16 KB, each under 1000 bytes) that are slow on
// lines of non-ASCII words: no literal to screen them out, Unicode
// classes, an unanchored repetition tried at every position.
func slowCauses() []Cause {
	var pats []string
	for i := range 200 {
		pats = append(pats, fmt.Sprintf(`(?i)(?:[\p{L}\p{N}]+[\s,.]*){3,30}\d{%d}!`, i%50+1))
	}
	var cs []Cause
	for i := 0; i < len(pats); i += 10 {
		cs = append(cs, Cause{ID: fmt.Sprintf("slow-%d", i/10), Title: "Slow", Patterns: pats[i : i+10]})
	}
	return cs
}

// slowLog is size bytes of error lines in Cyrillic that a pull request's
// author could have written, with a step that fails at the end.
func slowLog(size int) []byte {
	var b bytes.Buffer
	b.WriteString("##[group]Run go test ./...\n")
	line := "error: тест не прошёл, значение неверно для входных данных номер "
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "%s%d\n", line, i)
	}
	b.WriteString("FAIL\tgithub.com/acme/widget\t0.01s\n##[error]Process completed with exit code 1.\n")
	return b.Bytes()
}

func TestRepoPatternBudget(t *testing.T) {
	kb, err := Builtin().With(slowCauses())
	if err != nil {
		t.Fatal(err)
	}
	kb.repoBudget = 100 * time.Millisecond
	data := slowLog(4 << 20)
	start := time.Now()
	a, err := Analyze(bytes.NewReader(data), kb)
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d MB in %s: %.1f MB/s", len(data)>>20, took, float64(len(data))/1e6/took.Seconds())
	// Unbudgeted, these patterns take tens of seconds on this log, so the
	// budget must stop them within its first lines. Where it stops is
	// checked rather than how long the whole analysis took: the built-in
	// patterns' time depends on the machine and on -race.
	var stop int
	for _, w := range a.Why {
		if _, after, ok := strings.Cut(w, "repository patterns: stopped at line "); ok {
			fmt.Sscanf(after, "%d", &stop)
		}
	}
	if stop == 0 || stop > a.Lines/2 {
		t.Errorf("repository patterns stopped at line %d of %d, want within the first half (why %q)", stop, a.Lines, a.Why)
	}
	if !strings.Contains(a.Note, "known_failures") || !strings.Contains(a.Note, "100ms") {
		t.Errorf("note = %q, want one naming known_failures and the budget", a.Note)
	}
	if !strings.Contains(strings.Join(a.Why, "\n"), "repository patterns: stopped at line") {
		t.Errorf("why = %q, want the stop", a.Why)
	}
	if a.Category == "unknown" && a.Cause == nil {
		t.Errorf("built-in patterns stopped too: %+v", a)
	}
}

func TestRepoPatternBudgetKeepsFastPatterns(t *testing.T) {
	kb, err := Builtin().With([]Cause{{ID: "flaky-redis", Title: "Redis reset", Patterns: []string{`redis: connection reset`}}})
	if err != nil {
		t.Fatal(err)
	}
	log := "##[group]Run go test ./...\nsetup\nredis: connection reset by peer\n##[error]Process completed with exit code 1.\n"
	a, err := Analyze(strings.NewReader(log), kb)
	if err != nil {
		t.Fatal(err)
	}
	if a.Note != "" {
		t.Errorf("note = %q, want none", a.Note)
	}
	if a.Cause == nil || a.Cause.ID != "flaky-redis" {
		t.Errorf("cause = %+v, want flaky-redis", a.Cause)
	}
}

func TestAnyBelow(t *testing.T) {
	tests := []struct {
		name string
		set  []uint64
		n    int
		want bool
	}{
		{"none below zero", []uint64{1}, 0, false},
		{"first bit", []uint64{1}, 1, true},
		{"bit at n is not below", []uint64{1 << 5}, 5, false},
		{"second word", []uint64{0, 1 << 3}, 68, true},
		{"second word past n", []uint64{0, 1 << 3}, 67, false},
		{"n past the set", []uint64{0, 0}, 500, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := anyBelow(tt.set, tt.n); got != tt.want {
				t.Errorf("anyBelow(%b, %d) = %v, want %v", tt.set, tt.n, got, tt.want)
			}
		})
	}
}

// BenchmarkRepoPatterns measures a slow repository pattern set on a
// non-ASCII log with and without the time budget.
func BenchmarkRepoPatterns(b *testing.B) {
	data := slowLog(64 << 10)
	for _, tt := range []struct {
		name   string
		budget time.Duration
	}{{"unbudgeted", 1 << 62}, {"budget", RepoPatternBudget}} {
		b.Run(tt.name, func(b *testing.B) {
			kb, err := Builtin().With(slowCauses())
			if err != nil {
				b.Fatal(err)
			}
			kb.repoBudget = tt.budget
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Analyze(bytes.NewReader(data), kb); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
