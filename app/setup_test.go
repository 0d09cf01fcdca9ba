package app

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"

	"github.com/prcoach/prcoach/app/web"
	"github.com/prcoach/prcoach/handlers/githubtest"
)

// registrar plays GitHub's side of the manifest flow, web and API on one
// host (as GITHUB_API_URL's web host derives): the new-app form redirects
// back with a code, the code converts once into credentials, and the
// install page answers. Everything else goes to the fake GitHub API, so
// the registered app can then process deliveries.
type registrar struct {
	*httptest.Server
	fake *githubtest.Server

	mu          sync.Mutex
	manifests   []map[string]any // manifests posted to the new-app form
	forms       []string         // paths the new-app form was posted to
	conversions []githubtest.Request
	codes       map[string]bool // unused codes
}

const (
	registeredAppID = 4321
	registeredSlug  = "pr-coach-test"
	registeredHook  = "whsec-from-the-manifest-flow"
)

func newRegistrar(t *testing.T, fake *githubtest.Server) *registrar {
	t.Helper()
	r := &registrar{fake: fake, codes: map[string]bool{}}
	target, _ := url.Parse(fake.URL)
	proxy := httputil.NewSingleHostReverseProxy(target)
	mux := http.NewServeMux()
	mux.HandleFunc("POST /settings/apps/new", r.newApp)
	mux.HandleFunc("POST /organizations/{org}/settings/apps/new", r.newApp)
	mux.HandleFunc("POST /app-manifests/{code}/conversions", r.convert)
	mux.HandleFunc("GET /apps/{slug}/installations/new", func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><link rel="icon" href="data:,"><title>Install</title><h1>Install %s</h1>`, html.EscapeString(req.PathValue("slug")))
	})
	mux.Handle("/", proxy)
	r.Server = httptest.NewServer(mux)
	t.Cleanup(r.Close)
	return r
}

func (r *registrar) newApp(w http.ResponseWriter, req *http.Request) {
	var m map[string]any
	if err := json.Unmarshal([]byte(req.FormValue("manifest")), &m); err != nil {
		http.Error(w, "manifest is not JSON: "+err.Error(), http.StatusUnprocessableEntity)
		return
	}
	redirect, _ := m["redirect_url"].(string)
	code := fmt.Sprintf("code%d", time.Now().UnixNano())
	r.mu.Lock()
	r.manifests = append(r.manifests, m)
	r.forms = append(r.forms, req.URL.Path)
	r.codes[code] = true
	r.mu.Unlock()
	http.Redirect(w, req, redirect+"?code="+code+"&state="+url.QueryEscape(req.URL.Query().Get("state")), http.StatusFound)
}

func (r *registrar) convert(w http.ResponseWriter, req *http.Request) {
	code := req.PathValue("code")
	r.mu.Lock()
	r.conversions = append(r.conversions, githubtest.Request{Method: req.Method, Path: req.URL.Path, Auth: req.Header.Get("Authorization")})
	ok := r.codes[code]
	delete(r.codes, code)
	r.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if !ok {
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"message":"Not Found"}`)
		return
	}
	w.WriteHeader(http.StatusCreated)
	json.NewEncoder(w).Encode(map[string]any{
		"id": registeredAppID, "slug": registeredSlug, "name": "PR Coach (test)", "client_id": "Iv1.test",
		"client_secret": "client-secret", "webhook_secret": registeredHook, "pem": testKey(),
		"html_url": r.URL + "/apps/" + registeredSlug, "owner": map[string]any{"login": "octo-org"},
	})
}

// addCode makes a code the conversion endpoint accepts, as if GitHub had issued it.
func (r *registrar) addCode(code string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.codes[code] = true
}

func (r *registrar) seen() (manifests []map[string]any, forms []string, conversions []githubtest.Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.manifests, r.forms, r.conversions
}

