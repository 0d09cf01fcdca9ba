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

// bodyOf is a trimmed line without the time of day or timestamp a CI
// system put before it ("20:44:19 ", "7:51:34 PM: ", "[2024-…] "; see
// matchBody and dropStamp).
func bodyOf(line string) string {
	return strings.TrimSpace(string(matchBody([]byte(strings.TrimSpace(line)))))
}

// longPath is a file path of five parts or more.
var longPath = regexp.MustCompile(`(?:[\w.@+-]*/){4,}([\w.@+-]+/[\w.@+-]+)`)

// titleQuote is a log line as a title quotes it: without a CI's time of
// day or timestamp before it, without a bracketed log level, long paths
// cut to their last two parts, and at most maxQuote characters, cut after
// a whole word where one ends late enough.
func titleQuote(line string) string {
	line = strings.TrimSpace(levelPrefix.ReplaceAllString(bodyOf(line), ""))
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

// A title quotes the line that says what went wrong. Lines a tool prints
// on the way there make poor titles even when the line scorer rates them
// high, because they sit next to the error: where the error happened (a
// stack frame), how far a tool got (a progress or status line, a test that
// passed), what the machine is (an aligned "Name:   value" line), data a
// tool dumps (a JSON field), a diff, a command a build echoes, a warning,
// and a link checker's note that a link moved (a redirect is not broken).

// stackFrame finds a line of a stack trace or backtrace: JavaScript and
// Java "at f (file:line)", Python "File "x", line n", Ruby "file:12:in
// `m'", Lua "file:12: in function 'f'", Go "file.go:12 +0x1d", R's
// "Calls: a -> b", and a call as Lisp, Erlang or Perl backtraces print it
// ("name(args)" alone on the line, or a Lisp form "(let ((a b)) …)").
var stackFrame = regexp.MustCompile(`^(?:at (?:(?:new |async )?[\w$.<>\[\]/-]+(?: \[as \w+\])? ?\(.*\)|\S+:\d+(?::\d+)?)$|File "[^"]+", line \d+|\S+:\d+:in ` + "`" + `|\S+:\d+: in (?:function|main chunk|upvalue|local|method|field|\?)|\S+\.go:\d+ \+0x[0-9a-f]+$|Calls: |[\w.$:/<>#*-]+\((?:.*\)|\(.*)$|\([\w*-]+ .*\)\))`)

// progressLine finds a line that says how far a tool got or that a part
// passed: "Linting 'a.swift' (3/120)", "[ 4/12] Compiling x", "50%",
// "Downloading …", "name ..... PASS", "✓ test", "Congratulations! All
// commits are signed", "Successfully built 3bd5ba0a82f0", Docker's
// "Step 4/9 : RUN make".
var progressLine = regexp.MustCompile(`(?i)\(\d+/\d+\)|\[\s*\d+\s*(?:/|of)\s*\d+\]|\b\d{1,3}(?:\.\d+)?%|^(?:linting|compiling|building|downloading|installing|fetching|resolving|checking|running|processing|loading|extracting|unpacking|collecting|preparing|generating|copying|cloning|updating|waiting|starting|finished|creating|configuring|solving|analy[sz]ing|scanning|testing|executing|verifying)\b|(?:\s|^)(?:pass|passed|ok|skip|skipped|success|succeeded|done)\.?$|^(?:ok|pass|passed|congratulations)\b|\bsuccessfully\b|^[✓✔√]|^Step \d+(?:/\d+)? : `)

// infoLine finds an aligned "Name:   value" line of a tool's report about
// the machine or the run ("OS Name:     Mac OS X", Azure Pipelines' task
// header "Task         : Command line").
var infoLine = regexp.MustCompile(`^[A-Z][\w .()/-]{0,30}:\s{2,}\S|^[A-Z][\w.()/-]*(?: [\w.()/-]+)*\s{2,}:\s+\S`)

// dataLine finds a line of JSON or YAML a tool dumps (`"key": value,`)
// or a row of a Markdown or Org table ("| key | action |").
var dataLine = regexp.MustCompile(`^"[^"]*"\s*:\s|^[\[\]{}],?$|^\|.*\|$`)

// headingLine finds a Markdown or Org heading a tool prints or a diff
// shows: it names a part, not what went wrong.
var headingLine = regexp.MustCompile(`^(?:#{1,6}|\*{1,6}) [^\s(]`)

// diffLine finds a line of a diff: its headers and its changed lines.
var diffLine = regexp.MustCompile(`^(?:diff --git |index [0-9a-f]{6,}\.\.|\+\+\+ |--- |[-+](?:[^-+\s]|\s\S))`)

// echoLine finds a compiler, linker or configure command that a build
// echoes before running it.
var echoLine = regexp.MustCompile(`^(?:\S*/)?(?:gcc|g\+\+|cc|c\+\+|clang(?:\+\+)?|ld|ar|libtool|\./configure)(?:\s+\S+)+$`)

// warningLine finds a warning, which is not why a build failed unless the
// build treats it as an error.
var warningLine = regexp.MustCompile(`(?i)^(?:\S+:\s*)?(?:warning|warn|deprecat\w*)\b|\bwarning:|\[-W[\w-]+\]`)

// redirectLine finds a link checker's report of a link that redirects
// ("301 https://a → https://b"): the link still works.
var redirectLine = regexp.MustCompile(`\b30[1278]\b.*(?:→|->|=>|redirects? to)`)

// failWords are words that say something went wrong.
var failWords = regexp.MustCompile(`(?i)\b(?:errors?|fail(?:s|ed|ure|ures|ing)?|fatal|exception|panic(?:ked)?|cannot|can't|could ?n[o']t|unable to|not (?:found|defined|available|allowed|supported)|no such|denied|refused|invalid|illegal|missing|undefined|unexpected|exceed(?:s|ed)?|timed out|timeout|abort(?:ed)?|violations?|broken|not ok|segmentation fault|segv|crash(?:ed)?|does ?n[o']t|did ?n[o']t|mismatch|unsatisfiable|conflicts?|offen[cs]es?|issues? found|found \d+ (?:problems?|issues?))\b|\b[45]\d\d\s+https?://|[✖✗✘×]`)

// zeroCount finds a count of nothing: "0 errors", "Failures: 0".
var zeroCount = regexp.MustCompile(`(?i)\b(?:0|no) (?:errors?|failures?|failed|problems?|offen[cs]es?)\b|\b(?:errors?|failures?|failed):? 0\b`)

// skipLine finds a test or part a tool skipped, whatever the reason it
// gives ("skipped: cvs not found").
var skipLine = regexp.MustCompile(`(?i)\bskip(?:ped|ping)?\b`)

// exitSummary finds a line that only says a command failed with a code,
// or, as Jenkins says it, that a build step failed ("Build step 'Execute
// shell' marked build as failure", "Finished: FAILURE"): the lines above
// it say why.
var exitSummary = regexp.MustCompile(`(?i)\bexit(?:ed)? (?:with )?(?:code |status )?'?-?\d+\b|\bexit (?:code|status):? \d+|returned non-zero exit status|failed with (?:error |exit )?(?:status|code):? ?'?\(?\d+|^travis_\w+:|\}travis_\w+:|^Build step '[^']+' marked build as (?:failure|unstable)|^Finished: (?:FAILURE|UNSTABLE|ABORTED)$`)

// countOnly finds a line that only counts failures or names what failed
// without why ("Found 1 error", "[  ERROR   ] 1 error, listed below:",
// Go's "FAIL	example.com/pkg [build failed]", make's "recipe for target
// 'test' failed").
var countOnly = regexp.MustCompile(`(?i)^(?:\[[\s\w]*\]\s*)?(?:found )?\d+ (?:errors?|failures?|problems?|tests? failed)\b|^FAIL\s+\S+\s+(?:\[|\d)|recipe for target .* failed$`)

// Title ranks of a line (see titleRank).
const (
	rankPoor = iota
	rankNeutral
	rankStatus
	rankFailure
)

// titleRank says how well a trimmed line serves as a title, worst to
// best: rankPoor for the lines above, a caret line pointing at the line
// above it ("^---- failure generated from …"), a script's "#!" line (CircleCI
// prints one before each step's command), a runner's debug line
// ("##[debug]task result: Failed"), a skipped part, a warning and a
// line that only gives an exit code; rankNeutral for a line that says nothing
// failed; rankStatus for a progress, status or report line that says
// something failed ("lexer ..... FAIL"); rankFailure for a line that says
// what went wrong, or a tool's diagnostic at a place in a source file.
func titleRank(t string) int {
	if stackFrame.MatchString(t) || dataLine.MatchString(t) || redirectLine.MatchString(t) || strings.HasPrefix(t, "^") ||
		strings.HasPrefix(t, "#!") || strings.HasPrefix(t, "[debug]") || strings.HasPrefix(t, "##[debug]") ||
		skipLine.MatchString(t) || exitSummary.MatchString(t) {
		return rankPoor
	}
	if warningLine.MatchString(t) && !strings.Contains(strings.ToLower(t), "error") {
		return rankPoor
	}
	fails := failWords.MatchString(t) && !zeroCount.MatchString(t)
	shaped := progressLine.MatchString(t) || infoLine.MatchString(t) || diffLine.MatchString(t) || echoLine.MatchString(t) ||
		headingLine.MatchString(t)
	switch {
	case (fails || diagnostic(t)) && !shaped && !countOnly.MatchString(t):
		return rankFailure
	case fails:
		return rankStatus
	case shaped:
		return rankPoor
	}
	return rankNeutral
}

// diagnostic reports whether t is a tool's message at a place in a source
// file: the place, then words ("cart.go:4: log redeclared as imported
// package name"), not only another place ("a.js:0:0: /x/toToken.js:56").
func diagnostic(t string) bool {
	locs := sourcePlace.FindAllStringIndex(t, -1)
	if len(locs) == 0 {
		return false
	}
	rest := t[locs[len(locs)-1][1]:]
	return letters(rest) >= 8
}
