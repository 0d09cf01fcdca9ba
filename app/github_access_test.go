package app

import (
	"log/slog"
	"testing"

	"github.com/prcoach/prcoach/store/storetest"
)

// The app's way to GitHub keeps rate-limit waits in the database when
// replicas share PostgreSQL, and in the process on SQLite; an app adopted
// at setup gets the same.
func TestGitHubAccessSharesLimitsOnlyOnPostgres(t *testing.T) {
	for _, tc := range []struct {
		name       string
		postgres   bool
		wantShared bool
	}{
		{"sqlite keeps them in the process", false, false},
		{"postgres keeps them in the database", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig(t, nil)
			if tc.postgres {
				cfg.DatabaseURL = storetest.PostgresURL(t)
			}
			a, err := New(cfg, slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { a.store.Close() })
			if got := a.github.Load().clients.shared != nil; got != tc.wantShared {
				t.Errorf("from New: shared limits %v, want %v", got, tc.wantShared)
			}
			if err := a.adoptApp(cfg, "prcoach[bot]"); err != nil {
				t.Fatal(err)
			}
			gh := a.github.Load()
			if got := gh.clients.shared != nil; got != tc.wantShared {
				t.Errorf("after adopting: shared limits %v, want %v", got, tc.wantShared)
			}
			if gh.clients.login != "prcoach[bot]" || gh.recovery == nil {
				t.Errorf("after adopting: login %q, recovery %v", gh.clients.login, gh.recovery != nil)
			}
		})
	}
}
