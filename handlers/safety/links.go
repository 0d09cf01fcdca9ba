package safety

import (
	"net/url"
	"regexp"
	"strings"
)

// Patterns of the Markdown and HTML constructs Sanitize rewrites.
var (
	htmlComment = regexp.MustCompile(`(?s)<!--.*?-->`)
	foldTag     = regexp.MustCompile(`(?i)<(/?)(details|summary)((?:\s+open)?)\s*>`)
	image       = regexp.MustCompile(`!\[([^\[\]]*)\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\]]*\])?`)
	inlineLink  = regexp.MustCompile(`\[([^\[\]]*)\]\([ \t]*(<[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))*)(?:[ \t]+("[^"]*"|'[^']*'|\([^()]*\)))?[ \t]*\)`)
	refDef      = regexp.MustCompile(`(?m)^ {0,3}\[([^\]^][^\]]*)\]:[ \t]*(<[^<>\n]*>|\S+)[^\n]*$`)
	entity      = regexp.MustCompile(`&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);`)
	bareURL     = regexp.MustCompile(`(?i)\b[a-z][a-z0-9+.-]{0,20}://[^\s<>\x60\x00]*|\bwww\.[^\s<>\x60\x00]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+`)
	closing     = regexp.MustCompile(`(?i)\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b(?:[ \t]*:[ \t]*|[ \t]+)(?:(?:[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)?#[0-9]+|https?://[^\s<>\x00]+/(?:issues|pull)/[0-9]+|GH-[0-9]+)`)
	mention     = regexp.MustCompile(`(^|[^A-Za-z0-9_])(@[A-Za-z0-9][A-Za-z0-9-]*(?:/[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?)`)
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
			return "[" + m[1] + "]" + st.put(m[0][len(m[1])+2:])
		}
		return m[1] + " (" + st.put(codeSpan(strings.Trim(m[2], "<>"))) + ")"
	})
	text = refDef.ReplaceAllStringFunc(text, func(line string) string {
		m := refDef.FindStringSubmatch(line)
		if allowedURL(m[2], p) {
			return st.put(line)
		}
		return m[1] + ": " + st.put(codeSpan(strings.Trim(m[2], "<>")))
	})
	text = entity.ReplaceAllStringFunc(text, func(e string) string {
		if safeEntities[e[1:len(e)-1]] {
			return e
		}
		return "&amp;" + e[1:]
	})
	text = strings.ReplaceAll(text, "<", "&lt;")
	text = closing.ReplaceAllStringFunc(text, func(c string) string { return st.put(codeSpan(c)) })
	text = bareURL.ReplaceAllStringFunc(text, func(u string) string { return stashURL(u, p, &st) })
	text = replaceAll(mention, text, func(m []string) string { return m[1] + st.put(codeSpan(m[2])) })
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

// stashURL stashes a bare URL or e-mail address: as it is when it points to
// GitHub, in a code span otherwise. Trailing punctuation stays outside.
func stashURL(u string, p Policy, st *stash) string {
	trimmed := strings.TrimRight(u, ".,:;!?*_~'\")")
	tail := u[len(trimmed):]
	check := trimmed
	if strings.HasPrefix(strings.ToLower(check), "www.") {
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
	raw = strings.TrimSpace(strings.Trim(raw, "<>"))
	if raw == "" || strings.ContainsAny(raw, "\\\x00") || strings.HasPrefix(raw, "//") {
		return false
	}
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	if u.Scheme == "" && u.Host == "" && u.User == nil {
		return !strings.Contains(strings.SplitN(raw, "/", 2)[0], ":")
	}
	if (u.Scheme != "https" && u.Scheme != "http") || u.User != nil || u.Opaque != "" {
		return false
	}
	host := strings.ToLower(u.Hostname())
	for _, h := range []string{DefaultHost, strings.ToLower(p.Host)} {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	return false
}
