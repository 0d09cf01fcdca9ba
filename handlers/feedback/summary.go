package feedback

import (
	"cmp"
	"slices"
)

// Dimension is what Summarize groups records by.
type Dimension string

// Dimensions of the dashboard's "Helpful" figures.
const (
	ByKind         Dimension = "kind"
	ByCategory     Dimension = "category"
	ByVerdict      Dimension = "verdict"
	ByKnownFailure Dimension = "known_failure"
	// ByToneSignal groups tone replies by each signal they answered; a
	// reply with two signals counts in both groups.
	ByToneSignal Dimension = "tone_signal"
)

// Row is the feedback on a group of comments.
type Row struct {
	Kind Kind
	// Key is the group's category, verdict, known failure ID or tone
	// signal; "" when grouping by kind, or for comments without one.
	Key       string
	Comments  int
	Corrected int
	Tally
}

// Helpful is the share of votes that were 👍, smoothed towards one half so
// a single vote does not make a group look perfect or hopeless.
func (r Row) Helpful() float64 {
	return float64(r.Up+1) / float64(r.Up+r.Down+2)
}

// Summarize groups records by kind and dim, worst-rated first: lowest
// Helpful, then most 👎; groups nobody voted on come last.
func Summarize(records []Record, dim Dimension) []Row {
	idx := map[[2]string]int{}
	var rows []Row
	for _, rec := range records {
		for _, key := range keysOf(rec.Labels, dim) {
			k := [2]string{string(rec.Labels.Kind), key}
			i, ok := idx[k]
			if !ok {
				i = len(rows)
				idx[k] = i
				rows = append(rows, Row{Kind: rec.Labels.Kind, Key: key})
			}
			rows[i].add(rec)
		}
	}
	slices.SortFunc(rows, func(a, b Row) int {
		if va, vb := a.Up+a.Down > 0, b.Up+b.Down > 0; va != vb {
			if va {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(a.Helpful(), b.Helpful()), cmp.Compare(b.Down, a.Down),
			cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Key, b.Key))
	})
	return rows
}

// add counts rec in the row.
func (r *Row) add(rec Record) {
	r.Comments++
	r.Up += rec.Tally.Up
	r.Down += rec.Tally.Down
	if rec.Corrected {
		r.Corrected++
	}
}

// keysOf are the groups of l along dim.
func keysOf(l Labels, dim Dimension) []string {
	switch dim {
	case ByCategory:
		return []string{l.Category}
	case ByVerdict:
		return []string{l.Verdict}
	case ByKnownFailure:
		return []string{l.KnownFailure}
	case ByToneSignal:
		if len(l.ToneSignals) == 0 {
			return []string{""}
		}
		return l.ToneSignals
	}
	return []string{""}
}

// Series is one value of prcoach_feedback_total{kind,category,reaction}.
type Series struct {
	Kind     Kind
	Category string
	// Reaction is GitHub's content value: "+1" or "-1".
	Reaction string
	Value    int
}

// MetricSeries sums the current tallies into the series of
// prcoach_feedback_total, in a stable order, leaving out zeros. The values
// are current counts: a reaction taken back lowers them.
func MetricSeries(records []Record) []Series {
	var out []Series
	for _, r := range Summarize(records, ByCategory) {
		for _, s := range []Series{{r.Kind, r.Key, ThumbsUp, r.Up}, {r.Kind, r.Key, ThumbsDown, r.Down}} {
			if s.Value > 0 {
				out = append(out, s)
			}
		}
	}
	slices.SortFunc(out, func(a, b Series) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Category, b.Category), cmp.Compare(a.Reaction, b.Reaction))
	})
	return out
}
