package safety

import (
	"regexp"
	"strings"
	"sync"
)

// maxPEMLines bounds a PEM block: a 16384-bit RSA key has about 200 lines
// of base64, so a block still open after this many lines is not a key.
const maxPEMLines = 400

// pemRegexps are the armour lines of private keys and the log prefix kept in
// front of redacted lines (a GitHub Actions timestamp and indentation).
type pemRegexps struct {
	begin, end, prefix *regexp.Regexp
}

var pemRes = sync.OnceValue(func() pemRegexps {
	return pemRegexps{
		begin:  regexp.MustCompile(`-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----`),
		end:    regexp.MustCompile(`-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----`),
		prefix: regexp.MustCompile(`^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]{8,20}Z ?)?[ \t>|]*`),
	}
})

// pemState follows a multi-line private key block across lines and batches.
type pemState struct {
	open  bool
	lines int // body lines seen in the open block
}

// scan walks the lines of text and appends a span for every line inside an
// open private key block: the line's content after its log prefix.
func (st *pemState) scan(text string, lines []int, spans []span) []span {
	res := pemRes()
	for n, off := range lines {
		line := lineAt(text, lines, n)
		if !st.open && !strings.Contains(line, "PRIVATE KEY") {
			continue
		}
		spans = st.line(res, line, off, spans)
	}
	return spans
}

// line handles one line: body lines of an open block are redacted, an END
// line closes the block, a BEGIN line without its END opens one.
func (st *pemState) line(res pemRegexps, line string, off int, spans []span) []span {
	from := 0
	if st.open {
		p := len(res.prefix.FindString(line))
		if loc := res.end.FindStringIndex(line); loc != nil {
			if body := strings.TrimSpace(line[p:loc[0]]); body != "" && loc[0] > p {
				spans = append(spans, span{off + p, off + p, off + loc[0], "private-key"})
			}
			st.open, from = false, loc[1]
		} else if content := strings.TrimRight(line[p:], " \t\r"); st.lines < maxPEMLines && pemBody(content) {
			st.lines++
			if content != "" {
				spans = append(spans, span{off + p, off + p, off + p + len(content), "private-key"})
			}
			return spans
		} else {
			st.open = false
		}
	}
	begins := res.begin.FindAllStringIndex(line[from:], -1)
	if len(begins) == 0 {
		return spans
	}
	last := from + begins[len(begins)-1][1]
	if !res.end.MatchString(line[last:]) {
		st.open, st.lines = true, 0
	}
	return spans
}

// pemBody reports whether s can be a line inside a PEM block: base64
// (perhaps quoted, as in YAML or JSON arrays), an RFC 1421 header such as
// "Proc-Type: 4,ENCRYPTED", a blank line, or placeholders from an earlier
// redaction.
func pemBody(s string) bool {
	if s == "" || strings.Trim(s, "*") == "" {
		return true
	}
	if h, _, ok := strings.Cut(s, ": "); ok && h != "" && strings.Trim(h, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-") == "" {
		return true
	}
	if rest := stripPlaceholders(s); rest != s {
		return strings.TrimSpace(rest) == ""
	}
	s = strings.TrimSuffix(s, ",")
	s = strings.Trim(s, `"'`)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=') {
			return false
		}
	}
	return true
}

// stripPlaceholders removes every placeholder from s.
func stripPlaceholders(s string) string {
	ph := placeholders(s)
	if len(ph) == 0 {
		return s
	}
	var b strings.Builder
	at := 0
	for _, p := range ph {
		b.WriteString(s[at:p[0]])
		at = p[1]
	}
	b.WriteString(s[at:])
	return b.String()
}
