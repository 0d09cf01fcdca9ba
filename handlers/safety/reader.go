package safety

import "io"

// readSize is how much the streaming reader asks its source for at a time.
const readSize = 32 << 10

// Reader returns a reader of src with secrets redacted, as Redact would. It
// works line by line in memory bounded by a few times 64 KiB whatever the
// length of src or of its lines: an overlong line is redacted in windows
// that overlap by more than the longest secret matched, and a PEM block
// spanning reads is followed line by line. src's error, if any other than
// io.EOF, is returned after the data read before it.
func (r *Redactor) Reader(src io.Reader) io.Reader {
	return &redactReader{r: r, src: src, buf: make([]byte, 0, batchSize+readSize)}
}

// redactReader is the io.Reader that Reader returns.
type redactReader struct {
	r     *Redactor
	src   io.Reader
	buf   []byte // read from src, not yet redacted
	out   []byte // redacted, not yet returned
	outAt int
	st    redactState
	err   error // src's error; io.EOF at its end
}

// Read implements io.Reader.
func (rr *redactReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	for rr.outAt == len(rr.out) {
		if rr.err != nil && len(rr.buf) == 0 {
			return 0, rr.err
		}
		if rr.err == nil && len(rr.buf) < batchSize {
			rr.fill()
			continue
		}
		rr.out, rr.outAt = rr.out[:0], 0
		var n int
		rr.out, n = rr.r.step(rr.out, string(rr.buf), rr.err != nil, &rr.st)
		rr.buf = rr.buf[:copy(rr.buf, rr.buf[n:])]
	}
	n := copy(p, rr.out[rr.outAt:])
	rr.outAt += n
	return n, nil
}

// fill reads once from src into the free space of buf.
func (rr *redactReader) fill() {
	n, err := rr.src.Read(rr.buf[len(rr.buf):cap(rr.buf)])
	rr.buf = rr.buf[:len(rr.buf)+n]
	if err != nil {
		rr.err = err
	}
}
