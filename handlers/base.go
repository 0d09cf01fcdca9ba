package handlers

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

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
	// Redactor hides secrets in what the handlers read and write. The app
	// passes its live redactor, so the secrets of an app adopted at /setup
	// reach the handlers too; nil builds one for Secrets.
	Redactor Redactor
	// Secrets are the app's own credentials, redacted wherever they appear
	// when Redactor is nil.
	Secrets []string
	// Recorder keeps what the app did, for the dashboard; nil keeps nothing.
	Recorder Recorder
	// Completer words explanations with a model; nil means the offline coach.
	Completer Completer
	// Installations records installs and uninstalls; nil records nothing.
	Installations Installations
	// PRLocks, when set, also locks each pull request where every replica
	// sees it (a database lock); nil locks within this process only.
	PRLocks PRLocker
	// Budget, when set, counts model calls per installation where every
	// replica sees them; nil counts within this process only.
	Budget ModelBudget
	// History, Votes and Corrections keep what PR Coach learns from a
	// repository's failures and from the people it coaches (see
	// handlers/feedback); each nil turns its part off.
	History     feedback.HistoryStore
	Votes       feedback.VoteStore
	Corrections feedback.CorrectionStore
}

// Redactor replaces secrets with placeholders; *safety.Redactor is one.
type Redactor interface {
	// Redact returns s with every secret found replaced by a placeholder.
	Redact(s string) string
	// Reader returns src with secrets redacted, as Redact would.
	Reader(src io.Reader) io.Reader
}

// PRLocker locks a pull request across processes, so two replicas never
// both decide to create its comment.
type PRLocker interface {
	// LockPR waits for key's lock and returns its release.
	LockPR(ctx context.Context, key string) (unlock func(), err error)
}

// ModelBudget counts model calls per installation across processes.
type ModelBudget interface {
	// TakeModelCall counts one call in the window starting at window,
	// reporting false (counting nothing) when limit calls were made in it.
	TakeModelCall(ctx context.Context, installation int64, window time.Time, limit int) (bool, error)
}

// Base is the root of the handlers: it builds their parts from Options and
// holds what they all share (GitHub clients, the settings loader, the
// recorder, the model and its budget, the per-PR locks).
type Base struct {
	clients  Clients
	recorder Recorder
	// completer is nil when no model is configured.
	completer    Completer
	budget       modelBudget
	sharedBudget ModelBudget // nil: budget alone
	settings     *settings.Loader
	prLocks      keyedMutex
	sharedLocks  PRLocker // nil: prLocks alone
	// installations is nil when nothing records them.
	installations Installations

	replies *replies
	checks  *checksReporter
	explain *explainer
	coach   *toneCoach
}

// NewBase builds the shared handler state and the handlers' parts once.
func NewBase(o Options) *Base {
	if o.Logs == nil {
		o.Logs = http.DefaultClient
	}
	if o.WebURL == "" {
		o.WebURL = "https://github.com"
	}
	if o.Redactor == nil {
		o.Redactor = safety.NewRedactor(o.Secrets...)
	}
	b := &Base{
		clients:       o.Clients,
		recorder:      o.Recorder,
		completer:     o.Completer,
		installations: o.Installations,
		sharedLocks:   o.PRLocks,
		sharedBudget:  o.Budget,
		settings:      settings.NewLoader(settings.DefaultTTL, nil),
	}
	b.replies = &replies{clients: o.Clients, redactor: o.Redactor, webURL: o.WebURL, votes: o.Votes}
	b.checks = newChecksReporter(o, b, b.replies)
	b.explain = newExplainer(o, b, b.replies, b.checks)
	b.coach = &toneCoach{base: b, replies: b.replies}
	return b
}

// All returns every handler, one per event family.
func All(b *Base) []Handler {
	return []Handler{newCheckRun(b), newWorkflowRun(b), newComments(b),
		&Push{b.settings}, &Installation{b.installations}, &PullClosed{b.replies}}
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

// lockPR locks pull request number of owner/repo for one delivery's
// decisions: in this process, then, with several replicas, in the database.
func (b *Base) lockPR(ctx context.Context, owner, repo string, number int) (unlock func(), err error) {
	key := fmt.Sprintf("%s/%s#%d", owner, repo, number)
	local := b.prLocks.Lock(key)
	if b.sharedLocks == nil {
		return local, nil
	}
	shared, err := b.sharedLocks.LockPR(ctx, key)
	if err != nil {
		local()
		return nil, fmt.Errorf("locking %s: %w", key, err)
	}
	return func() { shared(); local() }, nil
}

// takeModelCall counts a model call against the installation's hourly
// budget, shared by the replicas when they share one. A budget that cannot
// be read says no: the offline coach answers.
func (b *Base) takeModelCall(ctx context.Context, installation int64, now time.Time) bool {
	if b.sharedBudget == nil {
		return b.budget.take(installation, now)
	}
	ok, err := b.sharedBudget.TakeModelCall(ctx, installation, now.Truncate(time.Hour), modelCallsPerHour)
	if err != nil {
		Logger(ctx).Warn("the shared model budget could not be read", LogError, err)
	}
	return ok && err == nil
}
