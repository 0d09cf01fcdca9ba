package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/prcoach/prcoach/prompts"
)

// Model-call budget per installation (RELIABILITY.md R11): a noisy
// repository cannot spend everyone's quota; past it the offline coach answers.
const (
	modelCallsPerHour = 120
)

// errModelBudget says an installation used its model calls for the hour.
var errModelBudget = errors.New("model call budget for this installation reached; offline wording used")

// modelBudget counts model calls per installation in fixed hourly windows.
type modelBudget struct {
	mu     sync.Mutex
	window time.Time
	used   map[int64]int
}

func (m *modelBudget) take(installation int64, now time.Time) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	w := now.Truncate(time.Hour)
	if !w.Equal(m.window) || m.used == nil {
		m.window, m.used = w, map[int64]int{}
	}
	if m.used[installation] >= modelCallsPerHour {
		return false
	}
	m.used[installation]++
	return true
}

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
		log.Warn("model prompt not built; offline wording used", "llm_mode", "fallback", "reason", err.Error())
		return "", false
	}
	if !b.budget.take(installation, time.Now()) {
		log.Warn("offline wording used", "llm_mode", "fallback", "prompt", p.Name, "reason", errModelBudget.Error())
		return "", false
	}
	text, err := b.completer.Complete(ctx, p)
	if err == nil && strings.TrimSpace(text) == "" {
		err = fmt.Errorf("the model answered with empty text")
	}
	if err != nil {
		log.Warn("model call failed; offline wording used", "llm_mode", "fallback", "prompt", p.Name, "reason", err.Error())
		return "", false
	}
	return strings.TrimSpace(text), true
}
