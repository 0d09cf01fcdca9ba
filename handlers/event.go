// Package handlers holds what PR Coach does with each GitHub event: one
// handler type per event family, each holding the parts it uses: the
// checks reporter (checks*.go, history.go), the /explain commands
// (explain_*.go), the tone coach (tone_reply.go) and the reply path every
// comment takes (reply.go, votes.go). Base builds them from Options and
// holds what they share: GitHub clients, settings, locks, the model.
// Handlers are short adapters (decode, guards, pure analysis, compose, post);
// the analysis lives in the pure packages beneath (ci, tone, safety).
package handlers

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/prompts"
)

// Event is one stored webhook delivery, as a worker hands it to a handler.
type Event struct {
	DeliveryID     string
	Name           string // X-GitHub-Event
	Action         string
	InstallationID int64
	Owner, Repo    string
	Payload        []byte
}

// Handler handles one family of events.
type Handler interface {
	// Events maps each event name it handles to the actions it wants.
	Events() map[string][]string
	// Permissions maps each GitHub App permission it needs to read or write;
	// app.yml must grant exactly the union of these.
	Permissions() map[string]string
	// Handle does the work and says what happened in a few words ("commented",
	// "skipped: not a pull request"). Errors are retried unless Permanent.
	Handle(ctx context.Context, ev Event) (outcome string, err error)
}

// Clients gives handlers a GitHub client authenticated as an installation,
// and the app's own bot login ("slug[bot]"), by which the app knows its
// own comments.
type Clients interface {
	Installation(id int64) (*github.Client, error)
	AppLogin(ctx context.Context) (string, error)
}

type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

// Permanent marks err as one that retrying cannot fix.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanentError{err}
}

// IsPermanent reports whether err was marked Permanent, or is a GitHub answer
// that a retry cannot change (400, 404, 410, 422).
func IsPermanent(err error) bool {
	if errors.As(err, new(permanentError)) {
		return true
	}
	var gh *github.ErrorResponse
	if errors.As(err, &gh) && gh.Response != nil {
		switch gh.Response.StatusCode {
		case http.StatusBadRequest, http.StatusNotFound, http.StatusGone, http.StatusUnprocessableEntity:
			return true
		}
	}
	return false
}

type loggerKey struct{}

type installationKey struct{}

// WithInstallation returns ctx carrying the delivery's installation ID,
// which budgets are kept per.
func WithInstallation(ctx context.Context, id int64) context.Context {
	return context.WithValue(ctx, installationKey{}, id)
}

func installationOf(ctx context.Context) int64 {
	id, _ := ctx.Value(installationKey{}).(int64)
	return id
}

// WithLogger returns ctx carrying logger, with the delivery's fields on it.
func WithLogger(ctx context.Context, logger *slog.Logger) context.Context {
	return context.WithValue(ctx, loggerKey{}, logger)
}

// Logger returns the context's logger, or slog's default.
func Logger(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(loggerKey{}).(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}

// Completer writes text with a language model. Any error means the caller
// uses the offline coach's text instead: a model failure is never silence.
type Completer interface {
	Complete(ctx context.Context, p prompts.Prompt) (string, error)
}
