package app

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
)

func TestProfilesWrittenWhenAsked(t *testing.T) {
	for _, env := range []string{ProfileEnv, TraceEnv, HeapProfileEnv} {
		t.Run(env, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "out")
			t.Setenv(env, path)
			stop := startCPUProfile(slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil)))
			stop()
			st, err := os.Stat(path)
			if err != nil {
				t.Fatalf("no profile: %v", err)
			}
			if st.Size() == 0 {
				t.Errorf("profile %s is empty", path)
			}
		})
	}
}

func TestCPUProfileOffByDefault(t *testing.T) {
	t.Setenv(ProfileEnv, "")
	t.Setenv(TraceEnv, "")
	t.Setenv(HeapProfileEnv, "")
	dir := t.TempDir()
	t.Chdir(dir)
	startCPUProfile(slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil)))()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files written without %s: %v", ProfileEnv, entries)
	}
}
