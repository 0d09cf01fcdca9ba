package feedback

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxSignatureLen is the longest signature text, in characters; longer
// lines are cut, so a huge line costs no more than a short one.
const MaxSignatureLen = 240

// maxLineBytes is how much of a line is read; the rest cannot reach the
// signature.
const maxLineBytes = 4 * 1024

// Signature is a failure's key error line with what changes from run to
// run taken out: numbers, hex, temporary paths and names, durations,
// timestamps, UUIDs and network addresses become placeholders. Two runs of
// the same failure have the same Signature.
type Signature struct {
	// Text is the normalised line, at most MaxSignatureLen characters; it
	// holds placeholders like <n>, <hex>, <tmp>, <dur>, <time>, <uuid> and
	// <addr>.
	Text string
	// ID is a short stable hash of Text (16 hex digits), to store and look
	// up by.
	ID string
}

// IsZero reports whether s is the signature of no line.
func (s Signature) IsZero() bool { return s.Text == "" }

// SignatureOf normalises a failure's key error line into its Signature. A
// line with nothing left once normalised (blank, or only a timestamp) has
// the zero Signature.
func SignatureOf(line string) Signature {
	t := normalize(line)
	if t == "" {
		return Signature{}
	}
	sum := sha256.Sum256([]byte(t))
	return Signature{Text: t, ID: hex.EncodeToString(sum[:8])}
}

// rule replaces what re matches with repl (a fixed text, or a function of
// the match when fn is set).
type rule struct {
	re   *regexp.Regexp
	repl string
	fn   func(string) string
}

