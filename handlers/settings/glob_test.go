package settings

import "testing"

func TestGlob(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"docs", "docs", true},
		{"docs", "Docs", true},
		{"docs", "docs-build", false},
		{"codecov/*", "codecov/patch", true},
		{"codecov/*", "codecov", false},
		{"CI / *", "CI / test (ubuntu-latest, 1.22)", true},
		{"*test*", "CI / unit tests", true},
		{"test ?", "test 1", true},
		{"test ?", "test 10", false},
		{"dependabot[bot]", "dependabot[bot]", true},
		{"dependabot[bot]", "dependabotb", false},
		{"a.b", "axb", false},
		{"(x)+", "(x)+", true},
		{"*", "", true},
		{"é*", "Éclair", true},
	}
	for _, tt := range tests {
		g, err := compileGlob(tt.pattern)
		if err != nil {
			t.Errorf("compileGlob(%q): %v", tt.pattern, err)
			continue
		}
		if got := g.match(tt.name); got != tt.want {
			t.Errorf("glob %q matches %q = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
	for _, bad := range []string{"", "   ", string(make([]byte, maxGlobLen+1))} {
		if _, err := compileGlob(bad); err == nil {
			t.Errorf("compileGlob(%q) accepted it", bad)
		}
	}
}
