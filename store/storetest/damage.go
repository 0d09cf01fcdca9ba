package storetest

import (
	"os"
	"strings"
	"testing"
)

// DamageMiddle overwrites the middle third of a SQLite database file (never
// its header page) with garbage, as a failing disk or a stray write would.
func DamageMiddle(t testing.TB, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	from, to := st.Size()/3, 2*st.Size()/3
	if from < 16384 {
		t.Fatalf("the database is too small to damage its middle: %d bytes", st.Size())
	}
	junk := []byte(strings.Repeat("\xde\xad\xbe\xef", 4096))
	for off := from; off < to; off += int64(len(junk)) {
		if _, err := f.WriteAt(junk, off); err != nil {
			t.Fatal(err)
		}
	}
}
