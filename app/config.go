package app

import (
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/caarlos0/env/v11"
)

// Defaults for the environment variables (README.md, "Connect a GitHub App",
// lists them for operators).
const (
	DefaultAddr        = ":3000"
	DefaultDatabaseURL = "sqlite:prcoach.db"
	DefaultPublicURL   = "http://localhost:3000"
	DefaultAPIURL      = "https://api.github.com/"
	DefaultWorkers     = 4
	DefaultMaxAttempts = 5
	DefaultRetryBase   = 5 * time.Second
	// DefaultReadHeaderTimeout cuts slow-loris connections.
	DefaultReadHeaderTimeout = 5 * time.Second
)

// Config is everything the server reads from its environment. Field tags
// name the variables; README.md lists them for operators.
type Config struct {
	// Addr is the listen address.
	Addr string `env:"PRCOACH_ADDR" envDefault:":3000"`
	// DatabaseURL is "sqlite:PATH" (the embedded default) or "postgres://…".
	DatabaseURL string `env:"PRCOACH_DATABASE_URL" envDefault:"sqlite:prcoach.db"`
	// DatabasePool is the most PostgreSQL connections one process opens
	// (0: twice the workers plus ten, at least store.DefaultPoolSize).
	DatabasePool int `env:"PRCOACH_DATABASE_POOL" envDefault:"0"`
	// PublicURL is the URL GitHub reaches, used by the setup flow and links.
	PublicURL string `env:"PRCOACH_PUBLIC_URL" envDefault:"http://localhost:3000"`
	// LogLevel is debug, info, warn or error.
	LogLevel string `env:"PRCOACH_LOG_LEVEL" envDefault:"info"`
	// Workers is how many deliveries are processed at once.
	Workers int `env:"PRCOACH_WORKERS" envDefault:"4"`
	// DashboardToken opens the dashboard and setup page to other addresses than loopback.
	DashboardToken string `env:"PRCOACH_DASHBOARD_TOKEN"`

	// AppID is the GitHub App's ID.
	AppID int64 `env:"GITHUB_APP_ID"`
	// PrivateKey is the app's PEM private key; PrivateKeyPath names a file holding it.
	PrivateKey     string `env:"GITHUB_PRIVATE_KEY"`
	PrivateKeyPath string `env:"GITHUB_PRIVATE_KEY_PATH"`
	// WebhookSecret signs deliveries; WebhookSecretPrevious is also accepted while rotating.
	WebhookSecret         string `env:"GITHUB_WEBHOOK_SECRET"`
	WebhookSecretPrevious string `env:"GITHUB_WEBHOOK_SECRET_PREVIOUS"`
	// APIURL is the REST base; for GitHub Enterprise Server https://HOST/api/v3/.
	APIURL string `env:"GITHUB_API_URL" envDefault:"https://api.github.com/"`

	// OpenAIKey enables the model-backed coach; unset means the offline coach.
	OpenAIKey     string `env:"OPENAI_API_KEY"`
	OpenAIBaseURL string `env:"OPENAI_BASE_URL"`
	OpenAIModel   string `env:"OPENAI_MODEL"`
	// LogPrivateHosts lets job logs be downloaded over http and from
	// loopback or private addresses, for a GitHub Enterprise Server whose
	// log storage is internal. Off, only https to public hosts is followed.
	LogPrivateHosts bool `env:"PRCOACH_LOG_PRIVATE_HOSTS"`
	// ModelTimeout bounds one model call.
	ModelTimeout time.Duration `env:"PRCOACH_MODEL_TIMEOUT" envDefault:"20s"`

	// Version is the build's version, shown on the dashboard and in logs.
	Version string `env:"-"`
	// MaxAttempts is how often a delivery is tried before it is dead-lettered.
	MaxAttempts int `env:"-"`
	// RetryBase is the first retry's delay; later ones grow quadratically.
	RetryBase time.Duration `env:"-"`
	// MaxConns caps the connections served at once; 0 means DefaultMaxConns.
	MaxConns int `env:"-"`
	// ReadHeaderTimeout cuts connections that send their headers too slowly.
	ReadHeaderTimeout time.Duration `env:"-"`
	// Clock drives waits (rate limits, write pacing, retries); nil is the real clock.
	Clock Clock `env:"-"`
}

// LoadConfig reads the environment, with dotenv (a .env file; "" or a
// missing file is fine) filling in what the real environment does not set.
func LoadConfig(dotenv string) (Config, error) {
	vars, err := readDotenv(dotenv)
	if err != nil {
		return Config{}, err
	}
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			vars[k] = v
		}
	}
	return ParseConfig(vars)
}

