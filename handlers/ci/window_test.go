package ci

import (
	"fmt"
	"strings"
	"testing"
)

// runsOf makes one run of n lines from line 1; the lines in hot carry
// feature 1, which the test model rates high, the others feature 2.
func runsOf(n int, hot map[int]bool) [][]ScoredLine {
	run := make([]ScoredLine, n)
	for i := range run {
		f := uint32(2)
		if hot[i+1] {
			f = 1
		}
		run[i] = ScoredLine{N: i + 1, Text: "line", Feats: []uint32{f}}
	}
	return [][]ScoredLine{run}
}

func TestWithWindowAnchor(t *testing.T) {
	m := &LineModel{W: make([]float32, 1<<ModelBits)}
	m.W[1], m.W[2] = 4, -4
	hot := map[int]bool{10: true, 11: true, 12: true}
	tests := []struct {
		name             string
		focus            int
		wantFrom, wantTo int
		wantFocus        int
	}{
		{"no anchor: where the scorer rates lines highest", 0, 1, 50, 10},
		{"an error holds the window, read down from just above it, and is shown first", 120, 118, 167, 120},
		{"the step's last line holds the window, its best line shown first", -200, 151, 200, 151},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &scanner{model: m}
			out, _ := s.withWindow(runsOf(200, hot), nil, 1, 200, tt.focus)
			if len(out) != 1 {
				t.Fatalf("excerpts = %+v, want one", out)
			}
			e := out[0]
			if e.StartLine != tt.wantFrom || e.EndLine != tt.wantTo || e.Focus != tt.wantFocus {
				t.Errorf("window %d-%d focus %d, want %d-%d focus %d",
					e.StartLine, e.EndLine, e.Focus, tt.wantFrom, tt.wantTo, tt.wantFocus)
			}
		})
	}
}

// A line that only matched a generic pattern does not hold the window:
// what the step printed last does.
func TestGenericErrorDoesNotHoldTheWindow(t *testing.T) {
	var b strings.Builder
	b.WriteString("##[group]Run ./build.sh\n")
	for i := range 5 {
		fmt.Fprintf(&b, "step %d of the build is done\n", i)
	}
	b.WriteString("error: could not read optional cache, continuing\n")
	for i := range 150 {
		fmt.Fprintf(&b, "step %d of the build is done\n", i+5)
	}
	b.WriteString("the generated header no longer fits the schema\n")
	b.WriteString("##[error]Process completed with exit code 3.\n")
	a, err := Analyze(strings.NewReader(b.String()), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Excerpts) != 1 || !strings.Contains(a.Excerpts[0].Text, "no longer fits the schema") {
		t.Errorf("excerpts %v leave out the step's last line", ranges(a.Excerpts))
	}
}

func TestKeyLineSaysSomething(t *testing.T) {
	m := &LineModel{W: make([]float32, 1<<ModelBits)}
	m.W[1], m.W[2], m.W[3] = 4, -4, 1
	run := []ScoredLine{
		{N: 1, Text: "compiling", Feats: []uint32{2}},
		{N: 2, Text: "[ERROR] ", Feats: []uint32{1}},
		{N: 3, Text: "  Cannot find symbol Widget in module core", Feats: []uint32{3}},
		{N: 4, Text: "[ERROR]", Feats: []uint32{1}},
	}
	s := &scanner{model: m}
	tests := []struct {
		name string
		run  []ScoredLine
		want string
	}{
		{"a line with words beats a bare tag", run, "Cannot find symbol Widget in module core"},
		{"the best line when none has words", run[:2], "[ERROR]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := s.keyLine(tt.run, Window{From: 0, To: len(tt.run) - 1, Key: 1}); got != tt.want {
				t.Errorf("keyLine = %q, want %q", got, tt.want)
			}
		})
	}
}

// When no error is focused, the view opens at the first line that scores
// near the best one, not at the best one, which is often a summary below
// what it sums up.
func TestViewOpensAtTheFirstStrongLine(t *testing.T) {
	m := &LineModel{W: make([]float32, 1<<ModelBits)}
	m.W[1], m.W[2], m.W[3] = 4, -4, 1 // about 0.98, 0.02 and 0.73
	run := runsOf(40, map[int]bool{30: true})[0]
	run[19].Feats = []uint32{3} // line 20: a telling line before the summary
	s := &scanner{model: m}
	out, _ := s.withWindow([][]ScoredLine{run}, nil, 1, 40, -40)
	if len(out) != 1 || out[0].Focus != 20 {
		t.Errorf("excerpts %+v, want one focused on line 20", out)
	}
}

// A window that must hold a first error holds the two lines before it and
// the error's own lines after it (its stack), even where the scorer rates
// the lines before it higher.
func TestBestWindowHoldsTheErrorsOwnLines(t *testing.T) {
	m := &LineModel{W: make([]float32, 1<<ModelBits)}
	m.W[1], m.W[2] = 4, -4
	hot := map[int]bool{}
	for n := 40; n < 100; n++ {
		hot[n] = true
	}
	tests := []struct {
		name             string
		must, until      int
		wantFrom, wantTo int
	}{
		{"the scorer alone ends the window at the error", -100, 0, 51, 100},
		{"the error's lines pull the window down", -100, 106, 57, 106},
		{"lines beyond the budget are left out", -100, 170, 98, 147},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runs := runsOf(200, hot)
			w, ok := bestWindow(runs, m, excerptBudget, tt.must, tt.until)
			if !ok {
				t.Fatal("no window")
			}
			if got, want := [2]int{runs[0][w.From].N, runs[0][w.To].N}, [2]int{tt.wantFrom, tt.wantTo}; got != want {
				t.Errorf("window %v, want %v", got, want)
			}
		})
	}
}

// The line a title quotes is shown in view: the view opens 3 lines above
// the focus and shows 15, so the focus moves only when the line is outside.
func TestKeepInView(t *testing.T) {
	for _, tc := range []struct{ focus, n, want int }{
		{100, 105, 100}, // in view
		{100, 111, 100}, // the view's last line
		{100, 97, 100},  // the view's first line
		{100, 130, 119}, // below: the view ends at it
		{100, 60, 63},   // above: the view starts at it
	} {
		if got := keepInView(tc.focus, tc.n); got != tc.want {
			t.Errorf("keepInView(%d, %d) = %d, want %d", tc.focus, tc.n, got, tc.want)
		}
	}
}
