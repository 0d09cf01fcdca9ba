package ci

// ringSize is how many recent raw lines are kept for context before a match.
const ringSize = 24

// ringLineMax caps the bytes kept of each recent line.
const ringLineMax = 1024

// ring keeps the most recent raw lines in fixed, reused storage.
type ring struct {
	nums  [ringSize]int
	lines [ringSize][]byte
	next  int
}

func (r *ring) push(n int, raw []byte) {
	i := r.next % ringSize
	r.nums[i] = n
	r.lines[i] = append(r.lines[i][:0], raw[:min(len(raw), ringLineMax)]...)
	r.next++
}

// get returns raw line n if it is still in the ring.
func (r *ring) get(n int) ([]byte, bool) {
	i := (n - 1) % ringSize
	if n < 1 || r.nums[i] != n {
		return nil, false
	}
	return r.lines[i], true
}
