package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/prcoach/prcoach/store/storetest"
)

// dialect opens a fresh store of one kind for a test.
type dialect struct {
	name string
	url  func(t *testing.T) string
}

// dialects are the databases every store test runs against: SQLite always,
// PostgreSQL when PRCOACH_TEST_DATABASE_URL names a server.
var dialects = []dialect{
	{"sqlite", func(t *testing.T) string { return "sqlite:" + filepath.Join(t.TempDir(), "prcoach.db") }},
	{"postgres", func(t *testing.T) string { return storetest.PostgresURL(t) }},
}

// eachDialect runs test once per dialect, with the URL of an empty database.
func eachDialect(t *testing.T, test func(t *testing.T, url string)) {
	for _, d := range dialects {
		t.Run(d.name, func(t *testing.T) { test(t, d.url(t)) })
	}
}

// open opens url, closing it when t ends.
func open(t *testing.T, url string) *Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := Open(ctx, url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// count runs a COUNT query.
func count(t *testing.T, s *Store, q string, args ...any) int {
	t.Helper()
	var n int
	if err := s.queryRow(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}
