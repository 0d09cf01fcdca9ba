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
	e.GET("/setup", a.setup.page, a.dashboardAccess)
	e.GET("/setup/callback", a.setup.callback)
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
		a.logger.Warn("dashboard: reading the store failed", handlers.LogError, err)
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
		a.logger.Error("rendering a page failed", "page", name, handlers.LogError, err)
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
// never comment text or log content (the store keeps neither). Every
// figure comes from the database, so any replica shows the whole system.
func (a *App) dashboardPage(ctx context.Context, now time.Time) (web.DashboardPage, error) {
	reg := a.setup.registered()
	p := web.DashboardPage{Page: a.pageFrame("Dashboard"), Configured: a.configured.Load(), App: reg.Name,
		AppURL: reg.HTMLURL, LLMMode: a.llmMode(), Window: "the last 30 days"}
	since := now.Add(-activityWindow)
	var err error
	if p.Installations, err = a.installations(ctx); err != nil {
		return p, err
	}
	if p.Deliveries, err = a.deliverySummary(ctx, now); err != nil {
		return p, err
	}
	kinds, err := a.store.ActivityKinds(ctx, since)
	if err != nil {
		return p, err
	}
	p.Explained, p.Answered = kinds[handlers.ActivityCheckExplained], kinds[handlers.ActivityExplained]
	suggested, edited := kinds[handlers.ActivityToneSuggested], kinds[handlers.ActivityToneEdited]
	p.Tone = web.ToneSummary{Suggested: suggested, Edited: edited, Removed: kinds[handlers.ActivityToneRemoved],
		EditedShare: web.Percent(edited, suggested)}
	categories, err := a.store.ActivityCategories(ctx, handlers.ActivityCheckExplained, since, 12)
	if err != nil {
		return p, err
	}
	p.Categories = web.Bars("failures explained, by category", web.OrderedBars(categories))
	verdicts, err := a.store.ActivityVerdicts(ctx, handlers.ActivityCheckExplained, since)
	if err != nil {
		return p, err
	}
	p.Verdicts = web.Bars("verdicts", web.OrderedBars(verdicts, "change", "flaky", "infrastructure", "unknown"))
	wording, err := a.store.ActivityWording(ctx, since)
	if err != nil {
		return p, err
	}
	p.Wording = web.Bars("comments worded offline or by the model", web.OrderedBars(wording, "offline", "model"))
	p.ModelShare = web.Percent(wording["model"], wording["model"]+wording["offline"])
	rows, err := a.store.PRActivity(ctx, since, handlers.ActivityCheckExplained, handlers.ActivityChecksGreen, maxPRActivity)
	if err != nil {
		return p, err
	}
	events := make([]web.PREvent, len(rows))
	for i, r := range rows {
		events[i] = web.PREvent{PR: fmt.Sprintf("%s/%s#%d", r.Owner, r.Repo, r.PR),
			Green: r.Kind == handlers.ActivityChecksGreen, At: r.At}
	}
	spans, stillRed := web.Spans(events)
	p.RedToGreen = web.SummariseSpans(spans, stillRed, recentSpans)
	if p.Helpful, err = a.helpfulTables(ctx, since); err != nil {
		return p, err
	}
	return p, nil
}

// installations lists the accounts the app is installed on.
func (a *App) installations(ctx context.Context) ([]web.Installation, error) {
	rows, err := a.store.Installations(ctx, maxInstallations)
	if err != nil {
		return nil, err
	}
	var out []web.Installation
	for _, r := range rows {
		in := web.Installation{ID: r.ID, Account: r.Account, Since: web.Time(r.Since)}
		in.Repositories, in.More = web.RepositoryNames(r.Repositories, r.FromDeliveries, 6)
		out = append(out, in)
	}
	return out, nil
}

// deliverySummary is the kept deliveries by status, the last days' by day,
// and the newest few.
func (a *App) deliverySummary(ctx context.Context, now time.Time) (web.DeliverySummary, error) {
	var out web.DeliverySummary
	order := []string{statusDone, statusQueued, statusFailed, statusDead}
	totals, err := a.store.DeliveryTotals(ctx)
	if err != nil {
		return out, err
	}
	out.Totals = web.OrderedBars(totals, order...)
	first := now.UTC().Truncate(24*time.Hour).AddDate(0, 0, -(deliveryDays - 1))
	counts, err := a.store.DeliveriesByDay(ctx, first)
	if err != nil {
		return out, err
	}
	daily := map[int64]map[string]int{}
	for _, c := range counts {
		day := c.Day.Unix() / 86400
		if daily[day] == nil {
			daily[day] = map[string]int{}
		}
		daily[day][c.Status] = c.N
	}
	var cols []web.Column
	for d := first; !d.After(now); d = d.AddDate(0, 0, 1) {
		cols = append(cols, web.Column{Label: d.Format("Jan 2"), Segments: web.OrderedBars(daily[d.Unix()/86400], order...)})
	}
	out.Daily = web.Columns("webhook deliveries per day, by status", cols)
	recent, err := a.store.RecentDeliveries(ctx, recentDeliveries)
	if err != nil {
		return out, err
	}
	for _, r := range recent {
		d := web.Delivery{ID: r.ID, Event: r.Event, Repository: r.Repository, Received: web.Time(r.Received),
			Status: r.Status, Outcome: r.Outcome, Attempts: r.Attempts}
		if r.Action != "" {
			d.Event += "." + r.Action
		}
		out.Recent = append(out.Recent, d)
	}
	return out, nil
}
