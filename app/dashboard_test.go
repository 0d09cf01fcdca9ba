package app

import (
	"context"
	"database/sql"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/prcoach/prcoach/app/web"
	"github.com/prcoach/prcoach/handlers"
)

// act is one activity row for seeding.
type act struct {
	ago                      time.Duration
	kind, owner, repo        string
	pr                       int
	category, verdict, words string
}

// seedDashboard stores a known week of activity and deliveries, as of now.
func seedDashboard(t testing.TB, db *sql.DB, now time.Time) {
	t.Helper()
	const (
		red   = handlers.ActivityCheckExplained
		green = handlers.ActivityChecksGreen
	)
	acts := []act{
		{3 * time.Hour, red, "acme", "api", 1, "test", "change", "offline"},
		{2 * time.Hour, red, "acme", "api", 1, "test", "change", "offline"}, // still red: the clock keeps running
		{time.Hour, green, "acme", "api", 1, "", "", ""},
		{50 * time.Minute, red, "acme", "api", 2, "compile", "flaky", "model"},
		{10 * time.Minute, green, "acme", "api", 2, "", "", ""},
		{30 * time.Minute, red, "acme", "web", 3, "network", "infrastructure", "offline"},
		{5 * time.Hour, green, "acme", "web", 4, "", "", ""}, // green with no red: no span
		{40 * 24 * time.Hour, red, "acme", "old", 9, "ancient", "change", "offline"},
		{time.Hour, handlers.ActivityToneSuggested, "acme", "api", 1, "", "", "offline"},
		{time.Hour, handlers.ActivityToneSuggested, "acme", "api", 2, "", "", "offline"},
		{time.Hour, handlers.ActivityToneSuggested, "acme", "web", 3, "", "", "offline"},
		{time.Hour, handlers.ActivityToneSuggested, "acme", "web", 4, "", "", "offline"},
		{30 * time.Minute, handlers.ActivityToneEdited, "acme", "api", 1, "", "", ""},
		{20 * time.Minute, handlers.ActivityToneRemoved, "acme", "api", 1, "", "", ""},
		{20 * time.Minute, handlers.ActivityExplained, "acme", "api", 2, "", "", "offline"},
	}
	for _, a := range acts {
		_, err := db.Exec(`INSERT INTO prcoach_activity (at, kind, installation_id, owner, repo, pr, category, verdict, wording)
			VALUES (?, ?, 42, ?, ?, ?, ?, ?, ?)`, now.Add(-a.ago).UnixMilli(), a.kind, a.owner, a.repo, a.pr, a.category, a.verdict, a.words)
		if err != nil {
			t.Fatal(err)
		}
	}
	deliveries := []struct {
		ago            time.Duration
		status, action string
	}{
		{time.Hour, statusDone, "completed"}, {2 * time.Hour, statusDone, "completed"},
		{26 * time.Hour, statusDone, "created"}, {3 * time.Hour, statusDead, "completed"}, {time.Minute, statusQueued, "completed"},
	}
	for i, d := range deliveries {
		_, err := db.Exec(`INSERT INTO prcoach_deliveries (id, event, action, installation_id, repository, received_at, status, outcome, attempts)
			VALUES (?, 'check_run', ?, 42, 'acme/api', ?, ?, 'commented', 1)`,
			"seed-"+string(rune('a'+i)), d.action, now.Add(-d.ago).UnixMilli(), d.status)
		if err != nil {
			t.Fatal(err)
		}
	}
}

// bar is a bar whose class is its label, as the dashboard makes them.
func bar(label string, n int) web.Bar { return web.Bar{Label: label, Value: n, Class: label} }

// newBareApp builds an app that is not serving, for handler tests.
func newBareApp(t *testing.T, cfg Config) *App {
	t.Helper()
	a, err := New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.store.Close() })
	return a
}

