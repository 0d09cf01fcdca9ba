package ci

// ringSize is how many recent raw lines are kept for context before a match.
const ringSize = 24

// ringLineMax caps the bytes kept of each recent line.
const ringLineMax = 1024

// ring keeps the most recent raw lines. A pushed line is borrowed from the
// reader's buffer and copied into the ring's own fixed, reused storage
// only when the reader is about to reuse that buffer (see keep), so most
// lines are never copied.
type ring struct {
	nums     [ringSize]int
	lines    [ringSize][]byte
	own      [ringSize][]byte
	borrowed [ringSize]bool
	next     int
}

func (r *ring) push(n int, raw []byte) {
	i := r.next % ringSize
	r.nums[i] = n
	r.lines[i] = raw[:min(len(raw), ringLineMax)]
	r.borrowed[i] = true
	r.next++
}

// keep copies the borrowed lines into the ring's own storage.
func (r *ring) keep() {
	for i := range r.lines {
		if r.borrowed[i] {
			r.own[i] = append(r.own[i][:0], r.lines[i]...)
			r.lines[i] = r.own[i]
			r.borrowed[i] = false
		}
	}
}

// get returns raw line n if it is still in the ring.
func (r *ring) get(n int) ([]byte, bool) {
	i := (n - 1) % ringSize
	if n < 1 || r.nums[i] != n {
		return nil, false
	}
	return r.lines[i], true
}
