package store

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDamagedDatabaseAtStart damages a database's pages, then its header:
// opening it fails with one line naming the file and how to recover.
func TestDamagedDatabaseAtStart(t *testing.T) {
	for _, tc := range []struct {
		name   string
		offset int64
	}{
		{"damaged table pages", 16384},
		{"damaged header", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "prcoach.db")
			s, err := Open(context.Background(), "sqlite:"+path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for i := range 200 {
				s.db.Exec(`INSERT INTO prcoach_deliveries (id, event, received_at, payload) VALUES (?, 'e', 1, ?)`,
					strconv.Itoa(i), strings.Repeat("p", 3000))
			}
			s.ckpt.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
			s.Close()
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteAt([]byte(strings.Repeat("\xde\xad\xbe\xef", 4096)), tc.offset)
			f.Close()
			_, err = Open(context.Background(), "sqlite:"+path, Options{})
			if err == nil {
				t.Fatal("a damaged database opened without a word")
			}
			msg := err.Error()
			t.Logf("%s", msg)
			if strings.Contains(msg, "\n") || !strings.Contains(msg, path) || !strings.Contains(msg, "damaged") || !strings.Contains(msg, "prcoach recover") {
				t.Errorf("the error does not name the file and the way to recover in one line: %q", msg)
			}
		})
	}
}
