package ci

import (
	"regexp"
	"strings"
)

// maxQuote is the most characters of a log line a title quotes.
const maxQuote = 90

// levelPrefix is a log level in brackets a tool puts before its message
// ("[error] ", "##[error]", "[ERROR] "): the title says it failed already.
var levelPrefix = regexp.MustCompile(`^(?:##\[error\]|\[(?i:error|fatal|err)\]:?\s*)`)

// longPath is a file path of five parts or more.
var longPath = regexp.MustCompile(`(?:[\w.@+-]*/){4,}([\w.@+-]+/[\w.@+-]+)`)

// titleQuote is a log line as a title quotes it: without a bracketed log
// level, long paths cut to their last two parts, and at most maxQuote
// characters, cut after a whole word where one ends late enough.
func titleQuote(line string) string {
	line = strings.TrimSpace(levelPrefix.ReplaceAllString(strings.TrimSpace(line), ""))
	line = longPath.ReplaceAllString(line, "…/$1")
	r := []rune(line)
	if len(r) <= maxQuote {
		return line
	}
	cut := maxQuote
	for i := maxQuote; i > maxQuote*2/3; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ,;:") + "…"
}

// workspace is the checkout folder of a hosted CI runner at the start of
// a path: Travis, GitHub Actions (Linux, macOS, Windows), GitLab, Jenkins,
// CircleCI and the Actions container.
var workspace = regexp.MustCompile(`^(?:/(?:home|Users)/(?:travis/build|runner/work)/[^/]+/[^/]+/|[A-Z]:\\a\\[^\\]+\\[^\\]+\\|/builds/[^/]+/[^/]+/|/var/lib/jenkins/workspace/[^/]+/|/home/circleci/project/|/github/workspace/)`)

// inRepository is a file path as the repository names it: without the
// runner's checkout folder, so a title reads "Sources/Cart.swift" rather
// than "/Users/travis/build/acme/app/Sources/Cart.swift".
func inRepository(path string) string {
	if rest := workspace.ReplaceAllString(path, ""); rest != "" {
		return rest
	}
	return path
}
