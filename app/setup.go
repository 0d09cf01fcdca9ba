package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/labstack/echo/v4"

	"github.com/prcoach/prcoach/app/web"
	"github.com/prcoach/prcoach/handlers"
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

// setupFlow is the manifest flow: it serves /setup and /setup/callback
// while the server has no GitHub App, registers one with GitHub, and hands
// the configuration for it to onAdopt. It reads nothing of the app but
// what it is given.
type setupFlow struct {
	// cfg is the server's configuration without an app; the one handed
	// over is cfg with the registered app's credentials.
	cfg    Config
	logger *slog.Logger
	pages  pageWriter
	// configured reports whether the server has a GitHub App; setup is
	// closed once it has.
	configured func() bool
	// onAdopt switches the server to cfg, the registered app's
	// configuration; login is its bot login, "" when GitHub did not say.
	onAdopt func(cfg Config, login string) error

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

// pageWriter writes the server's pages; App is one.
type pageWriter interface {
	pageFrame(title string) web.Page
	render(c echo.Context, status int, name string, data any, formTarget string) error
	message(c echo.Context, status int, heading string, lines []string, link, linkText string) error
}

// registeredApp is what the dashboard shows of an app registered by setup.
type registeredApp struct {
	Name, HTMLURL string
}

// registered is the app setup registered, zero until it has.
func (f *setupFlow) registered() registeredApp {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.app
}

// setRegistered records the app setup registered.
func (f *setupFlow) setRegistered(r registeredApp) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.app = r
}

// adoptedConfig is base with the credentials of the app conv describes.
func adoptedConfig(base Config, conv *github.AppConfig) Config {
	cfg := base
	cfg.AppID, cfg.PrivateKey, cfg.PrivateKeyPath = conv.GetID(), conv.GetPEM(), ""
	cfg.WebhookSecret, cfg.WebhookSecretPrevious = conv.GetWebhookSecret(), ""
	return cfg
}

// botLogin is the bot login of the app conv describes, "" without a slug.
func botLogin(conv *github.AppConfig) string {
	if conv.GetSlug() == "" {
		return ""
	}
	return conv.GetSlug() + "[bot]"
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
func (f *setupFlow) page(c echo.Context) error {
	if f.configured() {
		return f.closed(c)
	}
	page := web.SetupPage{Page: f.pages.pageFrame("Set up"), Host: webURL(f.cfg.APIURL),
		PublicURL: strings.TrimSuffix(f.cfg.PublicURL, "/")}
	page.LocalOnly = isLocalURL(page.PublicURL)
	if org := strings.TrimSpace(c.QueryParam("org")); org != "" {
		if githubLogin.MatchString(org) {
			page.Org = org
		} else {
			page.OrgError = fmt.Sprintf("%q is not an organisation name GitHub allows: letters, digits and single hyphens, at most 39.", org)
		}
	}
	m, err := loadManifest(manifestFile, f.cfg.PublicURL)
	if err != nil {
		f.logger.Error("setup: cannot build the app manifest", handlers.LogError, err)
		return f.pages.message(c, http.StatusInternalServerError, "The app manifest could not be read",
			[]string{err.Error(), "Fix app.yml in the working directory, or remove it to use the built-in manifest."}, "", "")
	}
	state, err := f.states.New(f.cfg.Clock.Now())
	if err != nil {
		return err
	}
	body, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("encoding the manifest: %w", err)
	}
	page.Action, page.Manifest, page.Source = newAppURL(f.cfg.APIURL, page.Org, state), string(body), m.source
	page.Events, page.Permissions = m.DefaultEvents, m.permissionList()
	return f.pages.render(c, http.StatusOK, "setup", page, page.Host)
}

// setupCallback is where GitHub sends the browser back with a code: it
// exchanges the code for the app's credentials, keeps them in .env, and
// starts serving webhooks with them, then sends the person on to install
// the app on repositories.
func (f *setupFlow) callback(c echo.Context) error {
	if f.configured() {
		return f.closed(c)
	}
	code, state := c.QueryParam("code"), c.QueryParam("state")
	if !f.states.Take(state, f.cfg.Clock.Now()) {
		return f.pages.message(c, http.StatusBadRequest, "This setup link has expired or was already used",
			[]string{"Nothing was changed. Open the setup page again to register the app."}, "/setup", "Back to setup")
	}
	if !manifestCode.MatchString(code) {
		return f.pages.message(c, http.StatusBadRequest, "GitHub's answer did not carry a usable code",
			[]string{"Nothing was changed. Open the setup page again to register the app."}, "/setup", "Back to setup")
	}
	f.converting.Lock()
	defer f.converting.Unlock()
	if f.configured() {
		return f.closed(c)
	}
	ctx, cancel := context.WithTimeout(c.Request().Context(), 30*time.Second)
	defer cancel()
	conv, err := f.convertManifest(ctx, code)
	if err != nil {
		f.logger.Warn("setup: GitHub did not complete the registration", handlers.LogError, err)
		return f.pages.message(c, http.StatusBadGateway, "GitHub did not complete the registration",
			[]string{err.Error(), "A code works once and for an hour. Nothing was changed; open the setup page to try again."},
			"/setup", "Back to setup")
	}
	return f.finish(c, conv)
}

// finishSetup keeps the credentials and switches the server over to them.
func (f *setupFlow) finish(c echo.Context, conv *github.AppConfig) error {
	writeErr := writeDotenv(dotenvFile, map[string]string{
		"GITHUB_APP_ID":         strconv.FormatInt(conv.GetID(), 10),
		"GITHUB_PRIVATE_KEY":    conv.GetPEM(),
		"GITHUB_WEBHOOK_SECRET": conv.GetWebhookSecret(),
	})
	f.setRegistered(registeredApp{Name: conv.GetName(), HTMLURL: conv.GetHTMLURL()})
	if err := f.onAdopt(adoptedConfig(f.cfg, conv), botLogin(conv)); err != nil {
		f.setRegistered(registeredApp{})
		return err
	}
	f.logger.Info("GitHub App registered through setup; serving webhooks", "app_id", conv.GetID(), "app_slug", conv.GetSlug())
	install := strings.TrimSuffix(conv.GetHTMLURL(), "/") + "/installations/new"
	if writeErr != nil {
		f.logger.Error("setup: the credentials could not be written to .env", handlers.LogError, writeErr)
		return f.pages.message(c, http.StatusInternalServerError, "Connected, but the credentials were not saved",
			[]string{"PR Coach is serving webhooks for the new app now, but " + writeErr.Error() + ".",
				"Before the next restart, generate a private key on the app's settings page and set GITHUB_APP_ID, " +
					"GITHUB_PRIVATE_KEY and GITHUB_WEBHOOK_SECRET yourself."}, install, "Install the app on repositories")
	}
	return c.Redirect(http.StatusSeeOther, install)
}

// convertManifest exchanges a manifest code for the new app's credentials
// (POST app-manifests/{code}/conversions, which needs no authentication).
func (f *setupFlow) convertManifest(ctx context.Context, code string) (*github.AppConfig, error) {
	base, err := url.Parse(f.cfg.APIURL)
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
func (f *setupFlow) closed(c echo.Context) error {
	return f.pages.message(c, http.StatusNotFound, "Setup is closed",
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
