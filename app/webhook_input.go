package app

import (
	"bytes"
	"net"
	"net/http"
	"unsafe"

	"github.com/tidwall/gjson"
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

// route holds the fields of a delivery the intake routes and stores by.
type route struct {
	action         string
	installationID int64
	owner, repo    string
}

// routeOf reads action, installation.id, repository.owner.login and
// repository.name from a valid JSON object in one pass over its top level.
// Asking gjson for each path scans the body once per path (GitHub puts
// repository and installation near the end), and gjson's []byte entry
// points copy the whole body. The strings returned may share body's
// memory, which must not change afterwards. As with gjson paths, the first
// of repeated keys counts.
func routeOf(body []byte) route {
	var r route
	if len(body) == 0 {
		return r
	}
	var seenAction, seenInst, seenRepo bool
	gjson.Parse(unsafe.String(&body[0], len(body))).ForEach(func(key, value gjson.Result) bool {
		switch {
		case key.Str == "action" && !seenAction:
			r.action, seenAction = value.String(), true
		case key.Str == "installation" && !seenInst:
			r.installationID, seenInst = value.Get("id").Int(), true
		case key.Str == "repository" && !seenRepo:
			r.owner, r.repo, seenRepo = value.Get("owner.login").String(), value.Get("name").String(), true
		}
		return !(seenAction && seenInst && seenRepo)
	})
	return r
}

// jsonObject reports whether valid JSON is an object, without the copy of
// the body gjson.ParseBytes makes.
func jsonObject(valid []byte) bool {
	trimmed := bytes.TrimLeft(valid, " \t\r\n")
	return len(trimmed) > 0 && trimmed[0] == '{'
}