// startUnconfigured runs an app with no GitHub App in a fresh working
// directory (holding a copy of app.yml when withManifest), with
// PRCOACH_PUBLIC_URL at its own address and GITHUB_API_URL at apiURL.
func startUnconfigured(t *testing.T, apiURL string, withManifest bool) *running {
	t.Helper()
	appYML, err := os.ReadFile("../app.yml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Chdir(dir)
	if withManifest {
		if err := os.WriteFile(manifestFile, appYML, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	cfg, err := ParseConfig(map[string]string{"PRCOACH_DATABASE_URL": "sqlite:" + filepath.Join(dir, "prcoach.db"),
		"PRCOACH_PUBLIC_URL": base, "GITHUB_API_URL": apiURL, "PRCOACH_LOG_PRIVATE_HOSTS": "true"})
	if err != nil {
		t.Fatal(err)
	}
	cfg.RetryBase, cfg.Clock = 10*time.Millisecond, &fakeClock{}
	return startOn(t, cfg, ln)
}

// noRedirects is a client that reports redirects instead of following them.
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func send(t *testing.T, method, target string, form url.Values) (code int, location, body string) {
	t.Helper()
	var resp *http.Response
	var err error
	if method == http.MethodPost {
		resp, err = noRedirects.PostForm(target, form)
	} else {
		resp, err = noRedirects.Get(target)
	}
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	defer resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Location"), readAll(resp)
}

func readAll(resp *http.Response) string {
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

var (
	formAction  = regexp.MustCompile(`<form method="post" action="([^"]+)" class="register">`)
	manifestVal = regexp.MustCompile(`name="manifest" value="([^"]*)"`)
)

// setupForm reads the registration form from the setup page.
func setupForm(t *testing.T, page string) (action string, manifest map[string]any) {
	t.Helper()
	a, m := formAction.FindStringSubmatch(page), manifestVal.FindStringSubmatch(page)
	if a == nil || m == nil {
		t.Fatalf("setup page has no registration form:\n%s", page)
	}
	if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &manifest); err != nil {
		t.Fatalf("manifest field is not JSON: %v", err)
	}
	return html.UnescapeString(a[1]), manifest
}

func TestSetupRegistersTheAppAndServesWebhooksWithoutRestart(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	fake.SeedFailingPR(goTestLog)
	reg := newRegistrar(t, fake)
	payload := fixture(t, "webhooks/check_run_failure.json") // before the test leaves the package directory
	r := startUnconfigured(t, reg.URL+"/", true)

	code, _, page := send(t, http.MethodGet, r.URL+"/setup", nil)
	if code != http.StatusOK {
		t.Fatalf("GET /setup: %d", code)
	}
	action, manifest := setupForm(t, page)
	if !strings.HasPrefix(action, reg.URL+"/settings/apps/new?state=") {
		t.Errorf("form posts to %s, want GitHub's new-app page on %s", action, reg.URL)
	}
	var appYML struct {
		Events []string          `yaml:"default_events"`
		Perms  map[string]string `yaml:"default_permissions"`
	}
	data, _ := os.ReadFile(manifestFile)
	if err := yaml.Unmarshal(data, &appYML); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"hook_url": r.URL + "/webhook", "redirect_url": r.URL + "/setup/callback",
		"events": toAny(appYML.Events), "permissions": toAnyMap(appYML.Perms)}
	got := map[string]any{"hook_url": manifest["hook_attributes"].(map[string]any)["url"],
		"redirect_url": manifest["redirect_url"], "events": manifest["default_events"], "permissions": manifest["default_permissions"]}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("manifest (-want +got):\n%s", diff)
	}

	// The browser posts the form to GitHub, which sends it back with a code.
	code, back, _ := send(t, http.MethodPost, action, url.Values{"manifest": {mustJSON(t, manifest)}})
	if code != http.StatusFound || !strings.HasPrefix(back, r.URL+"/setup/callback?code=") {
		t.Fatalf("GitHub's answer: %d to %q", code, back)
	}
	code, next, body := send(t, http.MethodGet, back, nil)
	if want := reg.URL + "/apps/" + registeredSlug + "/installations/new"; code != http.StatusSeeOther || next != want {
		t.Fatalf("callback: %d to %q, want 303 to %s\n%s", code, next, want, body)
	}
	_, _, conversions := reg.seen()
	if len(conversions) != 1 || conversions[0].Method != http.MethodPost || conversions[0].Auth != "" {
		t.Errorf("conversions = %+v, want one unauthenticated POST", conversions)
	}

	info, err := os.Stat(dotenvFile)
	if err != nil {
		t.Fatalf(".env: %v", err)
	}
	if mode := info.Mode().Perm(); mode != 0o600 {
		t.Errorf(".env mode %o, want 600", mode)
	}
	vars, err := readDotenv(dotenvFile)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"GITHUB_APP_ID": fmt.Sprint(registeredAppID),
		"GITHUB_PRIVATE_KEY": testKey(), "GITHUB_WEBHOOK_SECRET": registeredHook}, vars); diff != "" {
		t.Errorf(".env (-want +got):\n%s", diff)
	}
	if _, err := ParseConfig(vars); err != nil {
		t.Errorf("the written .env does not make a valid configuration: %v", err)
	}

	// Setup is closed: the page, and the same callback replayed.
	if code, _, _ := send(t, http.MethodGet, r.URL+"/setup", nil); code != http.StatusNotFound {
		t.Errorf("GET /setup after setup: %d, want 404", code)
	}
	if code, _, _ := send(t, http.MethodGet, back, nil); code != http.StatusNotFound {
		t.Errorf("callback replayed after setup: %d, want 404", code)
	}

	// Webhooks signed with the new secret are served and processed, with no restart.
	id := newDeliveryID()
	if code := post(t, r.URL, "check_run", id, payload, Sign([]byte(registeredHook), payload)); code != http.StatusAccepted {
		t.Fatalf("delivery signed with the new secret: %d, want 202", code)
	}
	waitFor(t, 20*time.Second, "the delivery to finish", func() bool {
		status, _, _ := r.deliveryStatus(t, id)
		return status == statusDone || status == statusDead || status == statusFailed
	})
	if status, outcome, _ := r.deliveryStatus(t, id); status != statusDone || len(fake.Comments(testOwner, testRepo, 7)) != 1 {
		t.Errorf("delivery %s (%s), %d comments; want done and one comment", status, outcome, len(fake.Comments(testOwner, testRepo, 7)))
	}
	if logs := r.logs.String(); strings.Contains(logs, registeredHook) || strings.Contains(logs, "PRIVATE KEY") {
		t.Errorf("the logs carry the new app's secrets")
	}
}

