package ci

import (
	"bytes"
	"encoding/binary"
	"unicode/utf8"
)

// stripTimestamp removes a GitHub Actions or Azure timestamp prefix such as
// "2024-05-01T10:00:00.1234567Z " from a raw line, and the stream mark
// GitLab writes after its own ("2024-05-01T10:00:00.123456Z 01O ").
func stripTimestamp(b []byte) []byte {
	if len(b) < 21 || b[4] != '-' || b[7] != '-' || b[10] != 'T' || b[13] != ':' || !isDigit(b[0]) {
		return b
	}
	if len(b) >= 29 && b[19] == '.' && b[27] == 'Z' && b[28] == ' ' && sevenDigits(b[20:28]) {
		return b[29:] // the usual seven decimals, as the loop below would find
	}
	for i := 19; i < len(b) && i < 40; i++ {
		switch c := b[i]; {
		case c == 'Z':
			if i+1 < len(b) && b[i+1] == ' ' {
				return skipStreamMark(b[i+2:])
			}
			return b[i+1:]
		case !isDigit(c) && c != '.' && c != ':' && c != '+' && c != '-':
			return b
		}
	}
	return b
}

// skipStreamMark removes GitLab's stream mark after its timestamp: two hex
// digits, O (stdout) or E (stderr), and a space, or "+" when the line
// continues the one before.
func skipStreamMark(b []byte) []byte {
	if len(b) >= 4 && isHex(b[0]) && isHex(b[1]) && (b[2] == 'O' || b[2] == 'E') && (b[3] == ' ' || b[3] == '+') {
		if b[3] == '+' && len(b) > 4 && b[4] == ' ' {
			return b[5:]
		}
		return b[4:]
	}
	return b
}

// skipTravisMarks removes the fold and timing marks Travis CI puts at the
// start of a line ("travis_fold:start:install.1", "travis_time:end:…"),
// each ended by "\x1b[0K" or by the end of the line.
func skipTravisMarks(b []byte) []byte {
	for len(b) > 0 && b[0] == 't' && (bytes.HasPrefix(b, travisFold) || bytes.HasPrefix(b, travisTime)) {
		i := bytes.Index(b, eraseLine)
		if i < 0 {
			return b[len(b):]
		}
		b = b[i+len(eraseLine):]
	}
	return b
}

var (
	travisFold = []byte("travis_fold:")
	travisTime = []byte("travis_time:")
	eraseLine  = []byte("\x1b[0K")
)

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// sevenDigits reports whether the first seven of b's eight bytes are ASCII
// digits, with one load: a byte is a digit when it is at least '0' and
// adding 0x46 (0x7f-'9') leaves its top bit clear.
func sevenDigits(b []byte) bool {
	x := binary.LittleEndian.Uint64(b) & 0x00ffffffffffffff
	const seven = 0x0030303030303030
	lo := (x | 0x0080808080808080) - seven // top bit cleared where a byte is below '0'
	hi := x + 0x0046464646464646           // top bit set where a byte is above '9'
	return (^lo|hi)&0x0080808080808080 == 0 && x&0x0080808080808080 == 0
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

// appendStripANSI appends b to dst without ANSI escape sequences (CSI, OSC
// and two-byte escapes) and without other control bytes except tab.
func appendStripANSI(dst, b []byte) []byte {
	for i := 0; i < len(b); i++ {
		// Runs of printable bytes are copied whole.
		j := i
		for j < len(b) && (b[j] >= 0x20 || b[j] == '\t') {
			j++
		}
		dst = append(dst, b[i:j]...)
		if i = j; i == len(b) {
			break
		}
		if b[i] == 0x1b {
			i = skipEscape(b, i)
		}
	}
	return dst
}

// skipEscape returns the index of the last byte of the escape sequence that
// starts at b[i] (an ESC byte).
func skipEscape(b []byte, i int) int {
	if i+1 >= len(b) {
		return i
	}
	switch b[i+1] {
	case '[':
		j := i + 2
		for j < len(b) && (b[j] < 0x40 || b[j] > 0x7e) {
			j++
		}
		return min(j, len(b)-1)
	case ']', '_', 'P', '^', 'X':
		// OSC, and the APC, DCS, PM and SOS strings ended the same way
		// (Buildkite's timestamps are "\x1b_bk;t=1712345678901\x07").
		for j := i + 2; j < len(b); j++ {
			if b[j] == 0x07 {
				return j
			}
			if b[j] == 0x1b && j+1 < len(b) && b[j+1] == '\\' {
				return j + 1
			}
		}
		return len(b) - 1
	default:
		return i + 1
	}
}

// cleanLine returns the display form of a raw line: no Actions timestamp,
// no ANSI sequences, no control bytes, valid UTF-8, and at most maxText
// bytes.
func cleanLine(raw []byte) string {
	return string(appendClean(make([]byte, 0, min(len(raw), maxText+8)), raw))
}

// appendClean appends the display form of a raw line to dst: also without
// the time a Jenkins timestamper or another console put before it (see
// dropStamp), since the line number already says where it is.
func appendClean(dst, raw []byte) []byte {
	n := len(dst)
	dst = appendStripANSI(dst, skipTravisMarks(stripTimestamp(raw)))
	if rest := dropStamp(dst[n:]); len(rest) != len(dst)-n {
		dst = append(dst[:n], rest...) // copy moves left: rest starts later in the same array
	}
	if !utf8.Valid(dst[n:]) {
		dst = append(dst[:n], bytes.ToValidUTF8(dst[n:], []byte("\uFFFD"))...)
	}
	if len(dst)-n <= maxText {
		return dst
	}
	cut := n + maxText
	for cut > n && dst[cut]&0xc0 == 0x80 {
		cut--
	}
	return append(dst[:cut], " …"...)
}

// maxText is the longest cleaned line kept in an excerpt.
const maxText = 400

// noControl reports whether b has no control byte other than tab.
func noControl(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\t' {
			return false
		}
	}
	return true
}
