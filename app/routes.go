package app

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// routes builds the echo server and every route it serves (webhook intake,
// health, readiness, metrics, dashboard, and setup while unconfigured).
func (a *App) routes() *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.Use(middleware.Recover())
	wh := &webhook{
		secrets: func() [][]byte { return *a.secrets.Load() },
		accepts: a.accepts,
		known:   func(event string) bool { return a.live.Load().handles(event) },
		intake:  a.intake,
		logger:  a.logger,
		metrics: a.metrics,
		budget:  &byteBudget{limit: bodyBudget},
	}
	e.POST("/webhook", wh.serve)
	e.GET("/healthz", func(c echo.Context) error { return c.String(http.StatusOK, "ok\n") })
	e.GET("/readyz", a.readyz)
	e.GET("/metrics", echo.WrapHandler(promhttp.HandlerFor(a.metrics.reg, promhttp.HandlerOpts{})))
	a.webRoutes(e)
	return e
}

// readyz answers 200 when the store answers and can write (its write probe
// and the intake's last commits succeeded, and the disk has room) and the
// workers run.
func (a *App) readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	if err := a.store.Ping(ctx); err != nil {
		return c.String(http.StatusServiceUnavailable, "store unreachable\n")
	}
	if p := a.store.Problem(time.Now()); p != "" {
		return c.String(http.StatusServiceUnavailable, p+"\n")
	}
	if !a.running.Load() {
		return c.String(http.StatusServiceUnavailable, "workers not running\n")
	}
	return c.String(http.StatusOK, "ready\n")
}

// webURL derives the GitHub web address from the REST base: api.github.com
// becomes github.com, api.NAME.ghe.com (GitHub Enterprise Cloud with data
// residency) becomes NAME.ghe.com, and https://HOST/api/v3/ becomes
// https://HOST, its port kept.
func webURL(apiURL string) string {
	u, err := url.Parse(apiURL)
	if err != nil {
		return "https://github.com"
	}
	if u.Host == "api.github.com" {
		return "https://github.com"
	}
	if rest, ok := strings.CutPrefix(strings.ToLower(u.Host), "api."); ok && strings.HasSuffix(rest, ".ghe.com") {
		return "https://" + rest
	}
	u.Path = strings.TrimSuffix(strings.TrimSuffix(u.Path, "/"), "/api/v3")
	return strings.TrimSuffix(u.String(), "/")
}
