package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/labstack/echo/v4"
	"go.yaml.in/yaml/v3"

	"github.com/prcoach/prcoach/app/web"
	"github.com/prcoach/prcoach/handlers"
	"github.com/prcoach/prcoach/store"
)

// dotenvFile is where the setup flow keeps the credentials: the .env in the
// working directory, the file cmd/prcoach reads at startup.
const dotenvFile = ".env"

var (
	// githubLogin is a user or organisation login as GitHub allows them.
	githubLogin = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9]|-[A-Za-z0-9]){0,38}$`)
	// manifestCode is the shape of the code GitHub returns; it becomes a path segment.
	manifestCode = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)
)

// setupFlow is the manifest flow's memory: the states handed to setup
// pages and the app registered through it.
type setupFlow struct {
	// states are the one-time states of setup pages: in memory on SQLite,
	// in the database when replicas share one, so the callback may reach
	// any of them.
	states setupStates
	mu     sync.Mutex
	app    registeredApp
	// converting serialises code exchanges, so two tabs cannot both
	// register and race to configure the server.
	converting sync.Mutex
}

// setupStates hands out and takes setup pages' one-time states.
type setupStates interface {
	New(now time.Time) (string, error)
	Take(state string, now time.Time) bool
}

// dbStates keeps setup states in the database.
type dbStates struct {
	store *store.Store
}

// New implements setupStates.
func (d dbStates) New(now time.Time) (string, error) {
	var b [24]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("making a state: %w", err)
	}
	state := hex.EncodeToString(b[:])
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return state, d.store.PutSetupState(ctx, state, now, now.Add(web.StateTTL), web.MaxStates)
}

// Take implements setupStates; a database that does not answer takes nothing.
func (d dbStates) Take(state string, now time.Time) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	ok, err := d.store.TakeSetupState(ctx, state, now)
	return ok && err == nil
}

// registeredApp is what the dashboard shows of an app registered by setup.
type registeredApp struct {
	Name, HTMLURL string
}

func (f *setupFlow) registered() registeredApp {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.app
}

// newAppURL is GitHub's page for registering an app from a manifest, on the
// person's account or an organisation's, on github.com or the GHES host
// apiURL belongs to.
func newAppURL(apiURL, org, state string) string {
	path := "/settings/apps/new"
	if org != "" {
		path = "/organizations/" + url.PathEscape(org) + path
	}
	return webURL(apiURL) + path + "?state=" + url.QueryEscape(state)
}

// setupPage serves the one-button registration page while unconfigured.
func (a *App) setupPage(c echo.Context) error {
	if a.configured.Load() {
		return a.setupClosed(c)
	}
	page := web.SetupPage{Page: a.pageFrame("Set up"), Host: webURL(a.cfg.APIURL),
		PublicURL: strings.TrimSuffix(a.cfg.PublicURL, "/")}
	page.LocalOnly = isLocalURL(page.PublicURL)
	if org := strings.TrimSpace(c.QueryParam("org")); org != "" {
		if githubLogin.MatchString(org) {
			page.Org = org
		} else {
			page.OrgError = fmt.Sprintf("%q is not an organisation name GitHub allows: letters, digits and single hyphens, at most 39.", org)
		}
	}
	m, err := loadManifest(manifestFile, a.cfg.PublicURL)
	if err != nil {
		a.logger.Error("setup: cannot build the app manifest", "error", err)
		return a.message(c, http.StatusInternalServerError, "The app manifest could not be read",
			[]string{err.Error(), "Fix app.yml in the working directory, or remove it to use the built-in manifest."}, "", "")
	}
	state, err := a.setup.states.New(a.cfg.Clock.Now())
	if err != nil {
		return err
	}
	body, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("encoding the manifest: %w", err)
	}
	page.Action, page.Manifest, page.Source = newAppURL(a.cfg.APIURL, page.Org, state), string(body), m.source
	page.Events, page.Permissions = m.DefaultEvents, m.permissionList()
	return a.render(c, http.StatusOK, "setup", page, page.Host)
}

// setupCallback is where GitHub sends the browser back with a code: it
// exchanges the code for the app's credentials, keeps them in .env, and
// starts serving webhooks with them, then sends the person on to install
// the app on repositories.
func (a *App) setupCallback(c echo.Context) error {
	if a.configured.Load() {
		return a.setupClosed(c)
	}
	code, state := c.QueryParam("code"), c.QueryParam("state")
	if !a.setup.states.Take(state, a.cfg.Clock.Now()) {
		return a.message(c, http.StatusBadRequest, "This setup link has expired or was already used",
			[]string{"Nothing was changed. Open the setup page again to register the app."}, "/setup", "Back to setup")
	}
	if !manifestCode.MatchString(code) {
		return a.message(c, http.StatusBadRequest, "GitHub's answer did not carry a usable code",
			[]string{"Nothing was changed. Open the setup page again to register the app."}, "/setup", "Back to setup")
	}
	a.setup.converting.Lock()
	defer a.setup.converting.Unlock()
	if a.configured.Load() {
		return a.setupClosed(c)
	}
	ctx, cancel := context.WithTimeout(c.Request().Context(), 30*time.Second)
	defer cancel()
	conv, err := a.convertManifest(ctx, code)
	if err != nil {
		a.logger.Warn("setup: GitHub did not complete the registration", "error", err)
		return a.message(c, http.StatusBadGateway, "GitHub did not complete the registration",
			[]string{err.Error(), "A code works once and for an hour. Nothing was changed; open the setup page to try again."},
			"/setup", "Back to setup")
	}
	return a.finishSetup(c, conv)
}

// finishSetup keeps the credentials and switches the server over to them.
func (a *App) finishSetup(c echo.Context, conv *github.AppConfig) error {
	writeErr := writeDotenv(dotenvFile, map[string]string{
		"GITHUB_APP_ID":         strconv.FormatInt(conv.GetID(), 10),
		"GITHUB_PRIVATE_KEY":    conv.GetPEM(),
		"GITHUB_WEBHOOK_SECRET": conv.GetWebhookSecret(),
	})
	if err := a.adoptApp(conv); err != nil {
		return err
	}
	a.logger.Info("GitHub App registered through setup; serving webhooks", "app_id", conv.GetID(), "app_slug", conv.GetSlug())
	install := strings.TrimSuffix(conv.GetHTMLURL(), "/") + "/installations/new"
	if writeErr != nil {
		a.logger.Error("setup: the credentials could not be written to .env", "error", writeErr)
		return a.message(c, http.StatusInternalServerError, "Connected, but the credentials were not saved",
			[]string{"PR Coach is serving webhooks for the new app now, but " + writeErr.Error() + ".",
				"Before the next restart, generate a private key on the app's settings page and set GITHUB_APP_ID, " +
					"GITHUB_PRIVATE_KEY and GITHUB_WEBHOOK_SECRET yourself."}, install, "Install the app on repositories")
	}
	return c.Redirect(http.StatusSeeOther, install)
}

// convertManifest exchanges a manifest code for the new app's credentials
// (POST app-manifests/{code}/conversions, which needs no authentication).
func (a *App) convertManifest(ctx context.Context, code string) (*github.AppConfig, error) {
	base, err := url.Parse(a.cfg.APIURL)
	if err != nil {
		return nil, fmt.Errorf("GITHUB_API_URL: %w", err)
	}
	gh := github.NewClient(&http.Client{Timeout: 30 * time.Second})
	gh.BaseURL, gh.UploadURL = base, base
	conv, _, err := gh.Apps.CompleteAppManifest(ctx, code)
	if err != nil {
		return nil, fmt.Errorf("exchanging the code: %w", err)
	}
	switch {
	case conv.GetID() == 0:
		return nil, errors.New("GitHub's answer names no app ID")
	case conv.GetWebhookSecret() == "":
		return nil, errors.New("GitHub's answer carries no webhook secret")
	}
	if err := checkPrivateKey(conv.GetPEM()); err != nil {
		return nil, fmt.Errorf("GitHub's answer carries no usable private key: %w", err)
	}
	return conv, nil
}

// setupClosed answers setup requests once the server has an app.
func (a *App) setupClosed(c echo.Context) error {
	return a.message(c, http.StatusNotFound, "Setup is closed",
		[]string{"This server already has a GitHub App. To register another, remove its credentials and restart."}, "/", "Open the dashboard")
}

// isLocalURL reports whether GitHub could not reach u from the internet.
func isLocalURL(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return true
	}
	h := p.Hostname()
	return h == "localhost" || strings.HasPrefix(h, "127.") || h == "::1" || h == "0.0.0.0"
}

// manifestFile is the GitHub App manifest the setup page registers from,
// read from the working directory.
const manifestFile = "app.yml"

// appManifest is the manifest the setup page posts: app.yml's fields, with
// the webhook and redirect addresses pointed at this server.
type appManifest struct {
	Name               string            `yaml:"name" json:"name"`
	URL                string            `yaml:"url" json:"url"`
	Description        string            `yaml:"description" json:"description,omitempty"`
	Public             bool              `yaml:"public" json:"public"`
	HookAttributes     hookAttributes    `yaml:"hook_attributes" json:"hook_attributes"`
	RedirectURL        string            `yaml:"-" json:"redirect_url"`
	DefaultPermissions map[string]string `yaml:"default_permissions" json:"default_permissions"`
	DefaultEvents      []string          `yaml:"default_events" json:"default_events"`
	// source says where the manifest came from, for the setup page.
	source string
}

type hookAttributes struct {
	URL    string `yaml:"url" json:"url"`
	Active bool   `yaml:"active" json:"active"`
}

// loadManifest builds the manifest for a server at publicURL. It is
// app.yml from path when that file exists: the repository's manifest,
// which manifest_test.go keeps in step with the handlers. It must then ask
// for every event the handlers take, which also catches another project's
// app.yml in the working directory. Without the file, as when the binary
// runs elsewhere, the same manifest is built from the handlers' own events
// and permissions.
func loadManifest(path, publicURL string) (appManifest, error) {
	handled, perms := handlerNeeds()
	m := appManifest{Name: "PR Coach", URL: "https://github.com/prcoach/prcoach", DefaultPermissions: perms,
		DefaultEvents: handled, source: "the handlers' events and permissions (no app.yml in the working directory)"}
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return m, fmt.Errorf("reading %s: %w", path, err)
	default:
		m = appManifest{source: path}
		if err := yaml.Unmarshal(data, &m); err != nil {
			return m, fmt.Errorf("%s: %w", path, err)
		}
		if missing := missingEvents(handled, m.DefaultEvents); len(missing) > 0 {
			return m, fmt.Errorf("%s does not ask for the events %s that PR Coach handles; is it PR Coach's app.yml?",
				path, strings.Join(missing, ", "))
		}
	}
	base := strings.TrimSuffix(publicURL, "/")
	m.HookAttributes = hookAttributes{URL: base + "/webhook", Active: true}
	m.RedirectURL = base + "/setup/callback"
	return m, nil
}

// handlerNeeds is the union of what the handlers take: their events, and
// their permissions plus the metadata every app has.
func handlerNeeds() (events []string, perms map[string]string) {
	hs := handlers.All(handlers.NewBase(handlers.Options{}))
	events = slices.DeleteFunc(newRouter(hs).events(), alwaysDelivered)
	slices.Sort(events)
	perms = map[string]string{"metadata": "read"}
	for _, h := range hs {
		for scope, level := range h.Permissions() {
			if perms[scope] != "write" {
				perms[scope] = level
			}
		}
	}
	return events, perms
}

// missingEvents lists the events of want that got lacks.
func missingEvents(want, got []string) []string {
	var out []string
	for _, e := range want {
		if !slices.Contains(got, e) {
			out = append(out, e)
		}
	}
	return out
}

// permissionList is the permissions in name order, for the setup page.
func (m appManifest) permissionList() []web.Permission {
	out := make([]web.Permission, 0, len(m.DefaultPermissions))
	for _, scope := range slices.Sorted(maps.Keys(m.DefaultPermissions)) {
		out = append(out, web.Permission{Scope: scope, Level: m.DefaultPermissions[scope]})
	}
	return out
}

// adoptApp switches the running server to the app conv describes: GitHub
// clients and handlers built with its credentials first, then its webhook
// secret, so no delivery is accepted before the handlers can act on it.
func (a *App) adoptApp(conv *github.AppConfig) error {
	cfg := a.cfg
	cfg.AppID, cfg.PrivateKey, cfg.PrivateKeyPath = conv.GetID(), conv.GetPEM(), ""
	cfg.WebhookSecret, cfg.WebhookSecretPrevious = conv.GetWebhookSecret(), ""
	gh, err := newGitHubClients(cfg, http.DefaultTransport, cfg.Clock, a.metrics)
	if err != nil {
		return err
	}
	gh.shared = a.sharedLimits()
	rec, err := newRecoverer(cfg, a.store, a.accepts, a.logger)
	if err != nil {
		return err
	}
	if conv.GetSlug() != "" {
		gh.login = conv.GetSlug() + "[bot]"
	}
	opts := a.handlerOpts
	opts.Clients = gh
	opts.Secrets = append(slices.Clone(opts.Secrets), cfg.WebhookSecret, cfg.PrivateKey)
	a.redactor.set(opts.Secrets)
	a.live.Store(newRouter(handlers.All(handlers.NewBase(opts))))
	a.setSecrets(cfg.WebhookSecret, "")
	a.recoverer.Store(rec)
	a.setup.mu.Lock()
	a.setup.app = registeredApp{Name: conv.GetName(), HTMLURL: conv.GetHTMLURL()}
	a.setup.mu.Unlock()
	a.configured.Store(true)
	return nil
}

// accepts reports whether the router in force takes event with action.
func (a *App) accepts(event, action string) bool { return a.live.Load().accepts(event, action) }

// dispatch hands a delivery to the handlers in force: those New built, or
// those the setup flow built with the app it registered.
func (a *App) dispatch(ctx context.Context, ev handlers.Event) (string, error) {
	return a.live.Load().dispatch(ctx, ev)
}
