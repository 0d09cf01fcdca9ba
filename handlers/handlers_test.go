package handlers

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/githubtest"
)

// newFake starts a fake GitHub closed when t ends.
func newFake(t *testing.T) *githubtest.Server {
	t.Helper()
	fake := githubtest.NewServer()
	t.Cleanup(fake.Close)
	return fake
}

// newTestBase builds the handlers' shared state over fake, offline.
func newTestBase(fake *githubtest.Server) *Base {
	return NewBase(Options{Clients: fake.Clients(), WebURL: "https://github.com"})
}

// fixture reads a webhook fixture from testdata/webhooks as event name.
func fixture(t *testing.T, name, action, file string) Event {
	t.Helper()
	payload, err := os.ReadFile(filepath.Join("..", "testdata", "webhooks", file))
	if err != nil {
		t.Fatal(err)
	}
	return Event{DeliveryID: "test-" + file, Name: name, Action: action, InstallationID: 42,
		Owner: githubtest.Owner, Repo: githubtest.Repo, Payload: payload}
}

// handle runs h on ev and fails the test on an error.
func handle(t *testing.T, h Handler, ev Event) string {
	t.Helper()
	out, err := h.Handle(context.Background(), ev)
	if err != nil {
		t.Fatalf("Handle(%s): %v", ev.Name, err)
	}
	return out
}

// user is a GitHub account of type kind ("User" or "Bot").
func user(login, kind string) *github.User {
	return &github.User{Login: github.String(login), Type: github.String(kind)}
}
