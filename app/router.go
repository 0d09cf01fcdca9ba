package app

import (
	"context"
	"fmt"

	"github.com/prcoach/prcoach/handlers"
)

// router maps each event and action to the handler that wants it.
type router struct {
	byEvent map[string]map[string]handlers.Handler
}

func newRouter(hs []handlers.Handler) *router {
	r := &router{byEvent: map[string]map[string]handlers.Handler{}}
	for _, h := range hs {
		for event, actions := range h.Events() {
			if r.byEvent[event] == nil {
				r.byEvent[event] = map[string]handlers.Handler{}
			}
			for _, action := range actions {
				r.byEvent[event][action] = h
			}
		}
	}
	return r
}

// accepts reports whether some handler wants this event and action; the
// intake stores nothing else.
func (r *router) accepts(event, action string) bool {
	_, ok := r.byEvent[event][action]
	return ok
}

// handles reports whether some handler wants event, whatever its action.
func (r *router) handles(event string) bool { return r.byEvent[event] != nil }

// alwaysDelivered reports whether GitHub sends event to every app without a
// subscription; a manifest cannot list such events.
func alwaysDelivered(event string) bool {
	return event == "installation" || event == "installation_repositories"
}

// events lists the event names handled, for app.yml's test.
func (r *router) events() []string {
	out := make([]string, 0, len(r.byEvent))
	for e := range r.byEvent {
		out = append(out, e)
	}
	return out
}

func (r *router) dispatch(ctx context.Context, ev handlers.Event) (string, error) {
	h, ok := r.byEvent[ev.Name][ev.Action]
	if !ok {
		return "skipped: no handler", nil
	}
	outcome, err := h.Handle(ctx, ev)
	if err != nil {
		return outcome, fmt.Errorf("%s: %w", ev.Name, err)
	}
	return outcome, nil
}
