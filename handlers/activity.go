package handlers

import (
	"context"
	"time"
)

// Activity is one thing the app did, kept for the dashboard and metrics.
// It never carries comment text or log content.
type Activity struct {
	At             time.Time
	Kind           string // one of the Activity* kinds
	InstallationID int64
	Owner, Repo    string
	PR             int
	Check          string // the check's name, for check activities
	Category       string // failure category (test, compile, …)
	Verdict        string // change, flaky, infrastructure, unknown
	Wording        string // "offline" or "model"
}

// Activity kinds.
const (
	ActivityCheckExplained = "check_explained"
	ActivityChecksGreen    = "checks_green"
	ActivityToneSuggested  = "tone_suggested"
	ActivityToneEdited     = "tone_comment_edited" // the reviewer edited a comment that had a suggestion
	ActivityToneRemoved    = "tone_removed"
	ActivityExplained      = "explain_answered"
)

// Recorder keeps activities; the app stores them for its dashboard.
type Recorder interface {
	Record(ctx context.Context, a Activity)
}

// record keeps a, stamped now, when a recorder is configured.
func (b *Base) record(ctx context.Context, a Activity) {
	if b.recorder == nil {
		return
	}
	if a.At.IsZero() {
		a.At = time.Now()
	}
	if a.InstallationID == 0 {
		a.InstallationID = installationOf(ctx)
	}
	b.recorder.Record(ctx, a)
}
