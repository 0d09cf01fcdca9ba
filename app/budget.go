package app

import (
	"errors"
	"io"
	"net/http"
	"sync"
)

// bodyBudget is how many bytes of webhook bodies may be held in memory at
// once, across all requests: one body of the largest size GitHub sends and
// room for many ordinary ones beside it.
const bodyBudget = MaxWebhookBody + 16<<20

// readChunk is how much a body of unknown length grows by at a time.
const readChunk = 64 << 10

// errOverBudget says the shared byte budget could not hold a body now.
var errOverBudget = errors.New("too many bodies being read at once")

// byteBudget is a count of bytes shared by the requests being read; a
// request that does not fit is turned away rather than made to wait.
type byteBudget struct {
	mu    sync.Mutex
	used  int64
	limit int64
}

// take reserves n bytes, or reports false when they do not fit.
func (b *byteBudget) take(n int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.used+n > b.limit {
		return false
	}
	b.used += n
	return true
}

// give returns n bytes taken earlier.
func (b *byteBudget) give(n int64) {
	b.mu.Lock()
	b.used -= n
	b.mu.Unlock()
}

// readBody reads req's body, at most limit bytes, reserving its size in b
// as it goes. release returns the reservation; call it once the body is no
// longer needed, also after an error. Errors are errOverBudget, a
// *http.MaxBytesError, or the body's read error.
func (b *byteBudget) readBody(w http.ResponseWriter, req *http.Request, limit int64) (body []byte, release func(), err error) {
	var held int64
	release = func() { b.give(held); held = 0 }
	src := http.MaxBytesReader(w, req.Body, limit)
	if n := req.ContentLength; n >= 0 && n <= limit {
		// The length is known (and Go's server holds the sender to it):
		// reserve and allocate it once.
		if !b.take(n) {
			return nil, release, errOverBudget
		}
		held = n
		body = make([]byte, n)
		if _, err := io.ReadFull(src, body); err != nil {
			return nil, release, err
		}
		return body, release, nil
	}
	for {
		if len(body) == cap(body) {
			grow := int64(min(max(cap(body), readChunk), int(limit)+1-cap(body)))
			if !b.take(grow) {
				return nil, release, errOverBudget
			}
			held += grow
			body = append(make([]byte, 0, int64(cap(body))+grow), body...)
		}
		n, err := src.Read(body[len(body):cap(body)])
		body = body[:len(body)+n]
		if errors.Is(err, io.EOF) {
			return body, release, nil
		}
		if err != nil {
			return nil, release, err
		}
	}
}
