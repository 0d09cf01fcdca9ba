// Package app is PR Coach's runtime: configuration, the echo server and its
// routes, webhook intake, the durable queue and its workers, GitHub clients,
// the store, logging and metrics. cmd/prcoach wires it; handlers do the work.
package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/prcoach/prcoach/app/llm"
	"github.com/prcoach/prcoach/handlers"
	"github.com/prcoach/prcoach/store"
)

// App is one running PR Coach server.
type App struct {
	cfg    Config
	logger *slog.Logger
	store  *store.Store
	queue  *store.Queue
	// replica names this process among those sharing the database.
	replica string
	intake  *intake
	echo    *echo.Echo
	metrics *metrics
	secrets atomic.Pointer[[][]byte]
	// redactor hides the app's own secrets in logs, errors and prompts.
	redactor liveRedactor
	running  atomic.Bool
	// github is how the app reaches GitHub: installation clients, rate
	// limits and missed-delivery recovery; nil while unconfigured, set by
	// New or by adoptApp for the app setup registers.
	github atomic.Pointer[githubAccess]

	// live is the one router the intake, the recoverer and the workers
	// consult; setup swaps in one built with the app it registers.
	// handlerOpts are what its handlers share.
	live        atomic.Pointer[router]
	handlerOpts handlers.Options
	// configured is whether the server has a GitHub App; adoptApp sets
	// it for the app setup registers.
	configured atomic.Bool
	// setup registers an app while unconfigured and hands it to adoptApp.
	setup *setupFlow
}

// New builds the app from cfg: store, GitHub clients, handlers, queue and
// routes. Nothing runs until Run or Serve.
func New(cfg Config, logger *slog.Logger) (*App, error) {
	if cfg.MaxAttempts == 0 {
		cfg.MaxAttempts = DefaultMaxAttempts
	}
	if cfg.RetryBase == 0 {
		cfg.RetryBase = DefaultRetryBase
	}
	if cfg.ReadHeaderTimeout == 0 {
		cfg.ReadHeaderTimeout = DefaultReadHeaderTimeout
	}
	if cfg.Clock == nil {
		cfg.Clock = realClock{}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	store, err := store.Open(ctx, cfg.DatabaseURL, store.Options{PoolSize: poolSize(cfg)})
	if err != nil {
		return nil, err
	}
	a := &App{cfg: cfg, store: store, metrics: newMetrics(), replica: replicaID()}
	a.redactor.set(ownSecrets(cfg))
	redact := a.redactor.Redact
	logger = newScrubLogger(logger, redact)
	a.logger = logger
	a.setSecrets(cfg.WebhookSecret, cfg.WebhookSecretPrevious)

	var clients handlers.Clients
	if cfg.HasApp() {
		gh, err := newGitHubAccess(cfg, a.githubDeps(""))
		if err != nil {
			store.Close()
			return nil, err
		}
		a.github.Store(gh)
		clients = gh.clients
	}
	completer, err := newCompleter(cfg, redact)
	if err != nil {
		store.Close()
		return nil, err
	}
	if completer != nil {
		completer = newMeteredCompleter(completer, a.metrics.reg)
	}
	a.metrics.reg.MustRegister(newQueueCollector(store), newFeedbackCollector(store))
	a.handlerOpts = handlers.Options{
		Completer: completer,
		Clients:   clients,
		Logs:      newLogClient(cfg.LogPrivateHosts),
		WebURL:    webURL(cfg.APIURL),
		Secrets:   ownSecrets(cfg),
		Redactor:  &a.redactor,
		Recorder:  &activityRecorder{store: store, logger: logger},

		Installations: store,
		History:       store,
		Votes:         store,
		Corrections:   store,
	}
	a.shareHandlerState(&a.handlerOpts)
	a.setup = &setupFlow{cfg: cfg, logger: logger, pages: a, configured: a.configured.Load,
		onAdopt: a.adoptApp, states: newSetupStates(store)}
	a.live.Store(newRouter(handlers.All(handlers.NewBase(a.handlerOpts))))
	a.configured.Store(cfg.HasApp())
	worker := &deliveryWorker{store: store, dispatch: a.dispatch, logger: logger, metrics: a.metrics, redact: redact}
	if a.queue, err = newQueue(store, cfg, a.replica, worker, logger); err != nil {
		store.Close()
		return nil, err
	}
	a.intake = newIntake(a.queue, a.metrics)
	a.echo = a.routes()
	return a, nil
}

// shareHandlerState gives the handlers the database's per-PR locks and
// model budget when replicas share it; on SQLite, one process's own are enough.
func (a *App) shareHandlerState(o *handlers.Options) {
	if a.store.Dialect() != store.Postgres {
		return
	}
	o.PRLocks, o.Budget = prLocks{a.store}, a.store
}

// prLocks locks pull requests with the database's advisory locks.
type prLocks struct{ s *store.Store }

// LockPR implements handlers.PRLocker.
func (l prLocks) LockPR(ctx context.Context, key string) (func(), error) {
	return l.s.LockKey(ctx, "pr:"+key)
}

// Handler is the app's HTTP handler, for tests and benchmarks in-process.
func (a *App) Handler() http.Handler { return a.echo }

// Run listens on the configured address and serves until ctx is cancelled.
func (a *App) Run(ctx context.Context) error {
	ln, err := net.Listen("tcp", a.cfg.Addr)
	if err != nil {
		a.store.Close()
		return fmt.Errorf("PRCOACH_ADDR=%s: cannot listen: %w", a.cfg.Addr, err)
	}
	return a.Serve(ctx, ln)
}

// Serve starts the workers and serves HTTP on ln until ctx is cancelled, then
// shuts down in order: stop taking requests, finish the intake, let running
// jobs end, stop every background loop, close the store.
func (a *App) Serve(ctx context.Context, ln net.Listener) error {
	defer a.store.Close()
	defer startCPUProfile(a.logger)()
	release, err := a.store.HoldReplica(ctx, a.replica)
	if err != nil {
		return err
	}
	defer release()
	if n, err := a.store.RecoverOrphans(ctx); err != nil {
		return err
	} else if n > 0 {
		a.logger.Info("resuming deliveries interrupted by the last shutdown", "jobs", n)
	}
	if err := a.queue.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("starting workers: %w", err)
	}
	a.running.Store(true)
	// Every loop started here ends before the store closes.
	loops, stopLoops := context.WithCancel(context.WithoutCancel(ctx))
	var wg sync.WaitGroup
	intakeDone := make(chan struct{})
	go func() { a.intake.run(); close(intakeDone) }()
	wg.Go(func() { a.store.ProbeLoop(loops, probeInterval, a.logger) })
	wg.Go(func() { a.store.LeadLoop(loops, leadInterval, a.logger) })
	wg.Go(func() { a.maintain(loops) })
	wg.Go(func() { a.recoverMissed(loops) })
	wg.Go(func() { a.rescueJobs(loops) })
	wg.Go(func() { a.sweepVotes(loops) })
	wg.Go(func() { a.store.CheckpointLoop(loops, 250*time.Millisecond) })

	srv := &http.Server{
		Handler:           a.echo,
		ReadHeaderTimeout: a.cfg.ReadHeaderTimeout,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(a.logger.Handler(), slog.LevelDebug),
	}
	a.announce(ln.Addr())
	errc := make(chan error, 1)
	maxConns := a.cfg.MaxConns
	if maxConns <= 0 {
		maxConns = DefaultMaxConns
	}
	go func() { errc <- srv.Serve(newLimitListener(ln, maxConns)) }()
	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-errc:
	}
	a.logger.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutCtx)
	if serveErr == nil {
		serveErr = <-errc
	}
	a.intake.stop()
	<-intakeDone
	a.running.Store(false)
	if err := a.queue.Stop(shutCtx); err != nil {
		a.logger.Warn("workers did not stop in time; their deliveries resume at the next start", handlers.LogError, err)
	}
	stopLoops()
	wg.Wait()
	if errors.Is(serveErr, http.ErrServerClosed) {
		serveErr = nil
	}
	return serveErr
}

