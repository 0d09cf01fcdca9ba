package app

import (
	"bytes"
	"net"
	"net/http"
)

// otherEvent is the metrics label of every event without a handler, and of
// every request whose signature was not verified.
const otherEvent = "other"

// headerToken reports whether s is at most max bytes of printable ASCII
// without spaces, as GitHub's event names and delivery GUIDs are. Empty is
// allowed here; required headers are checked once the signature holds.
func headerToken(s string, max int) bool {
	if len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// shallowJSON reports whether the JSON in body nests at most max levels of
// objects and arrays. It does not recurse and does not validate. A body with
// no more than max brackets in all is passed without a scan.
func shallowJSON(body []byte, max int) bool {
	if bytes.Count(body, []byte{'{'})+bytes.Count(body, []byte{'['}) <= max {
		return true
	}
	depth, inString := 0, false
	for i := 0; i < len(body); i++ {
		c := body[i]
		if inString {
			switch c {
			case '\\':
				i++
			case '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '{', '[':
			if depth++; depth > max {
				return false
			}
		case '}', ']':
			depth--
		}
	}
	return true
}

// socketIP is the address of the peer of req's connection. Forwarding
// headers are not read: anyone can send them.
func socketIP(req *http.Request) string {
	host, _, err := net.SplitHostPort(req.RemoteAddr)
	if err != nil {
		return req.RemoteAddr
	}
	return host
}

// clip cuts s to at most n bytes for a log field, on a valid UTF-8 boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for len(s) > 0 && s[len(s)-1]&0xC0 == 0x80 {
		s = s[:len(s)-1]
	}
	if len(s) > 0 && s[len(s)-1] >= 0xC0 {
		s = s[:len(s)-1]
	}
	return s + "…"
}
