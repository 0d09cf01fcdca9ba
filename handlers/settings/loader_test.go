package settings

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const (
	toneOff = "version: 1\ntone:\n  mode: off\n"
	german  = "version: 1\nlanguage: de\n"
)

func TestLoaderReadsTheRepositoryFile(t *testing.T) {
	srv := newContentsServer(t)
	srv.set("acme/app", toneOff)
	srv.set("acme/.github", "version: 1\nlanguage: de\n")
	l := NewLoader(time.Minute, nil)
	s, perr, err := l.Load(context.Background(), srv.client(t), "acme", "app", "main")
	if err != nil || perr != nil {
		t.Fatalf("Load: %v, %v", perr, err)
	}
	if s.ToneEnabled() || s.Language() != "en" {
		t.Errorf("tone enabled %v, language %q; want the repository's file (tone off, en)", s.ToneEnabled(), s.Language())
	}
	want := Source{Repo: "acme/app", Path: Path, SHA: fmt.Sprintf("sha-%d", len(toneOff))}
	if diff := cmp.Diff(want, s.Source()); diff != "" {
		t.Errorf("Source (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"acme/app?ref=main"}, srv.took()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

func TestLoaderFallsBack(t *testing.T) {
	tests := []struct {
		name       string
		files      map[string]string
		repo       string
		branch     string
		wantReqs   []string
		wantSource Source
		wantLang   string
	}{
		{"to the organisation's .github repository", map[string]string{"acme/.github": german},
			"app", "trunk", []string{"acme/app?ref=trunk", "acme/.github?"},
			Source{Repo: "acme/.github", Path: Path, SHA: fmt.Sprintf("sha-%d", len(german))}, "de"},
		{"to the defaults when neither has a file", nil,
			"app", "main", []string{"acme/app?ref=main", "acme/.github?"}, Source{}, "en"},
		{"without a branch, to the API's default branch", nil,
			"app", "", []string{"acme/app?", "acme/.github?"}, Source{}, "en"},
		{"the .github repository itself is asked once", nil,
			".github", "main", []string{"acme/.github?ref=main"}, Source{}, "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newContentsServer(t)
			for r, f := range tt.files {
				srv.set(r, f)
			}
			s, perr, err := NewLoader(0, nil).Load(context.Background(), srv.client(t), "acme", tt.repo, tt.branch)
			if err != nil || perr != nil {
				t.Fatalf("Load: %v, %v", perr, err)
			}
			if diff := cmp.Diff(tt.wantReqs, srv.took()); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantSource, s.Source()); diff != "" {
				t.Errorf("Source (-want +got):\n%s", diff)
			}
			if s.Language() != tt.wantLang {
				t.Errorf("Language = %q, want %q", s.Language(), tt.wantLang)
			}
		})
	}
}

func TestLoaderCachesUntilTTL(t *testing.T) {
	srv := newContentsServer(t)
	srv.set("acme/app", toneOff)
	clock := &fakeClock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	l := NewLoader(10*time.Minute, clock.now)
	gh := srv.client(t)
	ctx := context.Background()
	load := func() Settings {
		t.Helper()
		s, perr, err := l.Load(ctx, gh, "acme", "app", "main")
		if err != nil || perr != nil {
			t.Fatalf("Load: %v, %v", perr, err)
		}
		return s
	}
	load()
	clock.advance(9 * time.Minute)
	srv.set("acme/app", "version: 1\n")
	if s := load(); s.ToneEnabled() {
		t.Error("settings changed inside the TTL")
	}
	if got := srv.took(); len(got) != 1 {
		t.Errorf("%d requests inside the TTL, want 1: %v", len(got), got)
	}
	clock.advance(time.Minute)
	if s := load(); !s.ToneEnabled() {
		t.Error("settings not read again after the TTL")
	}
	if got := srv.took(); len(got) != 1 {
		t.Errorf("%d requests after the TTL, want 1: %v", len(got), got)
	}
	// Owner and repository names are case-insensitive on GitHub.
	if _, _, err := l.Load(ctx, gh, "ACME", "App", "main"); err != nil {
		t.Fatal(err)
	}
	if got := srv.took(); len(got) != 0 {
		t.Errorf("another spelling of the name was fetched again: %v", got)
	}
}

func TestLoaderInvalidate(t *testing.T) {
	srv := newContentsServer(t)
	srv.set("acme/own", toneOff)
	srv.set("acme/.github", "version: 1\nlanguage: de\n")
	l := NewLoader(time.Hour, nil)
	gh := srv.client(t)
	ctx := context.Background()
	for _, r := range []string{"own", "shared", "other"} {
		if _, _, err := l.Load(ctx, gh, "acme", r, "main"); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := l.Load(ctx, gh, "beta", "shared", "main"); err != nil {
		t.Fatal(err)
	}
	srv.took()

	l.Invalidate("acme", "other")
	srv.set("acme/other", "version: 1\nlanguage: fr\n")
	if s, _, _ := l.Load(ctx, gh, "acme", "other", "main"); s.Language() != "fr" {
		t.Errorf("after Invalidate, language = %q, want the new file's fr", s.Language())
	}
	if diff := cmp.Diff([]string{"acme/other?ref=main"}, srv.took()); diff != "" {
		t.Errorf("requests after Invalidate (-want +got):\n%s", diff)
	}

	// A change to the owner's .github repository reaches every repository
	// that falls back to it, and only those.
	l.Invalidate("Acme", ".github")
	srv.set("acme/.github", "version: 1\nlanguage: es\n")
	for _, r := range []string{"own", "shared", "other"} {
		l.Load(ctx, gh, "acme", r, "main")
	}
	l.Load(ctx, gh, "beta", "shared", "main")
	if diff := cmp.Diff([]string{"acme/shared?ref=main", "acme/.github?"}, srv.took()); diff != "" {
		t.Errorf("requests after invalidating acme/.github (-want +got):\n%s", diff)
	}
	if s, _, _ := l.Load(ctx, gh, "acme", "shared", "main"); s.Language() != "es" {
		t.Errorf("language = %q, want the new shared es", s.Language())
	}
}

func TestLoaderParseErrorIsCachedAndReported(t *testing.T) {
	srv := newContentsServer(t)
	bad := "version: 1\ntone:\n  mode: loud\n"
	srv.set("acme/.github", bad)
	l := NewLoader(time.Hour, nil)
	gh := srv.client(t)
	for i := range 2 {
		s, perr, err := l.Load(context.Background(), gh, "acme", "app", "main")
		if err != nil {
			t.Fatalf("Load %d: %v", i, err)
		}
		if perr == nil {
			t.Fatalf("Load %d: no ParseError for a bad tone mode", i)
		}
		want := Source{Repo: "acme/.github", Path: Path, SHA: fmt.Sprintf("sha-%d", len(bad))}
		if diff := cmp.Diff(want, perr.Source); diff != "" {
			t.Errorf("ParseError.Source (-want +got):\n%s", diff)
		}
		if !strings.HasPrefix(perr.Error(), "acme/.github: .github/prcoach.yml has a problem") {
			t.Errorf("Error() = %q", perr.Error())
		}
		if !s.ToneEnabled() || s.Source() != (Source{}) {
			t.Error("settings returned with a ParseError are not the defaults")
		}
	}
	if got := srv.took(); len(got) != 2 {
		t.Errorf("requests = %v; want the first Load's two and none for the cached second", got)
	}
}

func TestLoaderErrorsAreNotCached(t *testing.T) {
	for _, status := range []int{http.StatusInternalServerError, http.StatusBadGateway, http.StatusForbidden, http.StatusUnauthorized} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			srv := newContentsServer(t)
			srv.setStatus("acme/app", status)
			l := NewLoader(time.Hour, nil)
			gh := srv.client(t)
			s, perr, err := l.Load(context.Background(), gh, "acme", "app", "main")
			if err == nil || perr != nil {
				t.Fatalf("Load = %v, %v; want an error to retry", perr, err)
			}
			if !s.ToneEnabled() {
				t.Error("settings returned with an error are not the defaults")
			}
			srv.setStatus("acme/app", 0)
			srv.set("acme/app", toneOff)
			if s, _, err := l.Load(context.Background(), gh, "acme", "app", "main"); err != nil || s.ToneEnabled() {
				t.Errorf("after recovery: err %v, tone enabled %v; the error was cached", err, s.ToneEnabled())
			}
		})
	}
	t.Run("on the fallback", func(t *testing.T) {
		srv := newContentsServer(t)
		srv.setStatus("acme/.github", http.StatusServiceUnavailable)
		if _, _, err := NewLoader(time.Hour, nil).Load(context.Background(), srv.client(t), "acme", "app", "main"); err == nil {
			t.Error("a 503 from the .github repository was taken for a missing file")
		}
	})
}

