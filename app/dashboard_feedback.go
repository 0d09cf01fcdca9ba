package app

import (
	"context"
	"time"

	"github.com/prcoach/prcoach/app/web"
	"github.com/prcoach/prcoach/handlers/feedback"
	"github.com/prcoach/prcoach/store"
)

// Bounds of the "Helpful" tables: rows per table, and comments read (the
// most recent of the dashboard's window).
const (
	maxHelpfulRows    = 10
	maxHelpfulRecords = 20000
)

// helpfulTables groups the vote records of comments posted since since
// per category, verdict, known failure and tone signal, worst-rated first.
// Only labels and counts are read; the database keeps no comment text.
func (a *App) helpfulTables(ctx context.Context, since time.Time) ([]web.HelpfulTable, error) {
	records, err := a.store.FeedbackRecords(ctx, store.RecordQuery{PostedSince: since, Limit: maxHelpfulRecords})
	if err != nil {
		return nil, err
	}
	reports := func(k feedback.Kind) bool { return k == feedback.KindChecks || k == feedback.KindExplain }
	tone := func(k feedback.Kind) bool { return k == feedback.KindTone }
	return []web.HelpfulTable{
		helpfulTable("category", "Per failure category", feedback.Summarize(records, feedback.ByCategory), reports, "uncategorised"),
		helpfulTable("verdict", "Per verdict", feedback.Summarize(records, feedback.ByVerdict), reports, "no verdict"),
		helpfulTable("known-failure", "Per known failure", feedback.Summarize(records, feedback.ByKnownFailure), reports, "none matched"),
		helpfulTable("tone", "Tone replies, per signal answered", feedback.Summarize(records, feedback.ByToneSignal), tone, "no signal"),
	}, nil
}

// helpfulTable keeps the rows of the kinds keep accepts, in Summarize's
// worst-first order, naming the empty group blank.
func helpfulTable(id, title string, rows []feedback.Row, keep func(feedback.Kind) bool, blank string) web.HelpfulTable {
	t := web.HelpfulTable{ID: id, Title: title}
	for _, r := range rows {
		if !keep(r.Kind) || len(t.Rows) == maxHelpfulRows {
			continue
		}
		label := r.Key
		if label == "" {
			label = blank
		}
		t.Rows = append(t.Rows, web.HelpfulRow{Kind: string(r.Kind), Label: label, Comments: r.Comments,
			Up: r.Up, Down: r.Down, Corrected: r.Corrected, Helpful: web.Percent(r.Up, r.Up+r.Down)})
	}
	return t
}
