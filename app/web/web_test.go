package web

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestSpans(t *testing.T) {
	t0 := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	at := func(min int) time.Time { return t0.Add(time.Duration(min) * time.Minute) }
	red := func(pr string, min int) PREvent { return PREvent{PR: pr, At: at(min)} }
	green := func(pr string, min int) PREvent { return PREvent{PR: pr, Green: true, At: at(min)} }
	tests := []struct {
		name     string
		events   []PREvent
		want     []Span
		stillRed int
	}{
		{"red then green", []PREvent{red("a#1", 0), green("a#1", 30)}, []Span{{"a#1", at(0), at(30)}}, 0},
		{"second red keeps the first red's clock", []PREvent{red("a#1", 0), red("a#1", 10), green("a#1", 30)},
			[]Span{{"a#1", at(0), at(30)}}, 0},
		{"green without red counts for nothing", []PREvent{green("a#1", 5)}, nil, 0},
		{"red again after green is a new span", []PREvent{red("a#1", 0), green("a#1", 10), red("a#1", 20), green("a#1", 50)},
			[]Span{{"a#1", at(0), at(10)}, {"a#1", at(20), at(50)}}, 0},
		{"still red", []PREvent{red("a#1", 0), green("a#1", 10), red("a#1", 20)}, []Span{{"a#1", at(0), at(10)}}, 1},
		{"pull requests apart", []PREvent{red("a#1", 0), red("a#2", 5), green("a#2", 6)}, []Span{{"a#2", at(5), at(6)}}, 1},
		{"nothing", nil, nil, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, stillRed := Spans(tc.events)
			if diff := cmp.Diff(tc.want, got); diff != "" || stillRed != tc.stillRed {
				t.Errorf("spans (-want +got):\n%s\nstill red %d, want %d", diff, stillRed, tc.stillRed)
			}
		})
	}
}

func TestSummariseSpans(t *testing.T) {
	t0 := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	span := func(pr string, start, mins int) Span {
		return Span{PR: pr, Red: t0.Add(time.Duration(start) * time.Minute), Green: t0.Add(time.Duration(start+mins) * time.Minute)}
	}
	got := SummariseSpans([]Span{span("a#1", 0, 10), span("a#2", 100, 50), span("a#3", 5, 30)}, 2, 2)
	want := RedToGreen{Median: "30 min", StillRed: 2, Recent: []Episode{
		{PR: "a#2", Red: "Mar 1 13:40", Duration: "50 min"}, {PR: "a#3", Red: "Mar 1 12:05", Duration: "30 min"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	if even := SummariseSpans([]Span{span("a#1", 0, 10), span("a#2", 0, 30)}, 0, 5); even.Median != "20 min" {
		t.Errorf("median of two = %s, want their mean, 20 min", even.Median)
	}
}

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		45 * time.Second: "45 s", 12*time.Minute + 59*time.Second: "12 min", 3*time.Hour + 5*time.Minute: "3 h 5 min",
		52 * time.Hour: "2 d 4 h",
	} {
		if got := Duration(d); got != want {
			t.Errorf("Duration(%s) = %q, want %q", d, got, want)
		}
	}
}

func TestBars(t *testing.T) {
	c := Bars("x", []Bar{{"test", 4, "test"}, {"lint", 1, "lint"}, {"none", 0, ""}})
	type row struct {
		W     int
		Share string
	}
	var got []row
	for _, r := range c.Rows {
		got = append(got, row{r.BarW, r.Share})
	}
	want := []row{{barAreaWidth, "80%"}, {barAreaWidth / 4, "20%"}, {0, "0%"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("bars (-want +got):\n%s", diff)
	}
	if c.Height != 3*barRowHeight+4 {
		t.Errorf("height %d for three rows", c.Height)
	}
}

func TestColumnsStackFromTheAxis(t *testing.T) {
	c := Columns("x", []Column{
		{Label: "Mon", Segments: []Bar{{"done", 3, "done"}, {"dead", 1, "dead"}}},
		{Label: "Tue", Segments: []Bar{{"done", 1, "done"}}},
		{Label: "Wed"},
	})
	if c.Max != 4 || len(c.Columns) != 3 {
		t.Fatalf("max %d, %d columns", c.Max, len(c.Columns))
	}
	mon := c.Columns[0].Rects
	if len(mon) != 2 || mon[0].Y+mon[0].H != c.BaseY || mon[1].Y+mon[1].H != mon[0].Y || mon[1].Y != c.BaseY-columnArea {
		t.Errorf("Monday's segments do not stack from the axis to the top: %+v (axis %d)", mon, c.BaseY)
	}
	if tue := c.Columns[1].Rects; len(tue) != 1 || tue[0].H != columnArea/4 || tue[0].Title != "1 done" {
		t.Errorf("Tuesday %+v, want one quarter-height segment titled \"1 done\"", tue)
	}
	if len(c.Columns[2].Rects) != 0 {
		t.Errorf("an empty day has segments")
	}
}

func TestOrderedBars(t *testing.T) {
	got := OrderedBars(map[string]int{"flaky": 2, "zeta": 1, "alpha": 1, "": 5, "change": 0, "other": 3}, "change", "flaky")
	want := []Bar{{"flaky", 2, "flaky"}, {"(none)", 5, ""}, {"other", 3, "other"}, {"alpha", 1, "alpha"}, {"zeta", 1, "zeta"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("bars (-want +got):\n%s", diff)
	}
}

func TestEveryPageRenders(t *testing.T) {
	p := Page{Title: "T", Version: "v1"}
	for name, data := range map[string]any{
		"setup":     SetupPage{Page: p, Action: "https://github.com/settings/apps/new?state=s", Manifest: `{"a":"<b>"}`},
		"dashboard": DashboardPage{Page: p},
		"try":       TryPage{Page: p, Text: "</textarea><script>", Checked: true},
		"message":   MessagePage{Page: p, Heading: "H"},
	} {
		out, err := Render(name, data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if strings.Contains(string(out), "<script") || strings.Contains(string(out), `"<b>"`) {
			t.Errorf("%s: data reached the page unescaped", name)
		}
	}
}

func TestStates(t *testing.T) {
	var s States
	now := time.Now()
	st, err := s.New(now)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Take(st, now.Add(StateTTL-time.Second)) {
		t.Errorf("a fresh state was refused")
	}
	if s.Take(st, now) {
		t.Errorf("a state worked twice")
	}
	old, _ := s.New(now)
	if s.Take(old, now.Add(StateTTL)) {
		t.Errorf("an expired state was accepted")
	}
	first, _ := s.New(now)
	for i := 1; i <= MaxStates; i++ {
		s.New(now.Add(time.Duration(i) * time.Millisecond))
	}
	if len(s.pending) != MaxStates {
		t.Errorf("%d states kept, want at most %d", len(s.pending), MaxStates)
	}
	if s.Take(first, now) {
		t.Errorf("the oldest state survived the bound")
	}
}
