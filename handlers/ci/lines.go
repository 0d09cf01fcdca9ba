package ci

import (
	"bytes"
	"io"
)

// MaxLineKept is how many bytes of one raw line are kept in memory; the rest
// of a longer line is read and dropped.
const MaxLineKept = 8 << 10

// readBufSize is the size of the fixed read buffer.
const readBufSize = 256 << 10

// lineReader splits a stream into raw lines on "\r\n", "\r" or "\n" with
// memory bounded by its buffer, whatever the line lengths.
type lineReader struct {
	r         io.Reader
	buf       []byte
	start     int
	end       int
	eof       bool
	err       error
	pendingCR bool   // the last separator was a '\r' at the end of the buffer
	long      []byte // kept prefix of a line longer than the buffer
	inLong    bool
	n         int // number of lines returned
	cr        int // index in buf of the next '\r' at or after start, -1 for none before end
	// beforeReuse, when set, is called before bytes of lines already
	// returned are overwritten or moved.
	beforeReuse func()
}

func newLineReader(r io.Reader, size int) *lineReader {
	return &lineReader{r: r, buf: make([]byte, size), long: make([]byte, 0, MaxLineKept+1), cr: -1}
}

// fill reads more bytes after compacting the buffer. It reports whether any
// byte was added.
func (lr *lineReader) fill() bool {
	if lr.eof {
		return false
	}
	if lr.beforeReuse != nil {
		lr.beforeReuse()
	}
	defer lr.findCR()
	if lr.start > 0 {
		copy(lr.buf, lr.buf[lr.start:lr.end])
		lr.end -= lr.start
		lr.start = 0
	}
	for tries := 0; tries < 100 && lr.end < len(lr.buf); tries++ {
		n, err := lr.r.Read(lr.buf[lr.end:])
		lr.end += n
		if err != nil {
			lr.eof = true
			if err != io.EOF {
				lr.err = err
			}
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	if lr.end < len(lr.buf) {
		lr.eof, lr.err = true, io.ErrNoProgress
	}
	return false
}

// next returns the next line without its separator, truncated to
// MaxLineKept bytes, and whether it was truncated. The slice is valid until
// the following call. ok is false at the end of the input.
func (lr *lineReader) next() (line []byte, truncated bool, ok bool) {
	for {
		if lr.pendingCR {
			if lr.start == lr.end && !lr.fill() {
				lr.pendingCR = false
				return lr.finish()
			}
			if lr.buf[lr.start] == '\n' {
				lr.start++
			}
			lr.pendingCR = false
		}
		data := lr.buf[lr.start:lr.end]
		if lr.cr >= 0 && lr.cr < lr.start {
			lr.findCR()
		}
		if lr.cr >= 0 {
			// A '\r' ends the line unless a '\n' comes first; only the
			// bytes up to the one after it are searched, so a run of
			// '\r'-separated lines (progress bars) is not searched again
			// for a distant '\n' at every line.
			j := lr.cr - lr.start
			i := bytes.IndexByte(data[:min(j+2, len(data))], '\n')
			switch {
			case i >= 0 && i < j:
				lr.start += i + 1
				return lr.emit(data[:i])
			case i == j+1:
				lr.start += i + 1
				return lr.emit(data[:j])
			}
			lr.start += j + 1
			lr.pendingCR = j+1 == len(data)
			return lr.emit(data[:j])
		}
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			lr.start += i + 1
			return lr.emit(data[:i])
		}
		if lr.fillOrSpill() {
			continue
		}
		return lr.finish()
	}
}

// findCR sets cr from start.
func (lr *lineReader) findCR() {
	lr.cr = bytes.IndexByte(lr.buf[lr.start:lr.end], '\r')
	if lr.cr >= 0 {
		lr.cr += lr.start
	}
}

// fillOrSpill makes room for more input, moving a buffer-long line into the
// kept prefix. It reports whether reading may go on.
func (lr *lineReader) fillOrSpill() bool {
	if lr.start == 0 && lr.end == len(lr.buf) {
		lr.keep(lr.buf[:lr.end])
		lr.start, lr.end = 0, 0
	}
	return lr.fill()
}

// keep appends to the kept prefix of a long line, up to MaxLineKept bytes.
func (lr *lineReader) keep(b []byte) {
	if !lr.inLong {
		if lr.beforeReuse != nil {
			lr.beforeReuse()
		}
		lr.long = lr.long[:0]
		lr.inLong = true
	}
	room := MaxLineKept + 1 - len(lr.long)
	if room > 0 {
		lr.long = append(lr.long, b[:min(room, len(b))]...)
	}
}

// emit returns seg as a line, joined to a pending long-line prefix.
func (lr *lineReader) emit(seg []byte) ([]byte, bool, bool) {
	lr.n++
	if lr.inLong {
		lr.keep(seg)
		lr.inLong = false
		return cut(lr.long)
	}
	return cut(seg)
}

// finish returns what is left at the end of the input as the last line.
func (lr *lineReader) finish() ([]byte, bool, bool) {
	if lr.start < lr.end || lr.inLong {
		seg := lr.buf[lr.start:lr.end]
		lr.start = lr.end
		return lr.emit(seg)
	}
	return nil, false, false
}

func cut(b []byte) ([]byte, bool, bool) {
	if len(b) > MaxLineKept {
		return b[:MaxLineKept], true, true
	}
	return b, false, true
}
