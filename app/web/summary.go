package web

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// OrderedBars turns counts into bars: the names in order first (those
// with a count), then any others, largest first. A bar's class is its name.
func OrderedBars(counts map[string]int, order ...string) []Bar {
	var bars []Bar
	for _, name := range order {
		if n := counts[name]; n > 0 {
			bars = append(bars, Bar{Label: name, Value: n, Class: name})
		}
	}
	var rest []Bar
	for name, n := range counts {
		if n > 0 && !slices.Contains(order, name) {
			label := name
			if label == "" {
				label = "(none)"
			}
			rest = append(rest, Bar{Label: label, Value: n, Class: name})
		}
	}
	slices.SortFunc(rest, func(a, b Bar) int {
		return cmp.Or(cmp.Compare(b.Value, a.Value), cmp.Compare(a.Label, b.Label))
	})
	return append(bars, rest...)
}

// PREvent is a pull request turning red (a failing check explained) or
// green (its checks passing again).
type PREvent struct {
	PR    string // owner/repo#n
	Green bool
	At    time.Time
}

// Span is a pull request's time from its first red to the next green.
type Span struct {
	PR         string
	Red, Green time.Time
}

// Spans pairs each first red with the green that follows it, per pull
// request: reds while already red do not restart the clock, and a green
// with no red before it counts for nothing. events must be ordered by PR,
// then time. It also returns how many pull requests are still red.
func Spans(events []PREvent) (spans []Span, stillRed int) {
	for i := 0; i < len(events); {
		pr := events[i].PR
		var red time.Time
		for ; i < len(events) && events[i].PR == pr; i++ {
			switch ev := events[i]; {
			case !ev.Green && red.IsZero():
				red = ev.At
			case ev.Green && !red.IsZero():
				spans = append(spans, Span{PR: pr, Red: red, Green: ev.At})
				red = time.Time{}
			}
		}
		if !red.IsZero() {
			stillRed++
		}
	}
	return spans, stillRed
}

// SummariseSpans is the median span and the newest n spans, for the page.
func SummariseSpans(spans []Span, stillRed, n int) RedToGreen {
	out := RedToGreen{StillRed: stillRed}
	if len(spans) == 0 {
		return out
	}
	ds := make([]time.Duration, len(spans))
	for i, s := range spans {
		ds[i] = s.Green.Sub(s.Red)
	}
	slices.Sort(ds)
	median := ds[len(ds)/2]
	if len(ds)%2 == 0 {
		median = (ds[len(ds)/2-1] + ds[len(ds)/2]) / 2
	}
	out.Median = Duration(median)
	newest := slices.Clone(spans)
	slices.SortFunc(newest, func(a, b Span) int { return b.Green.Compare(a.Green) })
	for _, s := range newest[:min(n, len(newest))] {
		out.Recent = append(out.Recent, Episode{PR: s.PR, Red: Time(s.Red), Duration: Duration(s.Green.Sub(s.Red))})
	}
	return out
}

// Time is how the pages show a moment: in UTC, to the minute.
func Time(t time.Time) string { return t.UTC().Format("Jan 2 15:04") }

// Duration is a span as people say it: "40 s", "12 min", "3 h 5 min", "2 d 4 h".
func Duration(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%d s", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d.Minutes()))
	case d < 24*time.Hour:
		return fmt.Sprintf("%d h %d min", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("%d d %d h", int(d.Hours())/24, int(d.Hours())%24)
}

// RepositoryNames reads a list of repositories (a JSON array of names or
// of objects with full_name or name; or, from deliveries, comma-separated)
// and keeps the first n in name order, counting the rest.
func RepositoryNames(raw string, commaList bool, n int) ([]string, int) {
	var names []string
	if commaList {
		names = strings.FieldsFunc(raw, func(r rune) bool { return r == ',' })
	} else {
		var items []json.RawMessage
		_ = json.Unmarshal([]byte(raw), &items) // unreadable lists show as none
		for _, it := range items {
			var name string
			var obj struct {
				FullName string `json:"full_name"`
				Name     string `json:"name"`
			}
			if json.Unmarshal(it, &name) != nil && json.Unmarshal(it, &obj) == nil {
				name = cmp.Or(obj.FullName, obj.Name)
			}
			if name != "" {
				names = append(names, name)
			}
		}
	}
	slices.Sort(names)
	if len(names) <= n {
		return names, 0
	}
	return names[:n], len(names) - n
}
