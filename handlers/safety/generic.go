package safety

import (
	"strings"
	"unicode"
)

// notSecret holds values that follow "password:" and friends in logs and
// configuration without being secrets.
var notSecret = map[string]bool{
	"null": true, "nil": true, "none": true, "true": true, "false": true,
	"undefined": true, "empty": true, "required": true, "optional": true,
	"string": true, "redacted": true, "masked": true, "hidden": true,
	"secret": true, "password": true, "token": true, "unset": true,
}

// genericValue decides whether the value of a generic "key: value"
// assignment looks like a secret. c.groups are the rule's submatches:
// 1 the separator, 2 the value with its quotes.
//
// It errs on the side of redacting, except for values a CI log is full of:
// variable references, paths, URLs and plain words after "key: " (as in
// "Unexpected token: identifier").
func genericValue(c candidate) bool {
	sep, v := c.groups[1], c.groups[2]
	quoted := len(v) >= 2 && (v[0] == '"' || v[0] == '\'')
	if quoted {
		v = v[1 : len(v)-1]
	}
	if len(v) < 4 || notSecret[strings.ToLower(v)] || strings.Trim(v, "*x.-_#") == "" {
		return false
	}
	for _, p := range []string{"$", "%", "<", "{{", "[REDACTED", "/", "./", "~/", "http://", "https://"} {
		if strings.HasPrefix(v, p) {
			return false
		}
	}
	if quoted {
		return !strings.ContainsRune(v, ' ')
	}
	if sep == ":" {
		return len(v) >= 8 && strings.IndexFunc(v, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0
	}
	return true
}

// unquote narrows a match of the generic rule to the value inside its quotes.
func unquote(line string, start, end int) (int, int) {
	if end-start >= 2 && (line[start] == '"' || line[start] == '\'') && line[end-1] == line[start] {
		return start + 1, end - 1
	}
	return start, end
}