// poolSize is the PostgreSQL pool size: PRCOACH_DATABASE_POOL, else room
// for every worker's queries and its per-PR lock.
func poolSize(cfg Config) int {
	if cfg.DatabasePool > 0 {
		return cfg.DatabasePool
	}
	return max(2*cfg.Workers+10, store.DefaultPoolSize)
}

// replicaID names this process uniquely among the replicas: host, process
// and a random part, since a restarted container may reuse both.
func replicaID() string {
	host, _ := os.Hostname()
	var b [4]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b[:]))
}

// newCompleter builds the model client when OPENAI_API_KEY is set; nil
// means the offline coach writes everything.
// Every request is redacted with redact, the app's live redactor, so an
// app adopted at /setup has its new secrets kept out of prompts too.
func newCompleter(cfg Config, redact func(string) string) (handlers.Completer, error) {
	if cfg.OpenAIKey == "" {
		return nil, nil
	}
	c, err := llm.New(llm.Options{
		APIKey: cfg.OpenAIKey, BaseURL: cfg.OpenAIBaseURL, Model: cfg.OpenAIModel,
		Redact: redact, Timeout: cfg.ModelTimeout,
		Sleep: cfg.Clock.Sleep, Now: cfg.Clock.Now,
	})
	if err != nil {
		return nil, fmt.Errorf("OPENAI_API_KEY/OPENAI_BASE_URL: %w", err)
	}
	return c, nil
}

// announce logs where the server listens and, when unconfigured, what to do.
func (a *App) announce(addr net.Addr) {
	a.logger.Info("PR Coach listening", "addr", addr.String(), "version", a.cfg.Version,
		"database", a.store.Name(), "replica", a.replica, handlers.LogLLMMode, a.llmMode())
	if !a.cfg.HasApp() {
		a.logger.Warn("no GitHub App credentials yet: open " + strings.TrimSuffix(a.cfg.PublicURL, "/") + "/setup to register one, " +
			"or set GITHUB_APP_ID, GITHUB_PRIVATE_KEY (or GITHUB_PRIVATE_KEY_PATH) and GITHUB_WEBHOOK_SECRET " +
			"in the environment or .env (README: \"Connect a GitHub App\"); until then webhooks are refused with 503")
	}
}

func (a *App) llmMode() string {
	if a.cfg.OpenAIKey != "" {
		return handlers.LLMModel
	}
	return handlers.LLMOffline
}
