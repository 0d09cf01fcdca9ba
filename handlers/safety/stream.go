package safety

import "strings"

// overlap is how much of an overlong line is carried from one window to the
// next: far longer than any real secret, so a secret cut by a window's end
// is found whole in the next window. Some patterns have no upper bound
// ({20,}); redactWindow redacts the first part of a match longer than this.
const overlap = 16 << 10

// step redacts the next piece of in and appends it to dst, returning how many
// bytes of in it consumed; zero means it needs more input. final says in holds
// everything that is left. Pieces are whole lines up to batchSize bytes, or
// windows of an overlong line. The decision depends only on in's first
// batchSize bytes, so a stream is cut the same whatever the read sizes.
func (r *Redactor) step(dst []byte, in string, final bool, st *redactState) ([]byte, int) {
	if len(in) < batchSize && !final {
		return dst, 0
	}
	limit := min(len(in), batchSize)
	if i := strings.LastIndexByte(in[:limit], '\n'); i >= 0 {
		return r.redactBatch(dst, in[:i+1], st), i + 1
	}
	if len(in) < batchSize {
		return r.redactBatch(dst, in, st), len(in)
	}
	return r.redactWindow(dst, in[:batchSize], st)
}

// redactWindow redacts the front of window, a piece of a line longer than
// batchSize, and returns how much of it was consumed: all but the last
// overlap bytes, less any secret or placeholder that crosses that point,
// which is left whole for the next window.
func (r *Redactor) redactWindow(dst []byte, window string, st *redactState) ([]byte, int) {
	st.pem.open = false // a line this long is not inside a PEM block
	spans := normalize(window, r.findSpans(window, []int{0}, st, true))
	cut := len(window) - overlap
	for _, p := range placeholders(window) {
		if p[0] < cut && p[1] > cut {
			cut = p[0]
		}
	}
	for moved := true; moved; {
		moved = false
		for _, s := range spans {
			// A match running to the window's end may go on past it.
			if s.from < cut && (s.end > cut || s.end == len(window)) {
				cut, moved = s.from, true
			}
		}
	}
	if cut <= 0 {
		// Only a match longer than the overlap (possible with gitleaks'
		// unbounded rules) gets here: redact its first part now.
		cut = len(window) - overlap
	}
	kept := spans[:0]
	for _, s := range spans {
		if s.start < cut {
			s.end = min(s.end, cut)
			kept = append(kept, s)
		}
	}
	return writeRedacted(dst, window[:cut], kept), cut
}
