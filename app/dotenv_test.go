package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDotenvWriteIgnoresPlantedLinks plants a symlink where the old fixed
// temporary name was, pointing at a file the writer must not touch: the
// .env is written, the target keeps its content and no temporary file stays.
func TestDotenvWriteIgnoresPlantedLinks(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ".env")
	victim := filepath.Join(dir, "victim")
	os.WriteFile(victim, []byte("precious\n"), 0o644)
	if err := os.Symlink(victim, path+".tmp"); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if err := writeDotenv(path, map[string]string{"GITHUB_APP_ID": "7"}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(victim); string(b) != "precious\n" {
		t.Errorf("the link's target was written: %q", b)
	}
	fi, err := os.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o600 {
		t.Fatalf(".env: %v, %v; want a regular 0600 file", fi, err)
	}
	if b, _ := os.ReadFile(path); !strings.Contains(string(b), `GITHUB_APP_ID="7"`) {
		t.Errorf(".env = %q", b)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".env.") && e.Name() != ".env.tmp" {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}
