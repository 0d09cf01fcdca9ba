package handlers

import (
	"context"
	"log/slog"
)

// The structured-log vocabulary every delivery's lines share. Payloads,
// comment text, tokens and log excerpts are never logged above Debug.
const (
	LogDeliveryID     = "github_delivery_id"
	LogEventType      = "github_event_type"
	LogInstallationID = "github_installation_id"
	LogRepoOwner      = "github_repository_owner"
	LogRepoName       = "github_repository_name"
	LogPRNumber       = "github_pr_num"
	LogHandler        = "handler"
	LogOutcome        = "outcome"
	LogLLMMode        = "llm_mode"
	LogAttempt        = "attempt"
	// LogError carries an error; LogReason says in words why a fallback
	// was taken; LogPrompt names the prompt a model call was for.
	LogError  = "error"
	LogReason = "reason"
	LogPrompt = "prompt"
)

// The values of LogLLMMode: whose words a text is. A model failure that
// falls back to the offline coach logs LLMOffline, with the reason.
const (
	LLMModel   = "model"
	LLMOffline = "offline"
)

// WithPR returns ctx whose logger names pull request number.
func WithPR(ctx context.Context, number int) context.Context {
	return WithLogger(ctx, Logger(ctx).With(slog.Int(LogPRNumber, number)))
}
