package safety

import (
	"strings"
)

// DefaultMaxLen is GitHub's limit on a comment body.
const DefaultMaxLen = 65536

// DefaultHost is the GitHub host links may point to.
const DefaultHost = "github.com"

// Policy is what Sanitize needs to know about where a comment goes.
type Policy struct {
	Owner, Repo string // the repository the comment is posted to
	// Host is the GitHub host (a GitHub Enterprise Server's name); links to
	// it and to github.com stay links. Empty means github.com.
	Host string
	// Marker is the app's hidden marker comment, for example
	// "<!-- prcoach:check-run -->". It is the only HTML comment kept, exactly
	// once, at the start. Empty means no marker.
	Marker string
	// MaxLen caps the result in bytes (never fewer than GitHub's characters).
	// Zero or less means DefaultMaxLen.
	MaxLen int
}

// Sanitize makes Markdown safe to post as a comment, whoever wrote it (a
// model, a template, or text quoted from a log):
//
//   - @-mentions, including ones hidden with zero-width or bidi characters,
//     a fullwidth or small @, an HTML entity or a backslash escape, are put in
//     code spans, where GitHub neither links nor notifies;
//   - images become their alt text;
//   - links stay links only when they point to github.com, Policy.Host or a
//     relative path; other links become their text followed by the URL in a
//     code span, and bare URLs and e-mail addresses outside GitHub are put in
//     code spans, so nothing foreign is clickable;
//   - raw HTML is escaped and HTML comments are removed, except the marker
//     and <details>, <details open>, </details>, <summary> and </summary>,
//     which the app uses for folds;
//   - closing keywords with an issue reference ("fixes #1", "Closes: o/r#2",
//     "resolved https://github.com/o/r/issues/3") go into a code span, so
//     they close nothing;
//   - bidi controls and zero-width characters are removed everywhere;
//   - the result is at most MaxLen bytes, cut at a line, with an open code
//     fence or fold closed and a note that it was shortened.
//
// Code spans and fenced code blocks keep their content: GitHub renders no
// mention, link or HTML inside code.
func Sanitize(md string, p Policy) string {
	p = p.withDefaults()
	md = cleanChars(md)
	if p.Marker != "" {
		md = strings.ReplaceAll(md, cleanChars(p.Marker), "")
		md = strings.TrimLeft(md, "\r\n")
	}
	var b strings.Builder
	for _, seg := range splitFences(md) {
		if seg.code {
			b.WriteString(seg.text)
			continue
		}
		b.WriteString(sanitizeText(seg.text, p))
	}
	body := strings.TrimLeft(b.String(), "\r\n") // as the marker's removal does
	if p.Marker == "" {
		return truncate(body, p.MaxLen)
	}
	return p.Marker + "\n" + truncate(body, p.MaxLen-len(p.Marker)-1)
}

// withDefaults fills in the zero fields of p.
func (p Policy) withDefaults() Policy {
	if p.Host == "" {
		p.Host = DefaultHost
	}
	if p.MaxLen <= 0 {
		p.MaxLen = DefaultMaxLen
	}
	p.Marker = cleanChars(p.Marker)
	return p
}

// invisible are removed everywhere: bidi embeddings, overrides, isolates and
// marks, zero-width characters, the soft hyphen and NUL (which the
// sanitiser uses internally).
var invisible = strings.NewReplacer(
	"\u202a", "", "\u202b", "", "\u202c", "", "\u202d", "", "\u202e", "",
	"\u2066", "", "\u2067", "", "\u2068", "", "\u2069", "",
	"\u200e", "", "\u200f", "", "\u061c", "",
	"\u200b", "", "\u200c", "", "\u200d", "", "\u2060", "", "\ufeff", "",
	"\u180e", "", "\u00ad", "", "\x00", "",
	"\uff20", "@", "\ufe6b", "@", // fullwidth and small commercial at
)

// cleanChars removes invisible characters and folds look-alike @ signs.
// Invalid UTF-8 becomes U+FFFD first, so that removing a character can never
// splice stray bytes into a new one.
func cleanChars(s string) string { return invisible.Replace(strings.ToValidUTF8(s, "\ufffd")) }
