package store

import (
	"context"
	"testing"
)

// TestMigrationsFromEmpty opens an empty database: every migration and
// River's tables are applied, and opening again changes nothing.
func TestMigrationsFromEmpty(t *testing.T) {
	eachDialect(t, func(t *testing.T, url string) {
		s := open(t, url)
		v, err := s.schemaVersion(context.Background())
		if err != nil || v != SchemaVersion() {
			t.Fatalf("schema version %d (%v), want %d", v, err, SchemaVersion())
		}
		for _, table := range []string{"prcoach_deliveries", "prcoach_activity", "prcoach_installations",
			"prcoach_limits", "prcoach_setup_states", "prcoach_failure_history", "prcoach_feedback_votes",
			"prcoach_feedback_corrections", "river_job"} {
			if n := count(t, s, `SELECT COUNT(*) FROM `+table); n != 0 {
				t.Errorf("%s has %d rows in a new database", table, n)
			}
		}
		s.Close()
		s = open(t, url)
		if n := count(t, s, `SELECT COUNT(*) FROM prcoach_schema`); n != SchemaVersion() {
			t.Errorf("prcoach_schema has %d rows after a second open, want %d", n, SchemaVersion())
		}
	})
}

// TestMigrationsFromPreviousVersion builds the previous schema with a
// delivery and an installation in it, then opens it with this build: the
// new tables appear and the rows are kept.
func TestMigrationsFromPreviousVersion(t *testing.T) {
	eachDialect(t, func(t *testing.T, url string) {
		s := open(t, url)
		ctx := context.Background()
		// Start again from the previous version's schema.
		for _, q := range []string{`DROP TABLE prcoach_failure_history`, `DROP TABLE prcoach_feedback_votes`,
			`DROP TABLE prcoach_feedback_corrections`, `DELETE FROM prcoach_schema WHERE version = 4`} {
			if _, err := s.exec(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		if v, _ := s.schemaVersion(ctx); v != SchemaVersion()-1 {
			t.Fatalf("set-up left version %d", v)
		}
		if _, err := s.exec(ctx, `INSERT INTO prcoach_deliveries (id, event, received_at, payload) VALUES ('old', 'check_run', 1, ?)`,
			[]byte(`{}`)); err != nil {
			t.Fatal(err)
		}
		if err := s.Installed(ctx, 7, "octo-org", []string{"octo-org/a"}); err != nil {
			t.Fatal(err)
		}
		s.Close()
		s = open(t, url)
		if v, _ := s.schemaVersion(ctx); v != SchemaVersion() {
			t.Errorf("version %d after migrating, want %d", v, SchemaVersion())
		}
		if ok, err := s.HasDelivery(ctx, "old"); !ok || err != nil {
			t.Errorf("the stored delivery was lost: %v %v", ok, err)
		}
		if n := count(t, s, `SELECT COUNT(*) FROM prcoach_installations WHERE id = 7`); n != 1 {
			t.Errorf("installations after migrating: %d, want 1", n)
		}
		for _, table := range []string{"prcoach_failure_history", "prcoach_feedback_votes", "prcoach_feedback_corrections"} {
			if n := count(t, s, `SELECT COUNT(*) FROM `+table); n != 0 {
				t.Errorf("%s: %d rows, want an empty new table", table, n)
			}
		}
	})
}