func TestSetupCallbackRefusesBadStatesAndFailedExchanges(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	reg := newRegistrar(t, fake)
	r := startUnconfigured(t, reg.URL+"/", true)
	validState := func() string {
		_, _, page := send(t, http.MethodGet, r.URL+"/setup", nil)
		action, _ := setupForm(t, page)
		u, _ := url.Parse(action)
		return u.Query().Get("state")
	}
	expired := validState()
	r.cfg.Clock.Sleep(context.Background(), web.StateTTL) // the app's clock moves past its expiry
	reg.addCode("goodcode")

	tests := []struct {
		name        string
		code, state string
		wantStatus  int
		wantCalls   int
	}{
		{"unknown state", "goodcode", "not-a-state", http.StatusBadRequest, 0},
		{"no state", "goodcode", "", http.StatusBadRequest, 0},
		{"expired state", "goodcode", expired, http.StatusBadRequest, 0},
		{"code that is no path segment", "../../user", validState(), http.StatusBadRequest, 0},
		{"code GitHub does not know", "unknown", validState(), http.StatusBadGateway, 1},
	}
	calls := 0
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			target := r.URL + "/setup/callback?" + url.Values{"code": {tc.code}, "state": {tc.state}}.Encode()
			if code, _, body := send(t, http.MethodGet, target, nil); code != tc.wantStatus {
				t.Errorf("status %d, want %d\n%s", code, tc.wantStatus, body)
			}
			calls += tc.wantCalls
			if _, _, conv := reg.seen(); len(conv) != calls {
				t.Errorf("%d code exchanges, want %d", len(conv), calls)
			}
			if _, err := os.Stat(dotenvFile); !os.IsNotExist(err) {
				t.Errorf(".env written after a refused callback (%v)", err)
			}
			if r.configured.Load() {
				t.Errorf("configured after a refused callback")
			}
		})
	}
	body := []byte(`{"action":"completed"}`)
	if code := post(t, r.URL, "check_run", newDeliveryID(), body, Sign([]byte(""), body)); code != http.StatusServiceUnavailable {
		t.Errorf("webhook after refused callbacks: %d, want 503", code)
	}
}

