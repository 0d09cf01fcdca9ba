package app

import (
	"os"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"

	"github.com/prcoach/prcoach/handlers"
)

// manifest is the part of app.yml the handlers must agree with.
type manifest struct {
	Name        string            `yaml:"name"`
	Permissions map[string]string `yaml:"default_permissions"`
	Events      []string          `yaml:"default_events"`
}

func TestManifestMatchesHandlers(t *testing.T) {
	data, err := os.ReadFile("../app.yml")
	if err != nil {
		t.Fatal(err)
	}
	var m manifest
	if err := yaml.Unmarshal(data, &m); err != nil {
		t.Fatalf("app.yml: %v", err)
	}
	hs := handlers.All(handlers.NewBase(handlers.Options{}))
	events := slices.DeleteFunc(newRouter(hs).events(), alwaysDelivered)
	slices.Sort(events)
	got := slices.Clone(m.Events)
	slices.Sort(got)
	if diff := cmp.Diff(events, got); diff != "" {
		t.Errorf("app.yml default_events differ from the handled events (-handled +app.yml):\n%s", diff)
	}
	perms := map[string]string{"metadata": "read"}
	for _, h := range hs {
		for scope, level := range h.Permissions() {
			if perms[scope] != "write" {
				perms[scope] = level
			}
		}
	}
	if diff := cmp.Diff(perms, m.Permissions); diff != "" {
		t.Errorf("app.yml default_permissions differ from what the handlers use (-handlers +app.yml):\n%s", diff)
	}
}
