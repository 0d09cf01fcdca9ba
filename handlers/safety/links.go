package safety

import (
	"net"
	"net/url"
	"regexp"
	"strings"
)

// Patterns of the Markdown and HTML constructs Sanitize rewrites.
var (
	htmlComment = regexp.MustCompile(`(?s)<!--.*?-->`)
	foldTag     = regexp.MustCompile(`(?i)<(/?)(details|summary)((?:\s+open)?)\s*>`)
	image       = regexp.MustCompile(`!\[([^\[\]]*)\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\]]*\])?`)
	inlineLink  = regexp.MustCompile(`\[([^\[\]]*)\]\(\s*(<[^<>\n]*>|(?:\([^\s()]*\)|[^\s)])*)(?:\s+("[^"]*"|'[^']*'|\([^()]*\)))?\s*\)`)
	refDef      = regexp.MustCompile(`(?m)^( {0,3}\[([^\]^][^\]]*)\]:[ \t]*)(<[^<>\n]*>|\S+)`)
	entity      = regexp.MustCompile(`&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);`)
	bareURL     = regexp.MustCompile(`(?i)[a-z][a-z0-9+.-]{0,20}://[^\s<>\x60\x00\\]*|\bwww\.[^\s<>\x60\x00\\]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+`)
	closing     = regexp.MustCompile(`(?i)(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b[ \t]*:?[ \t]*(?:(?:[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)?#[0-9]+|https?://[^\s<>\x00]+/(?:issues|pull)/[0-9]+|GH-[0-9]+)`)
	mention     = regexp.MustCompile(`(@[A-Za-z0-9][A-Za-z0-9-]*(?:/[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?)`)
)

// safeEntities render as themselves and never as markup or an @.
var safeEntities = map[string]bool{"lt": true, "gt": true, "amp": true, "quot": true}

// sanitizeText applies the output contract to Markdown outside fenced code.
func sanitizeText(text string, p Policy) string {
	var st stash
	text = stashCodeSpans(text, &st)
	text = htmlComment.ReplaceAllString(text, "")
	text = foldTag.ReplaceAllStringFunc(text, func(tag string) string {
		m := foldTag.FindStringSubmatch(tag)
		open := ""
		if strings.EqualFold(m[2], "details") && m[3] != "" {
			open = " open"
		}
		return st.put("<" + m[1] + strings.ToLower(m[2]) + open + ">")
	})
	text = replaceAll(image, text, func(m []string) string { return m[1] })
	text = replaceAll(inlineLink, text, func(m []string) string {
		if allowedURL(m[2], p) {
			// Rebuilt without its title, which could carry markup.
			return "[" + m[1] + "]" + st.put("("+strings.ReplaceAll(strings.Trim(m[2], "<>"), " ", "%20")+")")
		}
		// The destination may hold stashed code spans: wrap what it reads
		// as, so that one code span is never nested in another.
		if dest := st.expand(strings.Trim(m[2], "<>")); strings.TrimSpace(dest) != "" {
			return m[1] + " (" + st.put(codeSpan(dest)) + ")"
		}
		return m[1]
	})
	text = refDef.ReplaceAllStringFunc(text, func(line string) string {
		m := refDef.FindStringSubmatch(line)
		if allowedURL(m[3], p) {
			return st.put(line)
		}
		return m[2] + ": " + st.put(codeSpan(strings.Trim(m[3], "<>")))
	})
	text = entity.ReplaceAllStringFunc(text, func(e string) string {
		if safeEntities[e[1:len(e)-1]] {
			return e
		}
		return "&amp;" + e[1:]
	})
	text = strings.ReplaceAll(text, "<", "&lt;")
	text = replaceAtWordStart(closing, text, func(c string) string { return st.put(codeSpan(c)) })
	text = bareURL.ReplaceAllStringFunc(text, func(u string) string { return stashURL(u, p, &st) })
	text = replaceAtWordStart(mention, text, func(m string) string { return st.put(codeSpan(m)) })
	return st.expand(text)
}

