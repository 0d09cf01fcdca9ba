package app

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// routes builds the echo server with every route DESIGN.md names.
func (a *App) routes() *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.Use(middleware.Recover())
	wh := &webhook{
		secrets: func() [][]byte { return *a.secrets.Load() },
		accepts: a.router.accepts,
		intake:  a.intake,
		logger:  a.logger,
		metrics: a.metrics,
	}
	e.POST("/webhook", wh.serve)
	e.GET("/healthz", func(c echo.Context) error { return c.String(http.StatusOK, "ok\n") })
	e.GET("/readyz", a.readyz)
	e.GET("/metrics", echo.WrapHandler(promhttp.HandlerFor(a.metrics.reg, promhttp.HandlerOpts{})))
	e.GET("/", a.home)
	return e
}

// readyz answers 200 when the store answers and the workers run.
func (a *App) readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	if err := a.store.Ping(ctx); err != nil {
		return c.String(http.StatusServiceUnavailable, "store unreachable\n")
	}
	if !a.running.Load() {
		return c.String(http.StatusServiceUnavailable, "workers not running\n")
	}
	return c.String(http.StatusOK, "ready\n")
}

// home is a plain status page until the dashboard exists.
func (a *App) home(c echo.Context) error {
	var b strings.Builder
	fmt.Fprintf(&b, "PR Coach %s\n\n", a.cfg.Version)
	if a.cfg.HasApp() {
		fmt.Fprintf(&b, "GitHub App %d is configured; webhooks go to %s/webhook.\n", a.cfg.AppID, strings.TrimSuffix(a.cfg.PublicURL, "/"))
	} else {
		b.WriteString("No GitHub App is configured yet. Set GITHUB_APP_ID, GITHUB_PRIVATE_KEY (or GITHUB_PRIVATE_KEY_PATH)\n" +
			"and GITHUB_WEBHOOK_SECRET in the environment or in .env, then restart. README.md explains each step.\n")
	}
	if counts, err := a.store.countDeliveries(c.Request().Context()); err == nil {
		fmt.Fprintf(&b, "\nDeliveries kept: %d done, %d queued, %d failed, %d dead-lettered.\n",
			counts[statusDone], counts[statusQueued], counts[statusFailed], counts[statusDead])
	}
	return c.String(http.StatusOK, b.String())
}

// webURL derives the GitHub web address from the REST base: api.github.com
// becomes github.com, and https://HOST/api/v3/ becomes https://HOST.
func webURL(apiURL string) string {
	u, err := url.Parse(apiURL)
	if err != nil {
		return "https://github.com"
	}
	if u.Host == "api.github.com" {
		return "https://github.com"
	}
	u.Path = strings.TrimSuffix(strings.TrimSuffix(u.Path, "/"), "/api/v3")
	return strings.TrimSuffix(u.String(), "/")
}