func TestSetupPageForOrganisationsAndAccess(t *testing.T) {
	r := startUnconfigured(t, "https://ghe.example.com/api/v3/", false)
	tests := []struct {
		name, query string
		header      http.Header
		wantStatus  int
		wantAction  string // prefix
		wantText    string
	}{
		{"personal account on GHES", "", nil, 200, "https://ghe.example.com/settings/apps/new?state=", "on your personal account"},
		{"organisation", "?org=octo-org", nil, 200, "https://ghe.example.com/organizations/octo-org/settings/apps/new?state=", "in the organisation"},
		{"organisation name GitHub would refuse", "?org=" + url.QueryEscape("a/../b"), nil, 200,
			"https://ghe.example.com/settings/apps/new?state=", "is not an organisation name"},
		{"relayed by a proxy", "", http.Header{"X-Forwarded-For": {"203.0.113.9"}}, 403, "", "on this machine only"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, r.URL+"/setup"+tc.query, nil)
			for k, v := range tc.header {
				req.Header[k] = v
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			page := readAll(resp)
			resp.Body.Close()
			if resp.StatusCode != tc.wantStatus || !strings.Contains(html.UnescapeString(page), tc.wantText) {
				t.Fatalf("status %d, want %d with %q:\n%s", resp.StatusCode, tc.wantStatus, tc.wantText, page)
			}
			if tc.wantAction == "" {
				return
			}
			if action, _ := setupForm(t, page); !strings.HasPrefix(action, tc.wantAction) {
				t.Errorf("form posts to %s, want %s…", action, tc.wantAction)
			}
			if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "form-action 'self' https://ghe.example.com;") {
				t.Errorf("CSP does not let the form post to GitHub: %s", csp)
			}
		})
	}
}

func TestLoadManifest(t *testing.T) {
	appYML, err := os.ReadFile("../app.yml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	fromFile, err := loadManifest(write("app.yml", appYML), "https://coach.example.com/")
	if err != nil {
		t.Fatal(err)
	}
	built, err := loadManifest(filepath.Join(dir, "absent.yml"), "https://coach.example.com")
	if err != nil {
		t.Fatal(err)
	}
	if fromFile.HookAttributes.URL != "https://coach.example.com/webhook" || fromFile.RedirectURL != "https://coach.example.com/setup/callback" {
		t.Errorf("addresses not pointed at the server: %+v, %s", fromFile.HookAttributes, fromFile.RedirectURL)
	}
	// Built from the handlers, the manifest asks for what app.yml asks for.
	type needs struct {
		Events []string
		Perms  map[string]string
	}
	if diff := cmp.Diff(needs{fromFile.DefaultEvents, fromFile.DefaultPermissions}, needs{built.DefaultEvents, built.DefaultPermissions}); diff != "" {
		t.Errorf("built manifest differs from app.yml (-app.yml +built):\n%s", diff)
	}
	foreign := write("probot.yml", []byte("name: Some other app\ndefault_events:\n  - issues\n"))
	if _, err := loadManifest(foreign, "https://coach.example.com"); err == nil || !strings.Contains(err.Error(), "check_run") {
		t.Errorf("another app's manifest: err = %v, want one naming the missing events", err)
	}
}

func toAny(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

func toAnyMap(m map[string]string) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSetupThatCannotWriteDotenvStillConnectsAndSaysSo(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	reg := newRegistrar(t, fake)
	r := startUnconfigured(t, reg.URL+"/", true)
	if err := os.Mkdir(dotenvFile, 0o755); err != nil { // a directory where .env should be
		t.Fatal(err)
	}
	_, _, page := send(t, http.MethodGet, r.URL+"/setup", nil)
	action, manifest := setupForm(t, page)
	_, back, _ := send(t, http.MethodPost, action, url.Values{"manifest": {mustJSON(t, manifest)}})
	code, _, body := send(t, http.MethodGet, back, nil)
	body = html.UnescapeString(body)
	if code != http.StatusInternalServerError || !strings.Contains(body, "the credentials were not saved") ||
		!strings.Contains(body, "/apps/"+registeredSlug+"/installations/new") {
		t.Errorf("callback: %d, want 500 saying the credentials were not saved, with the install link:\n%s", code, body)
	}
	if !r.configured.Load() {
		t.Errorf("not serving the registered app")
	}
	if strings.Contains(body, registeredHook) || strings.Contains(body, "PRIVATE KEY") {
		t.Errorf("the page shows the app's secrets")
	}
}
