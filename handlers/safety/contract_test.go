package safety

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// This file is the test oracle for the output contract: an independent,
// deliberately simple reading of what GitHub would render live.

var (
	oracleMention = regexp.MustCompile(`(^|[^A-Za-z0-9_])@[A-Za-z0-9]`)
	oracleImage   = regexp.MustCompile(`(?i)!\[[^\]]*\][ \t]*[(\[]|<img`)
	oracleTag     = regexp.MustCompile(`<[A-Za-z/!?][^>]*>?`)
	oracleLink    = regexp.MustCompile(`\[[^\[\]]*\]\(\s*<?([^)\s>]*)>?(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)`)
	oracleURL     = regexp.MustCompile(`(?i)(?:^|[\s*_~(])(?:(?:https?|ftp)://[^\s<>)\]]*|www\.[^\s<>)\]]+)|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z]`)
	oracleEntity  = regexp.MustCompile(`(?i)&(#[0-9]+;|#x[0-9a-f]+;|commat;)`)
	oracleClosing = regexp.MustCompile(`(?i)\b(close[sd]?|fix(e[sd])?|resolve[sd]?)\b[ \t]*:?[ \t]*([\w.-]+/[\w.-]+)?#[0-9]`)
	allowedTags   = map[string]bool{"<details>": true, "<details open>": true, "</details>": true, "<summary>": true, "</summary>": true}
)

// stripCode removes fenced code blocks and code spans, where GitHub renders
// nothing live.
func stripCode(md string) string {
	var out []string
	var fenceChar byte
	fenceLen := 0
	for _, line := range strings.Split(md, "\n") {
		t := strings.TrimLeft(line, " ")
		indent := len(line) - len(t)
		run := 0
		for run < len(t) && (t[run] == '`' || t[run] == '~') && t[run] == t[0] {
			run++
		}
		if fenceLen > 0 {
			if indent <= 3 && run >= fenceLen && t[0] == fenceChar && strings.TrimSpace(t[run:]) == "" {
				fenceLen = 0
			}
			continue
		}
		if indent <= 3 && run >= 3 && !(t[0] == '`' && strings.Contains(t[run:], "`")) {
			fenceChar, fenceLen = t[0], run
			continue
		}
		out = append(out, line)
	}
	text := strings.Join(out, "\n")
	var b strings.Builder
	for i := 0; i < len(text); {
		if text[i] != '`' || (i > 0 && text[i-1] == '\\') {
			b.WriteByte(text[i])
			i++
			continue
		}
		n := 0
		for i+n < len(text) && text[i+n] == '`' {
			n++
		}
		j := -1 // the next run of exactly n backticks
		for k := i + n; k < len(text); {
			if text[k] != '`' {
				k++
				continue
			}
			m := 0
			for k+m < len(text) && text[k+m] == '`' {
				m++
			}
			if m == n {
				j = k
				break
			}
			k += m
		}
		if j < 0 || strings.Contains(text[i:j], "\n\n") {
			b.WriteString(text[i : i+n])
			i += n
			continue
		}
		b.WriteString("·") // a code span is inert
		i = j + n
	}
	return b.String()
}

// contractViolations lists how out breaks the output contract.
func contractViolations(out string, p Policy) []string {
	var v []string
	if p.Marker != "" && (!strings.HasPrefix(out, p.Marker+"\n") || strings.Count(out, p.Marker) != 1) {
		v = append(v, "marker not exactly once at the start")
	}
	if len(out) > max(p.MaxLen, 0) && p.MaxLen > 0 || p.MaxLen <= 0 && len(out) > DefaultMaxLen {
		v = append(v, "too long")
	}
	if strings.ContainsAny(out, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\uff20") {
		v = append(v, "invisible or bidi character")
	}
	live := stripCode(strings.Replace(out, p.Marker, "", 1))
	if oracleMention.MatchString(live) {
		v = append(v, "live mention: "+oracleMention.FindString(live))
	}
	if oracleImage.MatchString(live) {
		v = append(v, "image: "+oracleImage.FindString(live))
	}
	if oracleEntity.MatchString(live) {
		v = append(v, "entity that may render as @ or markup")
	}
	if oracleClosing.MatchString(live) {
		v = append(v, "closing keyword: "+oracleClosing.FindString(live))
	}
	for _, tag := range oracleTag.FindAllString(live, -1) {
		if !allowedTags[tag] {
			v = append(v, "raw HTML: "+tag)
		}
	}
	for _, m := range oracleLink.FindAllStringSubmatch(live, -1) {
		if !oracleAllowed(m[1], p) {
			v = append(v, "foreign link: "+m[1])
		}
	}
	for _, u := range oracleURL.FindAllString(live, -1) {
		u = strings.TrimRight(strings.TrimLeft(u, " \t\r\n*_~("), "?!.,:;*_~'\"") // GFM trims these
		if strings.HasPrefix(strings.ToLower(u), "www.") {
			u = "https://" + u
		}
		if !oracleAllowed(u, p) {
			v = append(v, "foreign bare URL: "+u)
		}
	}
	return v
}

// oracleAllowed is the test's own reading of "links only to GitHub".
func oracleAllowed(raw string, p Policy) bool {
	u, err := url.Parse(raw)
	if err != nil || strings.Contains(raw, `\`) || strings.HasPrefix(raw, "//") {
		return false
	}
	if u.Scheme == "" && u.Host == "" {
		return !strings.Contains(raw, "@")
	}
	host := strings.ToLower(u.Hostname())
	hostOK := host == "github.com" || strings.HasSuffix(host, ".github.com") ||
		p.Host != "" && (host == p.Host || strings.HasSuffix(host, "."+p.Host))
	return (u.Scheme == "https" || u.Scheme == "http") && u.User == nil && hostOK
}

func TestOracleCatchesViolations(t *testing.T) {
	p := Policy{Marker: "<!-- m -->", MaxLen: 1000}
	for _, bad := range []string{
		"<!-- m -->\n@octocat hi", "<!-- m -->\n![x](y)", "<!-- m -->\n[a](https://evil.example)",
		"<!-- m -->\nsee https://evil.example", "<!-- m -->\n<b>x</b>", "<!-- m -->\nfixes #1",
		"<!-- m -->\n&#64;octocat", "no marker", "<!-- m -->\n<!-- m -->\n", "<!-- m -->\na\u202eb",
		"<!-- m -->\nmail a@b.co", "<!-- m -->\n`a` @x `b`",
	} {
		if len(contractViolations(bad, p)) == 0 {
			t.Errorf("oracle accepts %q", bad)
		}
	}
	for _, good := range []string{
		"<!-- m -->\n`@octocat` hi", "<!-- m -->\n```\n@x <b> ![x](y)\n```", "<!-- m -->\n[a](https://github.com/o/r)",
		"<!-- m -->\n<details><summary>s</summary>\n\nx\n</details>", "<!-- m -->\n`` a`@x ``",
	} {
		if v := contractViolations(good, p); len(v) != 0 {
			t.Errorf("oracle rejects %q: %v", good, v)
		}
	}
}
