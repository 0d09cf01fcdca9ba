// Command prcoach runs the PR Coach GitHub App and its local tools.
//
//	prcoach [serve]        run the webhook server (the default)
//	prcoach explain ...    explain a CI log the way the app would comment on it
//	prcoach tone ...       check a review comment's tone before posting it
//	prcoach recover ...    copy what can be read of a damaged SQLite database
//	prcoach version        print the version
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/prcoach/prcoach/app"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "prcoach: "+err.Error())
		os.Exit(1)
	}
}

// run dispatches to a subcommand; it is main without the process around it.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(ctx, stderr)
	case "explain":
		return runExplain(args, stdin, stdout, stderr)
	case "tone":
		return runTone(args, stdin, stdout, stderr)
	case "recover":
		return runRecover(ctx, args, stdout)
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "prcoach "+version)
		return nil
	case "help", "--help", "-h":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return fmt.Errorf("unknown command %q; run 'prcoach help' for the list", cmd)
}

const usage = `Usage:
  prcoach [serve]                        run the GitHub App webhook server
  prcoach explain [--json] [--log FILE]  explain a failing CI log (stdin when no --log)
  prcoach tone [--json|--jsonl] [TEXT]   check a review comment's tone (stdin when no TEXT)
  prcoach recover DAMAGED.db NEW.db      copy every readable row of a damaged SQLite database
  prcoach version                        print the version
Configuration comes from the environment and a .env file; see README.md.
`

// serve loads the configuration and runs the app until ctx is cancelled.
func serve(ctx context.Context, stderr io.Writer) error {
	cfg, err := app.LoadConfig(".env")
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: cfg.SlogLevel()}))
	cfg.Version = version
	app.TuneRuntime()
	a, err := app.New(cfg, logger)
	if err != nil {
		return err
	}
	if err := a.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}