// replaceAll replaces every match of re in s by f of its submatches,
// repeating until nothing changes so that nested constructs are unwrapped
// from the inside out.
func replaceAll(re *regexp.Regexp, s string, f func([]string) string) string {
	for range 16 {
		next := re.ReplaceAllStringFunc(s, func(m string) string { return f(re.FindStringSubmatch(m)) })
		if next == s {
			break
		}
		s = next
	}
	return s
}

// replaceAtWordStart replaces the matches of re that start a word: at the
// start of text, after a character other than a letter, digit or '_', or
// right after another replaced match (which becomes a code span, and a
// word may start after a code span). A match that does not start a word
// may still hide one that does ("xClose o/RESOLVE#1"), so the search goes
// on from its next byte rather than from its end.
func replaceAtWordStart(re *regexp.Regexp, text string, f func(string) string) string {
	var b strings.Builder
	at, lastEnd, from := 0, -1, 0
	for from <= len(text) {
		m := re.FindStringIndex(text[from:])
		if m == nil {
			break
		}
		start, end := from+m[0], from+m[1]
		if start > 0 && start != lastEnd && isWordByte(text[start-1]) {
			from = start + 1
			continue
		}
		b.WriteString(text[at:start])
		b.WriteString(f(text[start:end]))
		at, lastEnd = end, end
		from = max(end, start+1)
	}
	b.WriteString(text[at:])
	return b.String()
}

// isWordByte reports whether c is an ASCII letter or digit. '_' is not:
// GitHub still links "_@user_" (emphasis around a mention) and
// "_fixes #1_", so a match after '_' must be defused too.
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// stashURL stashes a bare URL or e-mail address: as it is when it points to
// GitHub, in a code span otherwise. Trailing punctuation stays outside.
func stashURL(u string, p Policy, st *stash) string {
	trimmed := strings.TrimRight(u, ".,:;!?*_~'\")")
	tail := u[len(trimmed):]
	check := trimmed
	if strings.HasPrefix(strings.ToLower(u), "www.") {
		check = "https://" + check
	}
	if !strings.Contains(trimmed, "://") && strings.Contains(trimmed, "@") {
		return st.put(codeSpan(trimmed)) + tail // an e-mail address
	}
	if allowedURL(check, p) {
		return st.put(trimmed) + tail
	}
	return st.put(codeSpan(trimmed)) + tail
}

// allowedURL reports whether a link destination may stay a link: a relative
// reference or an http(s) URL without user info on github.com, Policy.Host
// or one of their subdomains.
func allowedURL(raw string, p Policy) bool {
	if strings.HasPrefix(raw, "<") && strings.HasSuffix(raw, ">") && len(raw) >= 2 {
		raw = raw[1 : len(raw)-1]
	}
	if strings.ContainsFunc(raw, func(r rune) bool { return r < ' ' && r != '\t' && r != '\n' && r != '\r' || r == 0x7f }) {
		return false // control characters: renderers disagree on where such a link ends
	}
	raw = strings.TrimSpace(raw)
	if raw == "" || strings.ContainsAny(raw, "<>\"'`") || strings.ContainsAny(raw, "\\\x00") || strings.HasPrefix(raw, "//") {
		return false
	}
	if i := strings.Index(raw, "://"); i >= 0 && strings.Contains(raw[i+3:], "://") {
		return false // a second URL inside: renderers disagree on where the first ends
	}
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	if u.Scheme == "" && u.Host == "" && u.User == nil {
		return !strings.Contains(strings.SplitN(raw, "/", 2)[0], ":") && !strings.Contains(raw, "@")
	}
	if (u.Scheme != "https" && u.Scheme != "http") || u.User != nil || u.Opaque != "" {
		return false
	}
	return onHost(u, DefaultHost) || onHost(u, strings.ToLower(p.Host))
}

// onHost reports whether u points to host ("name" or "name:port", as a
// GitHub Enterprise Server on a non-default port is reached) or one of its
// subdomains. A host with a port matches only that port.
func onHost(u *url.URL, host string) bool {
	name, port := host, ""
	if h, pt, err := net.SplitHostPort(host); err == nil {
		name, port = h, pt
	}
	got := strings.ToLower(u.Hostname())
	if got != name && !strings.HasSuffix(got, "."+name) {
		return false
	}
	return port == "" || u.Port() == port
}
