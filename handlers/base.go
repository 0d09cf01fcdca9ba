package handlers

import (
	"errors"
	"net/http"

	"github.com/prcoach/prcoach/handlers/ci"
	"github.com/prcoach/prcoach/handlers/feedback"
	"github.com/prcoach/prcoach/handlers/pull"
	"github.com/prcoach/prcoach/handlers/safety"
	"github.com/prcoach/prcoach/handlers/settings"
)

// Options are what NewBase needs from the runtime.
type Options struct {
	// Clients authenticates as installations; nil while the app is unconfigured.
	Clients Clients
	// Logs fetches job logs from the short-lived storage URLs GitHub redirects
	// to; it must not carry GitHub credentials.
	Logs *http.Client
	// WebURL is GitHub's web address (https://github.com, or a GHES host).
	WebURL string
	// Secrets are the app's own credentials, redacted wherever they appear.
	Secrets []string
	// Recorder keeps what the app did, for the dashboard; nil keeps nothing.
	Recorder Recorder
	// Completer words explanations with a model; nil means the offline coach.
	Completer Completer
	// Installations records installs and uninstalls; nil records nothing.
	Installations Installations
	// History, Votes and Corrections keep what PR Coach learns from a
	// repository's failures and from the people it coaches (see
	// handlers/feedback); each nil turns its part off.
	History     feedback.HistoryStore
	Votes       feedback.VoteStore
	Corrections feedback.CorrectionStore
}

// Base is what every handler shares.
type Base struct {
	clients  Clients
	logs     *http.Client
	webURL   string
	redactor *safety.Redactor
	recorder Recorder
	// completer is nil when no model is configured.
	completer Completer
	budget    modelBudget
	cooldown  explainCooldown
	settings  *settings.Loader
	// installations is nil when nothing records them.
	installations Installations
	prLocks       keyedMutex
	analyses      *lru[ci.Analysis]
	// signatures are the error lines of passing logs, by job.
	signatures *lru[map[string]bool]
	// history, votes and corrections are nil when not kept.
	history     feedback.HistoryStore
	votes       feedback.VoteStore
	corrections feedback.CorrectionStore
	// failedSigs are the signatures of recent failures, by repository,
	// commit and check, to notice a pass on re-run.
	failedSigs *lru[feedback.Signature]
}

// NewBase builds the shared handler state once.
func NewBase(o Options) *Base {
	if o.Logs == nil {
		o.Logs = http.DefaultClient
	}
	if o.WebURL == "" {
		o.WebURL = "https://github.com"
	}
	return &Base{
		clients:       o.Clients,
		logs:          o.Logs,
		webURL:        o.WebURL,
		recorder:      o.Recorder,
		completer:     o.Completer,
		installations: o.Installations,
		redactor:      safety.NewRedactor(o.Secrets...),
		analyses:      newLRU[ci.Analysis](512),
		signatures:    newLRU[map[string]bool](256),
		settings:      settings.NewLoader(settings.DefaultTTL, nil),
		history:       o.History,
		votes:         o.Votes,
		corrections:   o.Corrections,
		failedSigs:    newLRU[feedback.Signature](1024),
	}
}

// All returns every handler, one per event family.
func All(b *Base) []Handler {
	return []Handler{&CheckRun{b}, &WorkflowRun{b}, &Comments{b}, &Push{b}, &Installation{b}}
}

// repo is the delivery's repository, read with its installation's client.
func (b *Base) repo(ev Event, owner, name string) (pull.Repo, error) {
	if b.clients == nil {
		return pull.Repo{}, Permanent(errors.New("no GitHub App credentials configured"))
	}
	gh, err := b.clients.Installation(ev.InstallationID)
	if err != nil {
		return pull.Repo{}, err
	}
	return pull.Repo{GH: gh, Owner: owner, Name: name}, nil
}
