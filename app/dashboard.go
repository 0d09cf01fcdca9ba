package app

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/prcoach/prcoach/app/web"
	"github.com/prcoach/prcoach/handlers"
	"github.com/prcoach/prcoach/handlers/tone"
)

// maxTryText bounds the text the try-it box checks; GitHub caps a comment
// at 65,536 characters.
const maxTryText = 65536

// webRoutes adds the pages: the dashboard, the try-it box, and setup. All
// but the setup callback (which a one-time state guards) and the style
// sheet answer only callers dashboardAccess lets in.
func (a *App) webRoutes(e *echo.Echo) {
	e.GET("/static/*", echo.WrapHandler(web.Static()))
	e.GET("/", a.dashboard, a.dashboardAccess)
	e.GET("/try", a.tryPage, a.dashboardAccess)
	e.POST("/try", a.tryTone, a.dashboardAccess, middleware.BodyLimit("128K"))
	e.GET("/setup", a.setupPage, a.dashboardAccess)
	e.GET("/setup/callback", a.setupCallback)
}

// dashboardAccess lets in the callers web.Access allows: loopback, and
// with PRCOACH_DASHBOARD_TOKEN set, those who carry the token.
func (a *App) dashboardAccess(next echo.HandlerFunc) echo.HandlerFunc {
	ac := web.Access{Token: a.cfg.DashboardToken}
	if u, err := url.Parse(a.cfg.PublicURL); err == nil && u.Hostname() != "" {
		ac.Hosts = []string{u.Hostname()}
	}
	return func(c echo.Context) error {
		present, ok, target := ac.Login(c.Response(), c.Request())
		switch {
		case present && ok:
			return c.Redirect(http.StatusSeeOther, target)
		case present:
			return a.message(c, http.StatusForbidden, "That is not the dashboard's token",
				[]string{"Check PRCOACH_DASHBOARD_TOKEN on the server."}, "", "")
		case ac.Allows(c.Request()):
			return next(c)
		}
		return a.message(c, http.StatusForbidden, "This page answers on this machine only",
			[]string{"Open it from the server itself, or set PRCOACH_DASHBOARD_TOKEN and open /?token=… once."}, "", "")
	}
}

// dashboard serves the status page at /.
func (a *App) dashboard(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 5*time.Second)
	defer cancel()
	page, err := a.dashboardPage(ctx, time.Now())
	if err != nil {
		a.logger.Warn("dashboard: reading the store failed", "error", err)
		return a.message(c, http.StatusInternalServerError, "The dashboard could not read its database",
			[]string{"Webhooks are unaffected. /readyz says whether the store answers."}, "/", "Try again")
	}
	return a.render(c, http.StatusOK, "dashboard", page, "")
}

// tryPage shows the try-it box on its own.
func (a *App) tryPage(c echo.Context) error {
	return a.render(c, http.StatusOK, "try", web.TryPage{Page: a.pageFrame("Try a comment")}, "")
}

// tryTone checks a review comment's tone for the person typing it. The
// text is neither stored nor logged: it lives in this request only.
func (a *App) tryTone(c echo.Context) error {
	text := c.FormValue("text")
	if len(text) > maxTryText {
		text = text[:maxTryText]
	}
	page := web.TryPage{Page: a.pageFrame("Try a comment"), Text: text}
	if strings.TrimSpace(text) != "" {
		r := tone.Assess(text, tone.DefaultThreshold)
		page.Checked, page.Tense, page.Signals = true, r.Tense, r.Signals
		page.Score = strconv.FormatFloat(r.Score, 'f', 2, 64)
		if r.Tense {
			page.Reword = tone.Reword(text)
		}
	}
	return a.render(c, http.StatusOK, "try", page, "")
}

// pageFrame is what every page shows around its content.
func (a *App) pageFrame(title string) web.Page {
	v := a.cfg.Version
	if v == "" {
		v = "dev"
	}
	return web.Page{Title: title, Version: v}
}

// render writes a page with the pages' security headers; formTarget is an
// origin forms may post to besides this server ("" for none).
func (a *App) render(c echo.Context, status int, name string, data any, formTarget string) error {
	body, err := web.Render(name, data)
	if err != nil {
		a.logger.Error("rendering a page failed", "page", name, "error", err)
		return c.String(http.StatusInternalServerError, "this page could not be rendered; the log says why\n")
	}
	web.SecurityHeaders(c.Response().Header(), formTarget)
	return c.HTMLBlob(status, body)
}

