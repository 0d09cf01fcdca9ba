package app

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/prcoach/prcoach/app/web"
	"github.com/prcoach/prcoach/handlers"
)

// manifestFile is the GitHub App manifest the setup page registers from,
// read from the working directory.
const manifestFile = "app.yml"

// appManifest is the manifest the setup page posts: app.yml's fields, with
// the webhook and redirect addresses pointed at this server.
type appManifest struct {
	Name               string            `yaml:"name" json:"name"`
	URL                string            `yaml:"url" json:"url"`
	Description        string            `yaml:"description" json:"description,omitempty"`
	Public             bool              `yaml:"public" json:"public"`
	HookAttributes     hookAttributes    `yaml:"hook_attributes" json:"hook_attributes"`
	RedirectURL        string            `yaml:"-" json:"redirect_url"`
	DefaultPermissions map[string]string `yaml:"default_permissions" json:"default_permissions"`
	DefaultEvents      []string          `yaml:"default_events" json:"default_events"`
	// source says where the manifest came from, for the setup page.
	source string
}

type hookAttributes struct {
	URL    string `yaml:"url" json:"url"`
	Active bool   `yaml:"active" json:"active"`
}

// loadManifest builds the manifest for a server at publicURL. It is
// app.yml from path when that file exists: the repository's manifest,
// which manifest_test.go keeps in step with the handlers. It must then ask
// for every event the handlers take, which also catches another project's
// app.yml in the working directory. Without the file, as when the binary
// runs elsewhere, the same manifest is built from the handlers' own events
// and permissions.
func loadManifest(path, publicURL string) (appManifest, error) {
	handled, perms := handlerNeeds()
	m := appManifest{Name: "PR Coach", URL: "https://github.com/prcoach/prcoach", DefaultPermissions: perms,
		DefaultEvents: handled, source: "the handlers' events and permissions (no app.yml in the working directory)"}
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return m, fmt.Errorf("reading %s: %w", path, err)
	default:
		m = appManifest{source: path}
		if err := yaml.Unmarshal(data, &m); err != nil {
			return m, fmt.Errorf("%s: %w", path, err)
		}
		if missing := missingEvents(handled, m.DefaultEvents); len(missing) > 0 {
			return m, fmt.Errorf("%s does not ask for the events %s that PR Coach handles; is it PR Coach's app.yml?",
				path, strings.Join(missing, ", "))
		}
	}
	base := strings.TrimSuffix(publicURL, "/")
	m.HookAttributes = hookAttributes{URL: base + "/webhook", Active: true}
	m.RedirectURL = base + "/setup/callback"
	return m, nil
}

// handlerNeeds is the union of what the handlers take: their events, and
// their permissions plus the metadata every app has.
func handlerNeeds() (events []string, perms map[string]string) {
	hs := handlers.All(handlers.NewBase(handlers.Options{}))
	events = slices.DeleteFunc(newRouter(hs).events(), alwaysDelivered)
	slices.Sort(events)
	perms = map[string]string{"metadata": "read"}
	for _, h := range hs {
		for scope, level := range h.Permissions() {
			if perms[scope] != "write" {
				perms[scope] = level
			}
		}
	}
	return events, perms
}

// missingEvents lists the events of want that got lacks.
func missingEvents(want, got []string) []string {
	var out []string
	for _, e := range want {
		if !slices.Contains(got, e) {
			out = append(out, e)
		}
	}
	return out
}

// permissionList is the permissions in name order, for the setup page.
func (m appManifest) permissionList() []web.Permission {
	out := make([]web.Permission, 0, len(m.DefaultPermissions))
	for _, scope := range slices.Sorted(maps.Keys(m.DefaultPermissions)) {
		out = append(out, web.Permission{Scope: scope, Level: m.DefaultPermissions[scope]})
	}
	return out
}
