package app

import (
	"context"
	"log/slog"
)

// scrubHandler is a slog.Handler that removes URL queries and redacts
// secrets in every message and string or error attribute before passing the
// record on, so no log line carries a token or a signed URL whatever code
// wrote it (River's included).
type scrubHandler struct {
	next   slog.Handler
	redact func(string) string
}

// newScrubLogger wraps logger's handler in a scrubHandler.
func newScrubLogger(logger *slog.Logger, redact func(string) string) *slog.Logger {
	if _, ok := logger.Handler().(*scrubHandler); ok {
		return logger
	}
	return slog.New(&scrubHandler{next: logger.Handler(), redact: redact})
}

func (h *scrubHandler) scrub(s string) string { return h.redact(withoutQueries(s)) }

// Enabled implements slog.Handler.
func (h *scrubHandler) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

// Handle implements slog.Handler.
func (h *scrubHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, h.scrub(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.attr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

// WithAttrs implements slog.Handler.
func (h *scrubHandler) WithAttrs(as []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(as))
	for i, a := range as {
		clean[i] = h.attr(a)
	}
	return &scrubHandler{next: h.next.WithAttrs(clean), redact: h.redact}
}

// WithGroup implements slog.Handler.
func (h *scrubHandler) WithGroup(name string) slog.Handler {
	return &scrubHandler{next: h.next.WithGroup(name), redact: h.redact}
}

// attr scrubs one attribute's value.
func (h *scrubHandler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		a.Value = slog.StringValue(h.scrub(v.String()))
	case slog.KindGroup:
		g := v.Group()
		clean := make([]slog.Attr, len(g))
		for i, ga := range g {
			clean[i] = h.attr(ga)
		}
		a.Value = slog.GroupValue(clean...)
	case slog.KindAny:
		if err, ok := v.Any().(error); ok && err != nil {
			a.Value = slog.StringValue(h.scrub(err.Error()))
		}
	}
	return a
}
