package app

import (
	"testing"

	"github.com/prcoach/prcoach/handlers/githubtest"
)

func TestInstallationsAreRecordedAndForgotten(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	fake.SeedFailingPR(goTestLog)
	r := start(t, testConfig(t, fake))
	repos := func() string {
		var s string
		r.store.DB().QueryRow(`SELECT repositories FROM prcoach_installations WHERE id = 42`).Scan(&s)
		return s
	}
	if _, o := r.process(t, "installation", "webhooks/installation_created.json", nil); o != "installation recorded: 2 repositories" {
		t.Fatalf("outcome %q", o)
	}
	if got := repos(); got != `["octo-org/gadgets","octo-org/widgets"]` {
		t.Errorf("repositories %s", got)
	}
	r.process(t, "installation_repositories", "webhooks/installation_repositories_added.json", nil)
	if got := repos(); got != `["octo-org/gizmos","octo-org/widgets"]` {
		t.Errorf("after add/remove: repositories %s", got)
	}
	r.process(t, "check_run", "webhooks/check_run_failure.json", nil)
	if n := r.count(t, `SELECT COUNT(*) FROM prcoach_activity WHERE installation_id = 42`); n != 1 {
		t.Fatalf("%d activities for installation 42, want 1", n)
	}
	if _, o := r.process(t, "installation", "webhooks/installation_deleted.json", nil); o != "installation forgotten" {
		t.Fatalf("outcome %q", o)
	}
	for _, q := range []string{
		`SELECT COUNT(*) FROM prcoach_installations`,
		`SELECT COUNT(*) FROM prcoach_activity WHERE installation_id = 42`,
		`SELECT COUNT(*) FROM prcoach_deliveries WHERE installation_id = 42 AND event != 'installation'`,
	} {
		if n := r.count(t, q); n != 0 {
			t.Errorf("%s = %d after uninstall, want 0", q, n)
		}
	}
}
