package store

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/prcoach/prcoach/store/storetest"
)

// copyFile copies src to dst if src exists.
func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if os.IsNotExist(err) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	out.Close()
}

// TestRecoveryAdviceKeepsTheWAL acknowledges deliveries that stay in the
// WAL, takes the files as a crash would leave them, and damages the middle
// of the database file: the restart refuses with one line, leaves the WAL's
// rows readable, and following that line's advice word for word (renames,
// then its prcoach recover command) gives a database that opens and holds
// every acknowledged delivery from the WAL and its queued job.
func TestRecoveryAdviceKeepsTheWAL(t *testing.T) {
	s, path := filledStore(t, 400)
	if _, err := s.ckpt.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	q := newQueue(t, s, "wal")
	var inWAL []NewDelivery
	for i := range 40 {
		inWAL = append(inWAL, NewDelivery{ID: "wal" + strconv.Itoa(i), Event: "check_run", Action: "completed",
			InstallationID: 9, Repository: "octo/repo", Payload: []byte(`{"n":` + strconv.Itoa(i) + `}`)})
	}
	if _, err := q.Insert(inWAL); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path + "-wal"); err != nil || st.Size() == 0 {
		t.Fatalf("the acknowledged deliveries are not in the WAL: %v", err)
	}
	// The files as a crash leaves them: the WAL not yet checkpointed.
	crashed := filepath.Join(t.TempDir(), "prcoach.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		copyFile(t, path+suffix, crashed+suffix)
	}
	storetest.DamageMiddle(t, crashed)

	_, err := Open(context.Background(), "sqlite:"+crashed, Options{})
	if err == nil {
		t.Fatal("a damaged database opened without a word")
	}
	advice := err.Error()
	if st, err := os.Stat(crashed + "-wal"); err != nil || st.Size() == 0 {
		t.Errorf("refusing to start did not leave the WAL as it was: %v", err)
	}
	if strings.Contains(strings.ToLower(advice), "delete") || strings.Contains(advice, "rm ") {
		t.Errorf("the advice suggests deleting a file: %s", advice)
	}
	// Step 1 of the advice: rename the three files, keeping them all.
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Rename(crashed+suffix, crashed+".broken"+suffix); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	// Step 2: the command the advice gives (prcoach recover FROM TO).
	cmd := regexp.MustCompile("`prcoach recover (\\S+) (\\S+)`").FindStringSubmatch(advice)
	if cmd == nil {
		t.Fatalf("no recover command in the advice: %s", advice)
	}
	got, err := RecoverSQLite(context.Background(), cmd[1], cmd[2])
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("recovered rows %v; tables with unreadable parts %v", got.Rows, got.Damaged)
	if len(got.Damaged) == 0 {
		t.Error("no table was reported damaged")
	}
	if st, err := os.Stat(crashed + ".broken-wal"); err != nil || st.Size() == 0 {
		t.Errorf("the damaged database's WAL is gone after the recovery: %v", err)
	}
	// Step 3: start again.
	r, err := Open(context.Background(), "sqlite:"+crashed, Options{})
	if err != nil {
		t.Fatalf("the recovered database does not open: %v", err)
	}
	defer r.Close()
	var deliveries, jobs int
	if err := r.db.QueryRow(`SELECT COUNT(*) FROM prcoach_deliveries WHERE id LIKE 'wal%'`).Scan(&deliveries); err != nil {
		t.Fatal(err)
	}
	if err := r.db.QueryRow(`SELECT COUNT(*) FROM river_job WHERE state = 'available' AND json_extract(args, '$.delivery_id') LIKE 'wal%'`).Scan(&jobs); err != nil {
		t.Fatal(err)
	}
	var older int
	r.db.QueryRow(`SELECT COUNT(*) FROM prcoach_deliveries WHERE id NOT LIKE 'wal%'`).Scan(&older)
	t.Logf("recovered %d of %d deliveries from the WAL, %d of their jobs; %d of 400 older ones from the damaged file", deliveries, len(inWAL), jobs, older)
	if deliveries != len(inWAL) || jobs != len(inWAL) {
		t.Errorf("recovered %d deliveries and %d jobs from the WAL, want %d each", deliveries, jobs, len(inWAL))
	}
}

// TestSoundDatabaseWithOnlyItsWALOpens: the read-only integrity check
// accepts a sound database left by a crash with its -wal file but no -shm
// file, and the WAL's rows are there after the start.
func TestSoundDatabaseWithOnlyItsWALOpens(t *testing.T) {
	_, path := filledStore(t, 50)
	crashed := filepath.Join(t.TempDir(), "prcoach.db")
	for _, suffix := range []string{"", "-wal"} {
		copyFile(t, path+suffix, crashed+suffix)
	}
	r, err := Open(context.Background(), "sqlite:"+crashed, Options{})
	if err != nil {
		t.Fatalf("a sound database with its WAL but no -shm did not open: %v", err)
	}
	defer r.Close()
	var n int
	r.db.QueryRow(`SELECT COUNT(*) FROM prcoach_deliveries`).Scan(&n)
	if n != 50 {
		t.Errorf("%d deliveries after the start, want 50", n)
	}
}
