package ci

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRequiredLiterals(t *testing.T) {
	tests := []struct {
		name, pattern string
		want          []string
	}{
		{"plain", `No space left`, []string{"no space left"}},
		{"joined across a group", `^(?P<file>[^\s:]+\.go):(?P<line>\d+)`, []string{".go:"}},
		{"alternation", `ECONNRESET|socket hang up`, []string{"econnreset", "socket hang up"}},
		{"repeat of one byte", `^_{3,} (?P<test>\S+) _{3,}$`, []string{" __"}},
		{"optional part is not required", `(?:foo)?bar`, []string{"bar"}},
		{"three bytes", `^e: `, []string{"e: "}},
		{"too short", `^e:`, nil},
		{"nothing literal", `\d+`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, requiredLiterals(tt.pattern)); diff != "" {
				t.Errorf("requiredLiterals(%q) (-want +got):\n%s", tt.pattern, diff)
			}
		})
	}
}

func TestFirstBytes(t *testing.T) {
	tests := []struct {
		name, pattern string
		starts        string // bytes that must be in the set
		notStarts     string // bytes that must not
		unknown       bool
	}{
		{"literal", `^panic: `, "p", "P ", false},
		{"class plus", `^\d+\) `, "0123456789", "a ", false},
		{"alternation", `^(?:FAILED|ERROR) `, "FE", "f ", false},
		{"fold case", `(?i)^error`, "eE", "r", false},
		{"optional start is unknown", `^\s*--- FAIL`, "", "", true},
		{"not anchored", `panic: `, "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := firstBytes(tt.pattern)
			if (set == nil) != tt.unknown {
				t.Fatalf("firstBytes(%q) = %v, want unknown=%v", tt.pattern, set, tt.unknown)
			}
			for i := 0; set != nil && i < len(tt.starts); i++ {
				if !set[tt.starts[i]] {
					t.Errorf("%q missing from the set", tt.starts[i])
				}
			}
			for i := 0; set != nil && i < len(tt.notStarts); i++ {
				if set[tt.notStarts[i]] {
					t.Errorf("%q wrongly in the set", tt.notStarts[i])
				}
			}
		})
	}
}
