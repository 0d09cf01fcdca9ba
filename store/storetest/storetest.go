// Package storetest gives tests their own PostgreSQL database, on the
// server PRCOACH_TEST_DATABASE_URL names (.ci/postgres.sh starts one).
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL names the variable that points the tests at a PostgreSQL server.
const EnvURL = "PRCOACH_TEST_DATABASE_URL"

var skipOnce sync.Once

// PostgresURL creates an empty database for t and returns its URL; the
// database is dropped when t ends. Without PRCOACH_TEST_DATABASE_URL the
// test is skipped, with one line saying how to run it.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvURL)
	if base == "" {
		first := false
		skipOnce.Do(func() { first = true })
		if first {
			t.Skip("PostgreSQL tests skipped: PRCOACH_TEST_DATABASE_URL is unset (run `. .ci/postgres.sh` first)")
		}
		t.SkipNow()
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", EnvURL, err)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "prcoach_t_" + hex.EncodeToString(b[:])
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("%s: %v", EnvURL, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE DATABASE `+name); err != nil {
		t.Fatalf("creating the test database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if conn, err := pgx.Connect(ctx, base); err == nil {
			conn.Exec(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
			conn.Close(ctx)
		}
	})
	u.Path = "/" + name
	return u.String()
}

// Admin returns a function that runs a statement on the test server's
// base database (for tests that change a database from outside), failing t
// on error.
func Admin(t testing.TB) func(sql string) {
	t.Helper()
	base := os.Getenv(EnvURL)
	conn, err := pgx.Connect(context.Background(), base)
	if err != nil {
		t.Fatalf("%s: %v", EnvURL, err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return func(sql string) {
		t.Helper()
		if _, err := conn.Exec(context.Background(), sql); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
}