func TestDashboardFigures(t *testing.T) {
	a := newBareApp(t, testConfig(t, nil))
	now := time.Now()
	seedDashboard(t, a.store.DB(), now)
	p, err := a.dashboardPage(context.Background(), now)
	if err != nil {
		t.Fatal(err)
	}
	type figures struct {
		Explained, Answered int
		Categories          []web.Bar
		Verdicts            []web.Bar
		Tone                web.ToneSummary
		ModelShare          string
		Median              string
		Spans               []string
		StillRed            int
		Totals              []web.Bar
		Installations       []web.Installation
		Recent              int
	}
	bars := func(c web.BarChart) []web.Bar {
		var out []web.Bar
		for _, r := range c.Rows {
			out = append(out, r.Bar)
		}
		return out
	}
	var spans []string
	for _, e := range p.RedToGreen.Recent {
		spans = append(spans, e.PR+" "+e.Duration)
	}
	got := figures{p.Explained, p.Answered, bars(p.Categories), bars(p.Verdicts), p.Tone, p.ModelShare,
		p.RedToGreen.Median, spans, p.RedToGreen.StillRed, p.Deliveries.Totals, p.Installations, len(p.Deliveries.Recent)}
	want := figures{
		Explained: 4, Answered: 1,
		Categories: []web.Bar{bar("test", 2), bar("compile", 1), bar("network", 1)},
		Verdicts:   []web.Bar{bar("change", 2), bar("flaky", 1), bar("infrastructure", 1)},
		Tone:       web.ToneSummary{Suggested: 4, Edited: 1, Removed: 1, EditedShare: "25%"},
		// 1 of 9 worded comments came from the model.
		ModelShare: "11%",
		Median:     "1 h 20 min",
		Spans:      []string{"acme/api#2 40 min", "acme/api#1 2 h 0 min"},
		StillRed:   1,
		Totals:     []web.Bar{bar("done", 3), bar("queued", 1), bar("dead", 1)},
		Installations: []web.Installation{{ID: 42, Since: web.Time(time.UnixMilli(now.Add(-26 * time.Hour).UnixMilli())),
			Repositories: []string{"acme/api"}}},
		Recent: 5,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("dashboard figures (-want +got):\n%s", diff)
	}
}

