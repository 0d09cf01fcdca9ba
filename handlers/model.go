package handlers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/prcoach/prcoach/prompts"
)

// complete asks the model for text when one is configured. Any failure, or
// no model, returns ok=false and the caller keeps its offline text; the
// reason is logged once at Warn. The text is not redacted here: every body
// it ends up in is redacted and sanitised once, when post writes it.
func (b *Base) complete(ctx context.Context, installation int64, build func() (prompts.Prompt, error)) (string, bool) {
	if b.completer == nil {
		return "", false
	}
	log := Logger(ctx)
	p, err := build()
	if err != nil {
		log.Warn("model prompt not built; offline wording used", LogLLMMode, LLMOffline, LogReason, err.Error())
		return "", false
	}
	if !b.takeModelCall(ctx, installation, time.Now()) {
		log.Warn("offline wording used", LogLLMMode, LLMOffline, LogPrompt, p.Name, LogReason, errModelBudget.Error())
		return "", false
	}
	text, err := b.completer.Complete(ctx, p)
	if err == nil && strings.TrimSpace(text) == "" {
		err = fmt.Errorf("the model answered with empty text")
	}
	if err != nil {
		log.Warn("model call failed; offline wording used", LogLLMMode, LLMOffline, LogPrompt, p.Name, LogReason, err.Error())
		return "", false
	}
	return strings.TrimSpace(text), true
}