// message serves a short page: a heading, a few lines, a link on.
func (a *App) message(c echo.Context, status int, heading string, lines []string, link, linkText string) error {
	return a.render(c, status, "message", web.MessagePage{Page: a.pageFrame(heading), Heading: heading,
		Lines: lines, Link: link, LinkText: linkText}, "")
}

// Dashboard windows and bounds: every query reads a bounded slice.
const (
	activityWindow   = 30 * 24 * time.Hour
	deliveryDays     = 7
	recentDeliveries = 15
	recentSpans      = 10
	maxInstallations = 50
	maxPRActivity    = 5000
)

// dashboardPage reads what the dashboard shows: counts, names and times,
// never comment text or log content (the store keeps neither).
func (a *App) dashboardPage(ctx context.Context, now time.Time) (web.DashboardPage, error) {
	reg := a.setup.registered()
	p := web.DashboardPage{Page: a.pageFrame("Dashboard"), Configured: a.configured.Load(), App: reg.Name,
		AppURL: reg.HTMLURL, LLMMode: a.llmMode(), Window: "the last 30 days"}
	since := now.Add(-activityWindow).UnixMilli()
	var err error
	if p.Installations, err = a.store.installations(ctx); err != nil {
		return p, err
	}
	if p.Deliveries, err = a.store.deliverySummary(ctx, now); err != nil {
		return p, err
	}
	kinds, err := a.store.tally(ctx, `SELECT kind, COUNT(*) FROM prcoach_activity WHERE at >= ? GROUP BY kind`, since)
	if err != nil {
		return p, err
	}
	p.Explained, p.Answered = kinds[handlers.ActivityCheckExplained], kinds[handlers.ActivityExplained]
	suggested, edited := kinds[handlers.ActivityToneSuggested], kinds[handlers.ActivityToneEdited]
	p.Tone = web.ToneSummary{Suggested: suggested, Edited: edited, Removed: kinds[handlers.ActivityToneRemoved],
		EditedShare: web.Percent(edited, suggested)}
	explained := `FROM prcoach_activity WHERE kind = ? AND at >= ? GROUP BY `
	categories, err := a.store.tally(ctx, `SELECT category, COUNT(*) `+explained+`category
		ORDER BY COUNT(*) DESC, category LIMIT 12`, handlers.ActivityCheckExplained, since)
	if err != nil {
		return p, err
	}
	p.Categories = web.Bars("failures explained, by category", web.OrderedBars(categories))
	verdicts, err := a.store.tally(ctx, `SELECT verdict, COUNT(*) `+explained+`verdict`, handlers.ActivityCheckExplained, since)
	if err != nil {
		return p, err
	}
	p.Verdicts = web.Bars("verdicts", web.OrderedBars(verdicts, "change", "flaky", "infrastructure", "unknown"))
	wording, err := a.store.tally(ctx, `SELECT wording, COUNT(*) FROM prcoach_activity
		WHERE wording != '' AND at >= ? GROUP BY wording`, since)
	if err != nil {
		return p, err
	}
	p.Wording = web.Bars("comments worded offline or by the model", web.OrderedBars(wording, "offline", "model"))
	p.ModelShare = web.Percent(wording["model"], wording["model"]+wording["offline"])
	events, err := a.store.prActivity(ctx, since)
	if err != nil {
		return p, err
	}
	spans, stillRed := web.Spans(events)
	p.RedToGreen = web.SummariseSpans(spans, stillRed, recentSpans)
	return p, nil
}

// tally runs a two-column query (name, count) with args.
func (s *Store) tally(ctx context.Context, query string, args ...any) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("dashboard query: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, fmt.Errorf("dashboard query: %w", err)
		}
		out[k] = n
	}
	return out, rows.Err()
}