// ParseConfig builds a Config from a map of variables and validates it.
func ParseConfig(vars map[string]string) (Config, error) {
	cfg := Config{MaxAttempts: DefaultMaxAttempts, RetryBase: DefaultRetryBase, ReadHeaderTimeout: DefaultReadHeaderTimeout}
	if err := env.ParseWithOptions(&cfg, env.Options{Environment: vars}); err != nil {
		return Config{}, fmt.Errorf("reading configuration: %w", err)
	}
	if cfg.PrivateKey == "" && cfg.PrivateKeyPath != "" {
		pemBytes, err := os.ReadFile(cfg.PrivateKeyPath)
		if err != nil {
			return Config{}, fmt.Errorf("GITHUB_PRIVATE_KEY_PATH: cannot read the key file: %w", err)
		}
		cfg.PrivateKey = string(pemBytes)
	}
	// A key pasted into one line of .env often carries literal "\n".
	cfg.PrivateKey = strings.ReplaceAll(cfg.PrivateKey, `\n`, "\n")
	if !strings.HasSuffix(cfg.APIURL, "/") {
		cfg.APIURL += "/"
	}
	if err := cfg.Validate(); err != nil {
		return cfg, fmt.Errorf("the configuration needs attention:\n  %s", strings.ReplaceAll(err.Error(), "\n", "\n  "))
	}
	return cfg, nil
}

// HasApp reports whether any GitHub App credential is set.
func (c Config) HasApp() bool {
	return c.AppID != 0 || c.PrivateKey != "" || c.PrivateKeyPath != ""
}

// Validate returns every problem at once, each naming the variable and the fix.
func (c Config) Validate() error {
	var errs []error
	add := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if !strings.HasPrefix(c.DatabaseURL, "sqlite:") && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		add("PRCOACH_DATABASE_URL=%q: use sqlite:PATH (for example %s) or postgres://…", c.DatabaseURL, DefaultDatabaseURL)
	}
	if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		add("PRCOACH_PUBLIC_URL=%q: use an absolute http(s) URL such as %s", c.PublicURL, DefaultPublicURL)
	}
	if u, err := url.Parse(c.APIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		add("GITHUB_API_URL=%q: use an absolute URL such as %s or https://HOST/api/v3/ for GitHub Enterprise Server", c.APIURL, DefaultAPIURL)
	}
	if c.DatabasePool < 0 || c.DatabasePool > 1000 {
		add("PRCOACH_DATABASE_POOL=%d: use a number from 1 to 1000, or 0 for the default", c.DatabasePool)
	}
	if c.Workers < 1 || c.Workers > 256 {
		add("PRCOACH_WORKERS=%d: use a number from 1 to 256", c.Workers)
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		add("PRCOACH_LOG_LEVEL=%q: use debug, info, warn or error", c.LogLevel)
	}
	if c.HasApp() {
		if c.AppID == 0 {
			add("GITHUB_APP_ID is not set: copy the App ID from the app's settings page on GitHub")
		}
		if c.PrivateKey == "" {
			add("GITHUB_PRIVATE_KEY is not set: paste the app's PEM private key, or set GITHUB_PRIVATE_KEY_PATH to the downloaded .pem file")
		} else if err := checkPrivateKey(c.PrivateKey); err != nil {
			add("GITHUB_PRIVATE_KEY: %v; use the .pem file GitHub generated for the app", err)
		}
		if c.WebhookSecret == "" {
			add("GITHUB_WEBHOOK_SECRET is empty: set it to the app's webhook secret (an empty secret would accept forged deliveries)")
		}
	}
	if c.OpenAIBaseURL != "" {
		if u, err := url.Parse(c.OpenAIBaseURL); err != nil || u.Host == "" {
			add("OPENAI_BASE_URL=%q: use an absolute URL such as https://api.openai.com/v1", c.OpenAIBaseURL)
		}
	}
	return errors.Join(errs...)
}

// checkPrivateKey reports whether text is an RSA private key GitHub could have issued.
func checkPrivateKey(text string) error {
	block, _ := pem.Decode([]byte(text))
	if block == nil {
		return errors.New("not PEM text")
	}
	if _, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		return nil
	}
	if _, err := x509.ParsePKCS8PrivateKey(block.Bytes); err != nil {
		return errors.New("not an RSA private key")
	}
	return nil
}

// SlogLevel is PRCOACH_LOG_LEVEL as a log level; Validate has checked it,
// and anything else reads as info.
func (c Config) SlogLevel() slog.Level {
	switch c.LogLevel {
	case "debug":
		return slog.LevelDebug
	case "warn":
		return slog.LevelWarn
	case "error":
		return slog.LevelError
	}
	return slog.LevelInfo
}
