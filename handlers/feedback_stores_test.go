package handlers

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/prcoach/prcoach/handlers/feedback"
)

// The feedback stores of the handler tests: maps behind a mutex, doing
// what the database will (feedback.History.Apply for the history).

// mapVotes is a feedback.VoteStore.
type mapVotes struct {
	mu      sync.Mutex
	records map[int64]feedback.Record
	saves   int
}

func (m *mapVotes) Label(_ context.Context, c feedback.CommentRef, l feedback.Labels, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.records == nil {
		m.records = map[int64]feedback.Record{}
	}
	r := m.records[c.ID]
	r.Comment, r.Labels, r.PostedAt = c, l, at
	m.records[c.ID] = r
	return nil
}

func (m *mapVotes) SaveTally(_ context.Context, c feedback.CommentRef, t feedback.Tally, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.records == nil {
		m.records = map[int64]feedback.Record{}
	}
	r := m.records[c.ID]
	r.Comment, r.Tally, r.ReadAt = c, t, at
	m.records[c.ID] = r
	m.saves++
	return nil
}

func (m *mapVotes) MarkCorrected(_ context.Context, c feedback.CommentRef) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	r := m.records[c.ID]
	r.Comment, r.Corrected = c, true
	m.records[c.ID] = r
	return nil
}

func (m *mapVotes) Records(_ context.Context, repo string) ([]feedback.Record, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []feedback.Record
	for _, r := range m.records {
		if repo == "" || r.Comment.Repo == repo {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b feedback.Record) int { return int(a.Comment.ID - b.Comment.ID) })
	return out, nil
}

// record returns the one record kept, and how many there are.
func (m *mapVotes) only() (feedback.Record, int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, r := range m.records {
		return r, len(m.records)
	}
	return feedback.Record{}, 0
}

// mapHistory is a feedback.HistoryStore.
type mapHistory struct {
	mu     sync.Mutex
	byKey  map[string]feedback.History
	events []feedback.Event
}

func (m *mapHistory) Record(_ context.Context, e feedback.Event) (feedback.History, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.byKey == nil {
		m.byKey = map[string]feedback.History{}
	}
	h := m.byKey[e.Repo+" "+e.Signature.ID]
	if h.Apply(e) {
		m.events = append(m.events, e)
	}
	m.byKey[e.Repo+" "+e.Signature.ID] = h
	return h, nil
}

func (m *mapHistory) Lookup(_ context.Context, repo, id string) (feedback.History, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	h, ok := m.byKey[repo+" "+id]
	return h, ok, nil
}

// kinds are the kinds of the events that counted, in order.
func (m *mapHistory) kinds() []feedback.EventKind {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []feedback.EventKind
	for _, e := range m.events {
		out = append(out, e.Kind)
	}
	return out
}

// mapCorrections is a feedback.CorrectionStore.
type mapCorrections struct {
	mu  sync.Mutex
	all []feedback.Correction
}

func (m *mapCorrections) AddCorrection(_ context.Context, c feedback.Correction) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.all = slices.DeleteFunc(m.all, func(o feedback.Correction) bool {
		return o.Comment == c.Comment && o.Actor == c.Actor && o.SignatureID == c.SignatureID
	})
	m.all = append(m.all, c)
	return nil
}

func (m *mapCorrections) Corrections(_ context.Context, repo string, pr int) ([]feedback.Correction, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []feedback.Correction
	for _, c := range m.all {
		if c.Comment.Repo == repo && c.Comment.PR == pr {
			out = append(out, c)
		}
	}
	return out, nil
}

// stores are the three feedback stores of one test.
type stores struct {
	votes       *mapVotes
	history     *mapHistory
	corrections *mapCorrections
}

// newStores returns empty stores.
func newStores() stores {
	return stores{&mapVotes{}, &mapHistory{}, &mapCorrections{}}
}
