package app

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/bradleyfalzon/ghinstallation/v2"
	"github.com/google/go-github/v60/github"
)

// githubClients hands out one cached client per installation. Each has its
// own installationTransport, so an installation's requests are serialised
// and rate-limited apart from every other installation's.
type githubClients struct {
	appID int64
	// jwt signs the app's JWT once per nine minutes for every installation,
	// so retries while GitHub is unreachable cost no RSA signature each.
	jwt     *jwtCache
	apiURL  *url.URL
	base    http.RoundTripper
	clock   Clock
	metrics *metrics

	// shared keeps rate-limit waits and write pacing where every replica
	// sees them; nil keeps them in this process.
	shared sharedLimits

	mu     sync.Mutex
	byInst map[int64]*github.Client
	// login is the app's bot login, learned once from GET /app; setup
	// knows it from the start.
	login string
}

func newGitHubClients(cfg Config, base http.RoundTripper, clock Clock, m *metrics) (*githubClients, error) {
	u, err := url.Parse(cfg.APIURL)
	if err != nil {
		return nil, fmt.Errorf("GITHUB_API_URL: %w", err)
	}
	jc, err := newJWTCache(cfg.AppID, []byte(cfg.PrivateKey), clock)
	if err != nil {
		return nil, err
	}
	return &githubClients{appID: cfg.AppID, jwt: jc, apiURL: u, base: base,
		clock: clock, metrics: m, byInst: map[int64]*github.Client{}}, nil
}

// Installation returns the client for installation id, creating it once.
func (g *githubClients) Installation(id int64) (*github.Client, error) {
	if id == 0 {
		return nil, fmt.Errorf("the delivery names no installation")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if c, ok := g.byInst[id]; ok {
		return c, nil
	}
	tr := &installationTransport{base: g.base, clock: g.clock, metrics: g.metrics, shared: g.shared, installation: id}
	// ghinstallation wants the base without its trailing slash.
	atr, err := g.jwt.appsTransport(tr, strings.TrimSuffix(g.apiURL.String(), "/"))
	if err != nil {
		return nil, err
	}
	itr := ghinstallation.NewFromAppsTransport(atr, id)
	c := github.NewClient(&http.Client{Transport: itr, Timeout: 60 * time.Second})
	// Set directly rather than WithEnterpriseURLs, which would append /api/v3/
	// to an address that already is the REST base.
	c.BaseURL = g.apiURL
	c.UploadURL = g.apiURL
	g.byInst[id] = c
	return c, nil
}

// AppLogin returns the app's bot login ("slug[bot]"), asking GitHub once
// with the app's JWT; the handlers trust markers only on its comments.
func (g *githubClients) AppLogin(ctx context.Context) (string, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.login != "" {
		return g.login, nil
	}
	atr, err := g.jwt.appsTransport(g.base, strings.TrimSuffix(g.apiURL.String(), "/"))
	if err != nil {
		return "", err
	}
	c := github.NewClient(&http.Client{Transport: atr, Timeout: 30 * time.Second})
	c.BaseURL = g.apiURL
	app, _, err := c.Apps.Get(ctx, "")
	if err != nil {
		return "", fmt.Errorf("reading the app: %w", err)
	}
	if app.GetSlug() == "" {
		return "", fmt.Errorf("reading the app: GitHub named no slug")
	}
	g.login = app.GetSlug() + "[bot]"
	return g.login, nil
}