// prActivity is the reds and greens of pull requests since a moment, in
// the order web.Spans needs.
func (s *Store) prActivity(ctx context.Context, since int64) ([]web.PREvent, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT owner, repo, pr, kind, at FROM prcoach_activity
		WHERE at >= ? AND pr > 0 AND kind IN (?, ?) ORDER BY owner, repo, pr, at, id LIMIT ?`,
		since, handlers.ActivityCheckExplained, handlers.ActivityChecksGreen, maxPRActivity)
	if err != nil {
		return nil, fmt.Errorf("dashboard query: %w", err)
	}
	defer rows.Close()
	var out []web.PREvent
	for rows.Next() {
		var owner, repo, kind string
		var pr int
		var at int64
		if err := rows.Scan(&owner, &repo, &pr, &kind, &at); err != nil {
			return nil, fmt.Errorf("dashboard query: %w", err)
		}
		out = append(out, web.PREvent{PR: fmt.Sprintf("%s/%s#%d", owner, repo, pr),
			Green: kind == handlers.ActivityChecksGreen, At: time.UnixMilli(at)})
	}
	return out, rows.Err()
}

// installations lists the accounts the app is installed on. Until the
// installation table has rows, the installations seen in deliveries stand in.
func (s *Store) installations(ctx context.Context) ([]web.Installation, error) {
	out, err := s.listInstallations(ctx, `SELECT id, account, since, repositories FROM prcoach_installations
		ORDER BY since DESC LIMIT ?`, false)
	if err != nil || len(out) > 0 {
		return out, err
	}
	return s.listInstallations(ctx, `SELECT installation_id, '', MIN(received_at), COALESCE(GROUP_CONCAT(DISTINCT repository), '')
		FROM prcoach_deliveries WHERE installation_id != 0 GROUP BY installation_id ORDER BY MIN(received_at) DESC LIMIT ?`, true)
}

func (s *Store) listInstallations(ctx context.Context, query string, commaList bool) ([]web.Installation, error) {
	rows, err := s.db.QueryContext(ctx, query, maxInstallations)
	if err != nil {
		return nil, fmt.Errorf("dashboard query: %w", err)
	}
	defer rows.Close()
	var out []web.Installation
	for rows.Next() {
		var in web.Installation
		var since int64
		var repos string
		if err := rows.Scan(&in.ID, &in.Account, &since, &repos); err != nil {
			return nil, fmt.Errorf("dashboard query: %w", err)
		}
		in.Since = web.Time(time.UnixMilli(since))
		in.Repositories, in.More = web.RepositoryNames(repos, commaList, 6)
		out = append(out, in)
	}
	return out, rows.Err()
}

// deliverySummary is the kept deliveries by status, the last days' by day,
// and the newest few.
func (s *Store) deliverySummary(ctx context.Context, now time.Time) (web.DeliverySummary, error) {
	var out web.DeliverySummary
	order := []string{statusDone, statusQueued, statusFailed, statusDead}
	totals, err := s.tally(ctx, `SELECT status, COUNT(*) FROM prcoach_deliveries GROUP BY status`)
	if err != nil {
		return out, err
	}
	out.Totals = web.OrderedBars(totals, order...)
	first := now.UTC().Truncate(24*time.Hour).AddDate(0, 0, -(deliveryDays - 1))
	daily := map[int64]map[string]int{}
	rows, err := s.db.QueryContext(ctx, `SELECT received_at / 86400000, status, COUNT(*) FROM prcoach_deliveries
		WHERE received_at >= ? GROUP BY 1, 2`, first.UnixMilli())
	if err != nil {
		return out, fmt.Errorf("dashboard query: %w", err)
	}
	for rows.Next() {
		var day int64
		var status string
		var n int
		if err := rows.Scan(&day, &status, &n); err != nil {
			rows.Close()
			return out, fmt.Errorf("dashboard query: %w", err)
		}
		if daily[day] == nil {
			daily[day] = map[string]int{}
		}
		daily[day][status] = n
	}
	rows.Close()
	var cols []web.Column
	for d := first; !d.After(now); d = d.AddDate(0, 0, 1) {
		cols = append(cols, web.Column{Label: d.Format("Jan 2"), Segments: web.OrderedBars(daily[d.Unix()/86400], order...)})
	}
	out.Daily = web.Columns("webhook deliveries per day, by status", cols)
	out.Recent, err = s.recentDeliveries(ctx)
	return out, err
}

func (s *Store) recentDeliveries(ctx context.Context) ([]web.Delivery, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, event, action, repository, received_at, status, outcome, attempts
		FROM prcoach_deliveries ORDER BY received_at DESC LIMIT ?`, recentDeliveries)
	if err != nil {
		return nil, fmt.Errorf("dashboard query: %w", err)
	}
	defer rows.Close()
	var out []web.Delivery
	for rows.Next() {
		var d web.Delivery
		var action string
		var at int64
		if err := rows.Scan(&d.ID, &d.Event, &action, &d.Repository, &at, &d.Status, &d.Outcome, &d.Attempts); err != nil {
			return nil, fmt.Errorf("dashboard query: %w", err)
		}
		if action != "" {
			d.Event += "." + action
		}
		d.Received = web.Time(time.UnixMilli(at))
		out = append(out, d)
	}
	return out, rows.Err()
}