func TestLoaderOddFiles(t *testing.T) {
	tests := []struct {
		name, body, says string
	}{
		{"a folder", `[{"type":"file","name":"a.yml","path":".github/prcoach.yml/a.yml"}]`, "is a folder"},
		{"a submodule", `{"type":"submodule","name":"prcoach.yml","path":".github/prcoach.yml"}`, "not a regular file"},
		{"too large for the API", `{"type":"file","encoding":"none","size":2000000,"content":""}`, "at most 64 KB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newContentsServer(t)
			srv.raw["acme/app"] = tt.body
			_, perr, err := NewLoader(time.Hour, nil).Load(context.Background(), srv.client(t), "acme", "app", "main")
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if perr == nil || !strings.Contains(perr.Error(), tt.says) {
				t.Errorf("ParseError = %v, want it to say %q", perr, tt.says)
			}
		})
	}
}

func TestLoaderBoundsItsCache(t *testing.T) {
	tests := []struct {
		name string
		ttl  time.Duration
	}{
		{"by dropping the oldest when nothing expired", 24 * time.Hour},
		{"by sweeping expired entries", time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := &fakeClock{t: time.Unix(0, 0)}
			l := NewLoader(tt.ttl, clock.now)
			for i := range maxEntries + 5 {
				clock.advance(time.Second)
				l.put(fmt.Sprintf("o/r%d", i), fetched{s: Default()})
			}
			if n := len(l.entries); n > maxEntries {
				t.Errorf("%d entries, want at most %d", n, maxEntries)
			}
			if _, ok := l.entries["o/r0"]; ok {
				t.Error("the oldest entry survived")
			}
			if _, ok := l.get(fmt.Sprintf("o/r%d", maxEntries+4)); !ok {
				t.Error("the newest entry was dropped")
			}
		})
	}
}
