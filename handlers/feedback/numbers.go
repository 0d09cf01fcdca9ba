package feedback

import (
	"regexp"
	"strings"
)

// Numbers that name the failure rather than the run stay as they are.
var (
	// statusBefore ends the text before an exit status, signal, errno or
	// HTTP status (HTTP/1.1 is HTTP/<n> by then).
	statusBefore = regexp.MustCompile(`(?i)(?:exit code|exit status|exited with code|exit|status code|http status|signal|errno|error code|http(?:/<n>)?)[\s:=]*$`)
	// reasonAfter starts the text after a three-digit HTTP status.
	reasonAfter = regexp.MustCompile(`^ (?:OK|Created|Moved Permanently|Found|Not Modified|Bad Request|Unauthorized|Forbidden|Not Found|Method Not Allowed|Conflict|Gone|Unprocessable Entity|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Time-?out)\b`)
)

// replaceNumbers replaces each run of digits, with its decimals (1.25,
// 1.2.3), by <n>, except digits that name something:
//   - an error code: capitals, perhaps a hyphen, up to 5 digits (E0308,
//     CS0103, TS2345, GHC-88464, SC2086);
//   - part of a name: up to 4 digits right after a letter (sha256, utf8,
//     python3); longer runs there are made up (junit8423497523);
//   - an exit status, signal, errno or HTTP status of up to 3 digits after
//     its keyword ("exit code 137", "[Errno 13]"), or an HTTP status before
//     its reason phrase ("404 Not Found").
func replaceNumbers(t string) string {
	var b strings.Builder
	for i := 0; i < len(t); {
		if !isDigit(t[i]) {
			b.WriteByte(t[i])
			i++
			continue
		}
		j := i
		for j < len(t) && isDigit(t[j]) {
			j++
		}
		if keepDigits(t, i, j, b.String()) {
			b.WriteString(t[i:j])
			i = j
			continue
		}
		for j+1 < len(t) && t[j] == '.' && isDigit(t[j+1]) {
			j++
			for j < len(t) && isDigit(t[j]) {
				j++
			}
		}
		b.WriteString("<n>")
		i = j
	}
	return b.String()
}

// keepDigits reports whether the digits t[i:j] stay; done is the output so
// far.
func keepDigits(t string, i, j int, done string) bool {
	n := j - i
	if i > 0 && t[i-1] == '%' && n <= 2 {
		return true // a URL's escape, %2f
	}
	if i > 0 && isLetter(t[i-1]) {
		return n <= 4 || (n <= 5 && isCode(t[:i]))
	}
	if i > 1 && t[i-1] == '-' && n <= 5 && isCode(t[:i-1]) {
		return true
	}
	if n > 3 {
		return false
	}
	return statusBefore.MatchString(done[max(0, len(done)-32):]) || (n == 3 && t[i] >= '1' && t[i] <= '5' && reasonAfter.MatchString(t[j:]))
}

// isCode reports whether s ends in a word of capitals, the prefix of an
// error code.
func isCode(s string) bool {
	k := len(s)
	for k > 0 && s[k-1] >= 'A' && s[k-1] <= 'Z' {
		k--
	}
	return k < len(s) && (k == 0 || !isLetter(s[k-1]) && !isDigit(s[k-1]))
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
