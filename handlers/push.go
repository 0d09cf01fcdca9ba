package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/settings"
)

// Push forgets cached repository settings when a push to the default
// branch touches .github/prcoach.yml.
type Push struct{ settings *settings.Loader }

// Events implements Handler. Pushes carry no action.
func (h *Push) Events() map[string][]string { return map[string][]string{"push": {""}} }

// Permissions implements Handler.
func (h *Push) Permissions() map[string]string {
	return map[string]string{"contents": "read"} // push events; reading the settings file
}

// Handle implements Handler.
func (h *Push) Handle(ctx context.Context, ev Event) (string, error) {
	var e github.PushEvent
	if err := json.Unmarshal(ev.Payload, &e); err != nil {
		return "", Permanent(fmt.Errorf("decoding push: %w", err))
	}
	repo := e.GetRepo()
	if e.GetRef() != "refs/heads/"+repo.GetDefaultBranch() {
		return "skipped: not the default branch", nil
	}
	for _, c := range e.Commits {
		for _, files := range [][]string{c.Added, c.Modified, c.Removed} {
			for _, f := range files {
				if f == settings.Path {
					owner := repo.GetOwner().GetLogin()
					if owner == "" {
						owner = repo.GetOwner().GetName()
					}
					h.settings.Invalidate(owner, repo.GetName())
					return "settings reloaded: " + strings.TrimPrefix(settings.Path, ".github/") + " changed", nil
				}
			}
		}
	}
	return "skipped: settings unchanged", nil
}
