package safety

import (
	"testing"
)

func TestGitleaksTableLoads(t *testing.T) {
	rules, err := gitleaksRules()
	if err != nil {
		t.Fatalf("gitleaksRules: %v", err)
	}
	if len(rules) < 150 {
		t.Errorf("got %d gitleaks rules, want at least 150 of the generated %d", len(rules), len(gitleaksTable))
	}
	for _, r := range rules {
		if r.kind == slowRule {
			t.Errorf("rule %s should be left out", slowRule)
		}
		if r.group > r.re.get().NumSubexp() {
			t.Errorf("rule %s: secret group %d > %d submatches", r.kind, r.group, r.re.get().NumSubexp())
		}
	}
}

func TestAllowlistExcuses(t *testing.T) {
	c := candidate{line: "key = EXAMPLEabc123", match: "key = EXAMPLEabc123", secret: "EXAMPLEabc123"}
	tests := []struct {
		name string
		list gitleaksAllow
		want bool
	}{
		{"regex on secret", gitleaksAllow{regexes: []string{`^EXAMPLE`}}, true},
		{"regex misses secret", gitleaksAllow{regexes: []string{`^key`}}, false},
		{"regex on line", gitleaksAllow{target: "line", regexes: []string{`^key`}}, true},
		{"regex on match", gitleaksAllow{target: "match", regexes: []string{`= EX`}}, true},
		{"stop word ignores case", gitleaksAllow{stopWords: []string{"example"}}, true},
		{"either of two", gitleaksAllow{regexes: []string{`^nope`}, stopWords: []string{"abc"}}, true},
		{"all of two, one fails", gitleaksAllow{and: true, regexes: []string{`^nope`}, stopWords: []string{"abc"}}, false},
		{"all of two", gitleaksAllow{and: true, regexes: []string{`^EX`}, stopWords: []string{"abc"}}, true},
		{"all of, needs a path", gitleaksAllow{and: true, scoped: true, regexes: []string{`^EX`}}, false},
		{"either of, with a path", gitleaksAllow{scoped: true, regexes: []string{`^EX`}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lists, err := compileAllowlists([]gitleaksAllow{tt.list})
			if err != nil {
				t.Fatal(err)
			}
			if got := lists[0].excuses(c); got != tt.want {
				t.Errorf("excuses = %v, want %v", got, tt.want)
			}
		})
	}
}