func TestDashboardInstallationsFromTheirTable(t *testing.T) {
	a := newBareApp(t, testConfig(t, nil))
	_, err := a.store.DB().Exec(`INSERT INTO prcoach_installations (id, account, since, repositories) VALUES
		(7, 'acme', 1700000000000, '[{"full_name":"acme/web"},"acme/api",{"name":"solo"}]')`)
	if err != nil {
		t.Fatal(err)
	}
	got, err := a.installations(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []web.Installation{{ID: 7, Account: "acme", Since: "Nov 14 22:13", Repositories: []string{"acme/api", "acme/web", "solo"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("installations (-want +got):\n%s", diff)
	}
}

func TestDashboardPageRenders(t *testing.T) {
	a := newBareApp(t, testConfig(t, nil))
	seedDashboard(t, a.store.DB(), time.Now())
	rec := httptest.NewRecorder()
	a.Handler().ServeHTTP(rec, local(httptest.NewRequest(http.MethodGet, "/", nil)))
	page := html.UnescapeString(rec.Body.String())
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d:\n%s", rec.Code, page)
	}
	for _, want := range []string{"Failures explained, by category", "Median <strong>1 h 20 min</strong>", "acme/api#2", "3 done", "1 dead",
		"11% of the comments were worded by the model", "Pull requests still red: 1", `action="/try"`} {
		if !strings.Contains(page, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	if n := strings.Count(page, "<svg"); n != 4 {
		t.Errorf("%d SVG charts, want 4 (deliveries, categories, verdicts, wording)", n)
	}
	if strings.Contains(page, "ancient") {
		t.Errorf("activity older than the window is shown")
	}
	for _, ext := range []string{"http://", "https://", "<script"} {
		if strings.Contains(page, ext) {
			t.Errorf("the page refers to %q: it must work offline with nothing fetched", ext)
		}
	}
}

func TestDashboardAccess(t *testing.T) {
	const token = "s3cret-dashboard-token"
	cfg := testConfig(t, nil)
	cfg.DashboardToken = token
	cfg.PublicURL = "https://prcoach.example.com"
	a := newBareApp(t, cfg)
	open := newBareApp(t, testConfig(t, nil)) // no token configured
	tests := []struct {
		name       string
		app        *App
		method     string
		target     string
		remote     string
		header     http.Header
		wantStatus int
	}{
		{"loopback", a, "GET", "/", "127.0.0.1:5000", nil, 200},
		{"loopback IPv6", a, "GET", "/try", "[::1]:5000", nil, 200},
		{"elsewhere without the token", a, "GET", "/", "203.0.113.9:5000", nil, 403},
		{"elsewhere with the bearer token", a, "GET", "/", "203.0.113.9:5000", http.Header{"Authorization": {"Bearer " + token}}, 200},
		{"elsewhere with a wrong bearer token", a, "GET", "/", "203.0.113.9:5000", http.Header{"Authorization": {"Bearer nope"}}, 403},
		{"elsewhere with the cookie", a, "GET", "/", "203.0.113.9:5000", http.Header{"Cookie": {web.CookieName + "=" + cookieFor(t, a, token)}}, 200},
		{"elsewhere with the token as the cookie", a, "GET", "/", "203.0.113.9:5000", http.Header{"Cookie": {web.CookieName + "=" + token}}, 403},
		{"elsewhere with the right ?token", a, "GET", "/?token=" + token, "203.0.113.9:5000", nil, 303},
		{"elsewhere with a wrong ?token", a, "GET", "/?token=nope", "203.0.113.9:5000", nil, 403},
		{"loopback through a proxy", a, "GET", "/", "127.0.0.1:5000", http.Header{"X-Forwarded-For": {"203.0.113.9"}}, 403},
		{"loopback under a rebound name (DNS rebinding)", a, "GET", "/", "127.0.0.1:5000", http.Header{"Host": {"evil.example:3000"}}, 403},
		{"setup under a rebound name", a, "GET", "/setup", "127.0.0.1:5000", http.Header{"Host": {"attacker.test"}}, 403},
		{"loopback under 127.0.0.1", a, "GET", "/", "127.0.0.1:5000", http.Header{"Host": {"127.0.0.1:3000"}}, 200},
		{"loopback under the public URL's host", a, "GET", "/", "127.0.0.1:5000", http.Header{"Host": {"prcoach.example.com"}}, 200},
		{"elsewhere, no token configured", open, "GET", "/", "203.0.113.9:5000", nil, 403},
		{"elsewhere, no token configured, bearer empty", open, "GET", "/", "203.0.113.9:5000", http.Header{"Authorization": {"Bearer "}}, 403},
		{"try box elsewhere", a, "POST", "/try", "203.0.113.9:5000", nil, 403},
		{"setup page elsewhere", a, "GET", "/setup", "203.0.113.9:5000", nil, 403},
		{"healthz elsewhere is unaffected", a, "GET", "/healthz", "203.0.113.9:5000", nil, 200},
		{"metrics elsewhere are unaffected", a, "GET", "/metrics", "203.0.113.9:5000", nil, 200},
		{"style sheet elsewhere", a, "GET", "/static/app.css", "203.0.113.9:5000", nil, 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.target, nil)
			req.RemoteAddr = tc.remote
			req.Host = "localhost:3000"
			for k, v := range tc.header {
				req.Header[k] = v
			}
			if h := tc.header.Get("Host"); h != "" {
				req.Host = h
			}
			rec := httptest.NewRecorder()
			tc.app.Handler().ServeHTTP(rec, req)
			if rec.Code != tc.wantStatus {
				t.Errorf("status %d, want %d", rec.Code, tc.wantStatus)
			}
		})
	}
}

// local makes req come from loopback (httptest's default is 192.0.2.1).
func local(req *http.Request) *http.Request {
	req.RemoteAddr = "127.0.0.1:40000"
	req.Host = "localhost:3000"
	return req
}

// cookieFor logs in with ?token= and returns the cookie's value, checking
// the cookie and the redirect on the way.
func cookieFor(t *testing.T, a *App, token string) string {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "/try?x=1&token="+token, nil)
	req.RemoteAddr = "203.0.113.9:5000"
	rec := httptest.NewRecorder()
	a.Handler().ServeHTTP(rec, req)
	if loc := rec.Header().Get("Location"); rec.Code != http.StatusSeeOther || loc != "/try?x=1" {
		t.Fatalf("login: %d to %q, want 303 to /try?x=1 (the token dropped from the address)", rec.Code, loc)
	}
	cs := rec.Result().Cookies()
	if len(cs) != 1 || !cs[0].HttpOnly || cs[0].SameSite != http.SameSiteStrictMode || cs[0].Value == token {
		t.Fatalf("cookie %+v: want one HttpOnly, SameSite=Strict cookie that is not the token itself", cs)
	}
	return cs[0].Value
}

func TestTryBoxChecksToneAndKeepsNothing(t *testing.T) {
	logs := &syncBuffer{}
	cfg := testConfig(t, nil)
	a, err := New(cfg, slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	if err != nil {
		t.Fatal(err)
	}
	defer a.store.Close()
	const marker = "Zanzibar"
	tests := []struct {
		name, text string
		want       []string
	}{
		{"tense comment", "This is a stupid idea, why would you even write " + marker + " like this?!",
			[]string{"This may land harder than intended", "A gentler wording", marker}},
		{"calm comment", "Could we rename " + marker + " to something clearer? Thanks for the change.",
			[]string{"This reads calmly"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "/try", strings.NewReader("text="+strings.ReplaceAll(tc.text, " ", "+")))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			rec := httptest.NewRecorder()
			a.Handler().ServeHTTP(rec, local(req))
			page := html.UnescapeString(rec.Body.String())
			for _, w := range tc.want {
				if !strings.Contains(page, w) {
					t.Errorf("result lacks %q:\n%s", w, page)
				}
			}
		})
	}
	if strings.Contains(logs.String(), marker) {
		t.Errorf("the checked text reached the log")
	}
	for _, suffix := range []string{"", "-wal"} {
		data, err := os.ReadFile(a.store.Name() + suffix)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		if strings.Contains(string(data), marker) {
			t.Errorf("the checked text reached the database file %s", a.store.Name()+suffix)
		}
	}
}
