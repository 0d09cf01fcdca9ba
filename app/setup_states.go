package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/prcoach/prcoach/app/web"
	"github.com/prcoach/prcoach/store"
)

// newSetupStates keeps setup's one-time states in memory on SQLite and in
// the database when replicas share it.
func newSetupStates(s *store.Store) setupStates {
	if s.Dialect() != store.Postgres {
		return &web.States{}
	}
	return dbStates{s}
}

// setupStates hands out and takes setup pages' one-time states.
type setupStates interface {
	New(now time.Time) (string, error)
	Take(state string, now time.Time) bool
}

// dbStates keeps setup states in the database.
type dbStates struct {
	store *store.Store
}

// New implements setupStates.
func (d dbStates) New(now time.Time) (string, error) {
	var b [24]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("making a state: %w", err)
	}
	state := hex.EncodeToString(b[:])
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return state, d.store.PutSetupState(ctx, state, now, now.Add(web.StateTTL), web.MaxStates)
}

// Take implements setupStates; a database that does not answer takes nothing.
func (d dbStates) Take(state string, now time.Time) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	ok, err := d.store.TakeSetupState(ctx, state, now)
	return ok && err == nil
}
