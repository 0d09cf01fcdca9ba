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

func TestRequiredLiteralsFolding(t *testing.T) {
	tests := []struct {
		name, pattern string
		want          []string
	}{
		{"alternation joined to its neighbours", `npm (?:ERR!|error) (?:code )?E404`, []string{"npm err! ", "npm error "}},
		{"k and s under (?i) have non-ASCII variants", `(?i)no space left`, []string{"pace left"}},
		{"case-sensitive non-ASCII stays as written", `Échec total`, []string{"Échec total"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, requiredLiterals(tt.pattern)); diff != "" {
				t.Errorf("requiredLiterals(%q) (-want +got):\n%s", tt.pattern, diff)
			}
		})
	}
}

func TestAnchor(t *testing.T) {
	tests := []struct {
		name, pattern string
		pass, fail    []string // lines the anchor must let through / may stop
		none          bool     // no anchor expected
	}{
		{"literal", `^panic: (?P<message>.+)`, []string{"panic: boom"}, []string{"Panic: x", " panic: x"}, false},
		{"blank then literal", `^\s*--- FAIL: (?P<test>\S+)`, []string{"--- FAIL: T", "\t    --- FAIL: T/x"}, []string{"--- PASS: T", "=== RUN T"}, false},
		{"at least one blank", `^\s+(?P<line>\d+):(?P<col>\d+)\s+error`, []string{"  12:3  error"}, []string{"12:3 error", "  x"}, false},
		{"alternation", `^(?:FAILED|ERROR) (?P<id>\S+)`, []string{"FAILED a", "ERROR b"}, []string{"failed a", "OK"}, false},
		{"fold case", `(?i)^(?:##\[error\]|\[error\]\s*)(?P<m>.+)`, []string{"##[ERROR]x", "[Error] y"}, []string{"#[error]"}, false},
		{"class", `^\d+\) (?P<class>\w+)::`, []string{"1) A::b"}, []string{"a) A::b", ""}, false},
		{"optional start joins the next part", `^(?:E\s+)?(?:ModuleNotFoundError|ImportError): `, []string{"E   ImportError: x", "ModuleNotFoundError: y"}, []string{"  ImportError"}, false},
		{"not anchored", `panic: `, nil, nil, true},
		{"may match empty", `^\s*$`, nil, nil, true},
		{"blank skip overlapping what follows", `^\s*\s?x`, []string{"x", " x", "\t  x"}, []string{"y"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := anchorOf(tt.pattern)
			if (a == nil) != tt.none {
				t.Fatalf("anchorOf(%q) = %+v, want none=%v", tt.pattern, a, tt.none)
			}
			for _, l := range tt.pass {
				if !a.ok([]byte(l)) {
					t.Errorf("anchor of %q stops %q", tt.pattern, l)
				}
			}
			for _, l := range tt.fail {
				if a.ok([]byte(l)) {
					t.Errorf("anchor of %q lets %q through", tt.pattern, l)
				}
			}
		})
	}
}

func TestLiteralFollow(t *testing.T) {
	tests := []struct {
		name, pattern string
		in, out       string // bytes that must and must not be in the set
		unknown       bool
	}{
		{"digits after a file name", `^(?P<file>\S+\.py):(?P<line>\d+):`, "0123456789", ":a ", false},
		{"optional part joins what follows", `^(?P<file>\S+\.go):(?P<line>\d+)(?::\d+)?: .+`, "0", "x", false},
		{"literal at the end", `lost communication with the server`, "", "", true},
		{"word boundary may end the match", `exit code 137\b`, "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := literalFollow(tt.pattern)
			if (f == nil) != tt.unknown {
				t.Fatalf("literalFollow(%q) = %v, want unknown=%v", tt.pattern, f, tt.unknown)
			}
			for i := 0; f != nil && i < len(tt.in); i++ {
				if !f[tt.in[i]] {
					t.Errorf("%q missing", tt.in[i])
				}
			}
			for i := 0; f != nil && i < len(tt.out); i++ {
				if f[tt.out[i]] {
					t.Errorf("%q wrongly in the set", tt.out[i])
				}
			}
		})
	}
}
