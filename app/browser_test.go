package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/prcoach/prcoach/handlers/githubtest"
)

// chromiumPath is Debian's Chromium, which .ci/run installs.
const chromiumPath = "/usr/bin/chromium"

// browser is a headless Chromium whose console errors, uncaught
// exceptions and error log entries (failed loads, blocked content) are kept.
type browser struct {
	ctx    context.Context
	mu     sync.Mutex
	errors []string
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Fatalf("Chromium is not installed at %s (%v); run .ci/run's install step: "+
			"apt-get update && apt-get install -y --no-install-recommends chromium", chromiumPath, err)
	}
	// A profile of our own, removed after the browser has exited (t.TempDir
	// would try while Chromium's helpers may still be writing).
	profile, err := os.MkdirTemp("", "prcoach-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(profile), chromedp.WindowSize(1280, 900),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() {
		_ = chromedp.Cancel(ctx) // closes the browser and waits for it
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
		os.RemoveAll(profile)
	})
	b := &browser{ctx: ctx}
	chromedp.ListenTarget(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError || ev.Type == runtime.APITypeAssert {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value))
				}
				b.note("console.%s: %s", ev.Type, strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			b.note("exception: %s", ev.ExceptionDetails.Error())
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.LevelError {
				b.note("%s error: %s (%s)", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
			}
		}
	})
	if err := chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error { return cdplog.Enable().Do(ctx) })); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	// "No console errors" proves nothing unless errors are seen: a canary.
	b.run(t, "loading the canary", chromedp.Navigate(`data:text/html,<script>console.error("prcoach-canary")</script>`))
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		b.mu.Lock()
		seen := len(b.errors) == 1 && strings.Contains(b.errors[0], "prcoach-canary")
		if seen {
			b.errors = nil
		}
		b.mu.Unlock()
		if seen {
			return b
		}
		if time.Now().After(deadline) {
			t.Fatalf("the console listener did not report the canary's console.error")
		}
	}
}

func (b *browser) note(format string, args ...any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.errors = append(b.errors, fmt.Sprintf(format, args...))
}

// run performs actions, failing the test with what went wrong.
func (b *browser) run(t *testing.T, what string, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(b.ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// waitFor waits until the page's address ends in suffix; navigations in
// between interrupt any script, so it asks for the address, not a script.
func (b *browser) waitFor(t *testing.T, suffix string) {
	t.Helper()
	var loc string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if chromedp.Run(b.ctx, chromedp.Location(&loc)) == nil && strings.HasSuffix(loc, suffix) {
			return
		}
	}
	t.Fatalf("the browser stayed at %s, never reaching …%s", loc, suffix)
}

// checkConsole fails the test for every error the pages reported.
func (b *browser) checkConsole(t *testing.T) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range b.errors {
		t.Errorf("browser reported: %s", e)
	}
}

// screenshot saves the whole page as dir/name.png.
func (b *browser) screenshot(t *testing.T, dir, name string) {
	t.Helper()
	var png []byte
	b.run(t, "screenshot "+name, chromedp.FullScreenshot(&png, 100))
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// mustContain fails the test for every want missing from text.
func mustContain(t *testing.T, where, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q; it reads:\n%s", where, w, text)
		}
	}
}

func TestBrowserSetupAndDashboard(t *testing.T) {
	shots, err := filepath.Abs(filepath.Join("..", "testdata", "screenshots"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t)
	fake := githubtest.NewServer()
	defer fake.Close()
	reg := newRegistrar(t, fake)
	r := startUnconfigured(t, reg.URL+"/", true)

	// The setup page, then its one button through GitHub's (fake) manifest flow.
	var text string
	b.run(t, "loading /setup", chromedp.Navigate(r.URL+"/setup"), chromedp.WaitVisible("#register", chromedp.ByID),
		chromedp.Text("main", &text, chromedp.ByQuery))
	mustContain(t, "the setup page", text, "Set up PR Coach", "Register the GitHub App", "on your personal account",
		"pull_requests", "check_run", r.URL+"/webhook")
	b.screenshot(t, shots, "setup")
	var location string
	b.run(t, "registering", chromedp.Click("#register", chromedp.ByID))
	b.waitFor(t, "/installations/new")
	b.run(t, "reading the install page", chromedp.WaitReady("h1", chromedp.ByQuery),
		chromedp.Location(&location), chromedp.Text("h1", &text, chromedp.ByQuery))
	if want := reg.URL + "/apps/" + registeredSlug + "/installations/new"; location != want || text != "Install "+registeredSlug {
		t.Errorf("after registering, the browser is at %s (%q), want the install page %s", location, text, want)
	}
	if _, err := os.Stat(dotenvFile); err != nil || !r.configured.Load() {
		t.Fatalf("after registering: .env %v, configured %v", err, r.configured.Load())
	}

	// The dashboard, with a week of activity.
	seedDashboard(t, r.store.DB(), time.Now())
	var charts int
	b.run(t, "loading the dashboard", chromedp.Navigate(r.URL+"/"), chromedp.WaitVisible("#deliveries", chromedp.ByID),
		chromedp.Text("main", &text, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("svg.chart rect").length`, &charts))
	mustContain(t, "the dashboard", text, "Connected as PR Coach (test)", "Installations", "acme/api", "3 done", "1 dead",
		"Failures explained, by category", "4 failing checks explained", "Median 1 h 20 min", "acme/api#2",
		"Tone suggestions", "25%", "11% of the comments were worded by the model", "Try a review comment")
	if charts < 10 {
		t.Errorf("%d bars drawn in the dashboard's charts, want at least 10", charts)
	}
	var width int
	b.run(t, "measuring", chromedp.Evaluate(`document.documentElement.scrollWidth`, &width))
	if width > 1280 {
		t.Errorf("the dashboard is %d px wide in a 1280 px window", width)
	}
	b.screenshot(t, shots, "dashboard")

	// The try-it box.
	b.run(t, "checking a comment", chromedp.SetValue("#text", "This is a stupid idea. Why would you even do it like this?!", chromedp.ByID),
		chromedp.Click("#check", chromedp.ByID), chromedp.WaitVisible("#result", chromedp.ByID),
		chromedp.Text("#result", &text, chromedp.ByID))
	mustContain(t, "the tone result", text, "This may land harder than intended", "A gentler wording")
	b.screenshot(t, shots, "try")
	b.checkConsole(t)
}
