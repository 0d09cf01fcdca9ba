package app

import (
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func errorsAs[T any](err error, target *T) bool { return errors.As(err, target) }

func TestConfigDefaults(t *testing.T) {
	cfg, err := ParseConfig(map[string]string{})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{cfg.Addr, cfg.DatabaseURL, cfg.PublicURL, cfg.APIURL}
	want := []string{DefaultAddr, DefaultDatabaseURL, DefaultPublicURL, DefaultAPIURL}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("defaults (-want +got):\n%s", diff)
	}
	if cfg.HasApp() || cfg.Workers != DefaultWorkers {
		t.Errorf("HasApp %v Workers %d", cfg.HasApp(), cfg.Workers)
	}
}

func TestConfigReportsEveryProblemAtOnce(t *testing.T) {
	_, err := ParseConfig(map[string]string{
		"GITHUB_APP_ID":        "7",
		"GITHUB_PRIVATE_KEY":   "not a key",
		"PRCOACH_DATABASE_URL": "mysql://x",
		"PRCOACH_PUBLIC_URL":   "localhost",
		"PRCOACH_WORKERS":      "0",
		"PRCOACH_LOG_LEVEL":    "loud",
	})
	if err == nil {
		t.Fatal("no error")
	}
	for _, name := range []string{"GITHUB_PRIVATE_KEY", "GITHUB_WEBHOOK_SECRET", "PRCOACH_DATABASE_URL", "PRCOACH_PUBLIC_URL", "PRCOACH_WORKERS", "PRCOACH_LOG_LEVEL"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error does not name %s:\n%s", name, err)
		}
	}
}

func TestConfigKeyFromFileAndEnterpriseURL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app.pem")
	os.WriteFile(path, []byte(testKey()), 0o600)
	cfg, err := ParseConfig(map[string]string{
		"GITHUB_APP_ID": "7", "GITHUB_PRIVATE_KEY_PATH": path, "GITHUB_WEBHOOK_SECRET": "s",
		"GITHUB_API_URL": "https://ghe.example.com/api/v3",
	})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.PrivateKey != testKey() || cfg.APIURL != "https://ghe.example.com/api/v3/" {
		t.Errorf("key read %v, API URL %q", cfg.PrivateKey == testKey(), cfg.APIURL)
	}
	if got := webURL(cfg.APIURL); got != "https://ghe.example.com" {
		t.Errorf("webURL = %q", got)
	}
}

func TestDotenv(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".env")
	pemLines := strings.TrimSpace(testKey())
	content := "# comment\nexport PRCOACH_ADDR=:4000\nGITHUB_APP_ID=99 # trailing comment\n" +
		"GITHUB_WEBHOOK_SECRET='s3cr3t # kept'\nGITHUB_PRIVATE_KEY=\"" + pemLines + "\"\n"
	os.WriteFile(path, []byte(content), 0o600)
	vars, err := readDotenv(path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"PRCOACH_ADDR": ":4000", "GITHUB_APP_ID": "99", "GITHUB_WEBHOOK_SECRET": "s3cr3t # kept", "GITHUB_PRIVATE_KEY": pemLines}
	if diff := cmp.Diff(want, vars); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if err := writeDotenv(path, map[string]string{"GITHUB_APP_ID": "100"}); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(path)
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", info.Mode().Perm())
	}
	again, err := readDotenv(path)
	if err != nil {
		t.Fatal(err)
	}
	want["GITHUB_APP_ID"] = "100"
	if diff := cmp.Diff(want, again); diff != "" {
		t.Errorf("after write (-want +got):\n%s", diff)
	}
	os.WriteFile(path, []byte("BROKEN=\"unclosed\n"), 0o600)
	if _, err := readDotenv(path); err == nil || !strings.Contains(err.Error(), ":1:") {
		t.Errorf("unclosed quote: err = %v, want one naming line 1", err)
	}
}

func TestRealEnvironmentWinsOverDotenv(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".env"), []byte("PRCOACH_ADDR=:4000\nPRCOACH_WORKERS=9\n"), 0o600)
	t.Setenv("PRCOACH_ADDR", ":5000")
	cfg, err := LoadConfig(filepath.Join(dir, ".env"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != ":5000" || cfg.Workers != 9 {
		t.Errorf("Addr %q Workers %d, want :5000 from the environment and 9 from .env", cfg.Addr, cfg.Workers)
	}
}

func TestWebURL(t *testing.T) {
	for _, tc := range []struct{ api, want string }{
		{"https://api.github.com/", "https://github.com"},
		{"https://api.octocorp.ghe.com/", "https://octocorp.ghe.com"},
		{"https://ghes.example.com/api/v3/", "https://ghes.example.com"},
		{"https://ghes.example.com:8443/api/v3/", "https://ghes.example.com:8443"},
	} {
		if got := webURL(tc.api); got != tc.want {
			t.Errorf("webURL(%q) = %q, want %q", tc.api, got, tc.want)
		}
	}
}

func TestConfigLogLevel(t *testing.T) {
	tests := []struct {
		level string
		want  slog.Level
	}{{"debug", slog.LevelDebug}, {"info", slog.LevelInfo}, {"warn", slog.LevelWarn}, {"error", slog.LevelError}}
	for _, tt := range tests {
		t.Run(tt.level, func(t *testing.T) {
			if got := (Config{LogLevel: tt.level}).SlogLevel(); got != tt.want {
				t.Errorf("SlogLevel() = %v, want %v", got, tt.want)
			}
		})
	}
}