// rules run in order: later ones see the placeholders of earlier ones, and
// placeholders hold no digits, so numbers are replaced last.
var rules = []rule{
	// Colours, CI markup and the timestamp a runner puts before each line.
	{re: regexp.MustCompile(`\x1b\[[0-9;?]*[ -/]*[@-~]`)},
	{re: regexp.MustCompile(`^\s*\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z\s+`)},
	{re: regexp.MustCompile(`##\[(?:error|warning|notice)\]|::(?:error|warning|notice)[^:]*::`)},
	{re: regexp.MustCompile(`\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b`), repl: "<uuid>"},
	// Timestamps: ISO 8601 (also with _ or . for : in file names), dates
	// with month names, bare dates and times of day.
	{re: regexp.MustCompile(`\b\d{4}-\d\d-\d\d(?:[T _]\d\d[:_.-]\d\d(?:[:_.-]\d\d)?(?:[.,_]\d+)?(?:Z|[+-]\d\d:?\d\d)?)?\b`), repl: "<time>"},
	{re: regexp.MustCompile(`\b\d{4}/\d\d/\d\d\b`), repl: "<time>"},
	{re: regexp.MustCompile(`\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? +\d{1,2}(?:, *\d{4})?\b`), repl: "<date>"},
	{re: regexp.MustCompile(`\b\d{1,2}:\d\d:\d\d(?:[.,]\d+)?(?: ?[AP]M)?\b`), repl: "<time>"},
	// Temporary folders, keeping the file's own name.
	{re: tempPath, fn: tempFile},
	// Checkouts on GitHub-hosted runners (and Travis CI's), so Linux, macOS
	// and Windows agree.
	{re: checkout, fn: func(m string) string {
		return "<src>/" + strings.ReplaceAll(checkout.ReplaceAllString(m, "$1"), `\`, "/")
	}},
	// Names temporary-file functions make up: tmpa8x_2kq, tmp-2131-xYz,
	// junit7263535268, tmp4F2A.tmp.
	{re: regexp.MustCompile(`\b(?:tmp|temp|junit)[-_.]?[A-Za-z0-9_-]{4,}|\btmp[0-9A-Fa-f]{1,5}\.tmp\b`), fn: tempName},
	// Network addresses: IPv6 in brackets or loopback, IPv4 with its port.
	{re: regexp.MustCompile(`\[[0-9a-fA-F.]*:[0-9a-fA-F.]*:[0-9a-fA-F:.]*(?:%[\w.]+)?\](?::\d+)?|(?:^|\B)::1(?::\d+)?\b|\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b`), repl: "<addr>"},
	{re: regexp.MustCompile(`\b0[xX][0-9a-fA-F]+\b`), repl: "<hex>"},
	{re: regexp.MustCompile(`\b[0-9a-fA-F]{8,}\b`), fn: hexID},
	// Durations: Go's 1m2.5s, and a number with a unit of time.
	{re: regexp.MustCompile(`\b(?:\d+(?:\.\d+)?(?:ns|µs|us|ms|h|m|s)){2,4}\b|\b\d+(?:[.,]\d+)? ?(?:ns|µs|us|ms|s|secs?|seconds?|mins?|minutes?|hours?)\b`), repl: "<dur>"},
}

// checkout matches a path in a GitHub-hosted runner's checkout; group 1
// is the path inside it.
var checkout = regexp.MustCompile(`(?:/home/runner/work|/Users/runner/work|[A-Z]:\\a|/home/travis/build|/Users/travis/build)[/\\][^/\\\s'"]+[/\\][^/\\\s'"]+[/\\]([^\s'"()\[\]]*)`)

// tempPath matches a path under a temporary folder: /tmp, /var/tmp,
// macOS's /var/folders, the runner's _temp, Windows' Temp.
var tempPath = regexp.MustCompile(`(?i)(?:^|[\s'"(=:\[])(?:(?:/private)?/var/folders/[^\s'"]+|/(?:var/)?tmp/[^\s'":]*|(?:/home/runner/work|/runner/_work|[a-z]:\\a)[/\\]_temp[/\\][^\s'":]*|[a-z]:\\(?:[^\s'"\\]+\\)*?temp\\[^\s'":]*|\$(?:RUNNER_)?TEMP[/\\][^\s'":]*)`)

// tempFile replaces a temporary path, after the character that led it in,
// with <tmp>/ and the file's own name.
func tempFile(m string) string {
	lead := ""
	if m != "" && strings.ContainsRune(" \t'\"(=:[", rune(m[0])) {
		lead, m = m[:1], m[1:]
	}
	return lead + "<tmp>/" + baseName(m)
}

// baseName is the last element of a path with / or \ separators.
func baseName(p string) string {
	p = strings.TrimRight(p, `/\`)
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// tempName replaces a made-up temporary name; one without a digit may be a
// plain word (template, temperature) and stays.
func tempName(m string) string {
	if !strings.ContainsAny(m, "0123456789") {
		return m
	}
	if strings.HasSuffix(strings.ToLower(m), ".tmp") {
		return "<tmpname>.tmp"
	}
	return "<tmpname>"
}

// hexID replaces a run of 8 or more hex digits that mixes digits and
// letters (a hash, an object's identity); a plain number is left to the
// number rule and a word like "deadbeef" stays.
func hexID(m string) string {
	if strings.ContainsAny(m, "0123456789") && strings.ContainsAny(m, "abcdefABCDEF") {
		return "<hex>"
	}
	return m
}

// dropControl maps whitespace to a space and drops other control
// characters, such as a stray escape a colour code left.
func dropControl(r rune) rune {
	switch {
	case unicode.IsSpace(r):
		return ' '
	case unicode.IsControl(r):
		return -1
	}
	return r
}

// normalize applies the rules, then replaces numbers, drops control
// characters, collapses spaces and cuts the line to MaxSignatureLen characters.
func normalize(line string) string {
	if len(line) > maxLineBytes {
		line = line[:maxLineBytes]
	}
	if !utf8.ValidString(line) {
		line = strings.ToValidUTF8(line, "\uFFFD")
	}
	for _, r := range rules {
		switch {
		case r.fn != nil:
			line = r.re.ReplaceAllStringFunc(line, r.fn)
		default:
			line = r.re.ReplaceAllLiteralString(line, r.repl)
		}
	}
	line = strings.Join(strings.Fields(strings.Map(dropControl, replaceNumbers(line))), " ")
	if utf8.RuneCountInString(line) > MaxSignatureLen {
		line = string([]rune(line)[:MaxSignatureLen])
	}
	return line
}
