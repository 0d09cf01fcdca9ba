package handlers

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/google/go-github/v60/github"
)

// Installations keeps which accounts installed the app on which repositories.
type Installations interface {
	Installed(ctx context.Context, id int64, account string, repos []string) error
	ReposChanged(ctx context.Context, id int64, account string, added, removed []string) error
	// Uninstalled forgets everything stored about the installation.
	Uninstalled(ctx context.Context, id int64) error
}

// Installation records installs, uninstalls and repository changes. GitHub
// sends these events to every app; they need no subscription in app.yml.
type Installation struct{ installations Installations }

// Events implements Handler.
func (h *Installation) Events() map[string][]string {
	return map[string][]string{
		"installation":              {"created", "deleted", "new_permissions_accepted"},
		"installation_repositories": {"added", "removed"},
	}
}

// Permissions implements Handler: installation events need none.
func (h *Installation) Permissions() map[string]string { return nil }

// Handle implements Handler.
func (h *Installation) Handle(ctx context.Context, ev Event) (string, error) {
	if h.installations == nil {
		return "skipped: installations are not recorded", nil
	}
	switch ev.Name {
	case "installation":
		var e github.InstallationEvent
		if err := json.Unmarshal(ev.Payload, &e); err != nil {
			return "", Permanent(fmt.Errorf("decoding installation: %w", err))
		}
		id, account := e.GetInstallation().GetID(), e.GetInstallation().GetAccount().GetLogin()
		if e.GetAction() == "deleted" {
			return "installation forgotten", h.installations.Uninstalled(ctx, id)
		}
		return fmt.Sprintf("installation recorded: %d repositories", len(e.Repositories)),
			h.installations.Installed(ctx, id, account, repoNames(e.Repositories))
	default:
		var e github.InstallationRepositoriesEvent
		if err := json.Unmarshal(ev.Payload, &e); err != nil {
			return "", Permanent(fmt.Errorf("decoding installation_repositories: %w", err))
		}
		id, account := e.GetInstallation().GetID(), e.GetInstallation().GetAccount().GetLogin()
		added, removed := repoNames(e.RepositoriesAdded), repoNames(e.RepositoriesRemoved)
		return fmt.Sprintf("repositories changed: %d added, %d removed", len(added), len(removed)),
			h.installations.ReposChanged(ctx, id, account, added, removed)
	}
}

func repoNames(repos []*github.Repository) []string {
	out := make([]string, 0, len(repos))
	for _, r := range repos {
		out = append(out, r.GetFullName())
	}
	return out
}
