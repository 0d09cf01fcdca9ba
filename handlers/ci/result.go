package ci

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// excerptBudget is the most excerpt lines shown in total.
const excerptBudget = 50

// maxRootBlocks is how many separate root errors are shown at most.
const maxRootBlocks = 3

var roleLabels = [...]string{roleRoot: "root", roleOverride: "override", roleDetail: "detail",
	roleGeneric: "generic", roleCascade: "cascade"}

// result turns the kept hits into an Analysis.
func (s *scanner) result() Analysis {
	a := Analysis{Category: "unknown", Title: "The build failed", TitleKey: TitleBuildFailed}
	runs, lo, hi, stepCmd := s.stepRuns(&a)
	primary := s.primary()
	if primary == nil {
		a.Why = append(a.Why, "no line of the failing step matched a known failure pattern")
		var key string
		// Nothing matched: what a step prints last before it fails is
		// most often why, so the window holds the step's last line.
		a.Excerpts, key = s.withWindow(runs, nil, lo, hi, -lastLine(runs))
		if key != "" {
			a.quoteTitle(key)
		}
		return a
	}
	if f := s.stepLog.failed; f != nil && f.code < 0 && primary.step != "" {
		// No step said it failed, so the whole log was read as one: the
		// part the first error was printed in names it better than the
		// last part the log reached (a later Jenkins stage, a cleanup).
		a.Step = strings.TrimPrefix(primary.step, "Run ")
	}
	named := s.naming(primary)
	depWhy := ""
	if i := s.inDependency(named); i >= 0 {
		h := *named
		h.cause = i
		named = &h
		depWhy = fmt.Sprintf("cause: the code that needs the module at line %d lies inside node_modules", named.line)
	}
	c := s.kb.causes[named.cause]
	a.Cause = &c
	a.Category = c.Category
	if a.Step == "" {
		a.Step = primary.step
	}
	a.Ecosystem = s.ecosystem(named, primary)
	vars := s.vars(named, primary)
	a.Title, a.TitleKey, a.TitleArgs, a.CauseArgs = fill(c.Title, vars), TitleCause, vars, vars
	if stepCmd == "" {
		stepCmd = primary.command
	}
	if localCategories[c.Category] {
		a.Reproduce = reproduce(firstFilled(c.Reproduce, vars), stepCmd)
		if a.Reproduce == "" {
			// The tool printed the command that re-runs what failed
			// (RSpec's "rspec ./spec/a_spec.rb:13 # …").
			a.Reproduce = vars["rerun"]
		}
	}
	if linter := lintStep.FindString(a.Step); a.Category == "compile" && linter != "" {
		a.Category = "lint"
		a.Title, a.TitleKey, a.TitleArgs = linter+" found a problem", TitleLinter, map[string]string{"linter": linter}
		a.Why = append(a.Why, fmt.Sprintf("category lint: the step %q runs a linter", a.Step))
	}
	a.Why = append(a.Why, fmt.Sprintf("first error: line %d matched %s (%s)",
		primary.line, s.kb.causes[primary.cause].ID, roleLabels[primary.role]))
	if depWhy != "" {
		a.Why = append(a.Why, depWhy)
	} else if named != primary {
		a.Why = append(a.Why, fmt.Sprintf("cause: line %d matched %s (%s)",
			named.line, c.ID, roleLabels[named.role]))
	}
	var key string
	anchor := anchorLine(primary, &s.kb.causes[primary.cause], runs)
	if anchor == primary.line && primary.blk != nil {
		s.anchorEnd = primary.blk.end
	}
	a.Excerpts, key = s.withWindow(runs, s.excerpts(primary, named), lo, hi, anchor)
	switch {
	case named.role == roleCascade && c.Ecosystem == "" && key != "":
		// A summary line ("exited with code 2") names no cause: quote the
		// line the scorer rates highest instead.
		a.quoteTitle(key)
		a.Why = append(a.Why, "title: only a summary line matched, so the key line is quoted")
	case c.Category == "unknown" && named.role == roleGeneric:
		line := strings.TrimSpace(named.text)
		if letters(line) < 12 || notAKeyLine(line) || strings.HasSuffix(line, ":") ||
			titleRank(line) == rankPoor || key != "" && titleRank(key) > titleRank(line) {
			// "[ERROR]" alone, npm's report of the environment, a line
			// that only introduces the next or a poor title says less
			// than the key line: quote that, or nothing.
			line = key
		}
		a.quoteTitle(line)
	}
	a.Findings = s.findings()
	return a
}

// stepRuns finds the failing step, forgets errors matched after it, and
// returns its kept lines for the line scorer, its first and last line and
// its command.
func (s *scanner) stepRuns(a *Analysis) ([][]ScoredLine, int, int, string) {
	f := s.failingStep()
	if f == nil {
		return nil, 1, s.n, ""
	}
	s.dropHitsAfter(f.end)
	a.Step = f.name
	if f.code > 0 {
		a.Why = append(a.Why, fmt.Sprintf("failing step: lines %d-%d, exit code %d", f.start, f.end, f.code))
	}
	return f.features(), f.start, f.end, f.command
}

// localCategories are failures that running the step's command on one's
// own machine reproduces; a permission, secret, network or runner problem
// is not.
var localCategories = map[string]bool{"compile": true, "test": true, "lint": true, "dependency": true, "unknown": true}

// letters counts the ASCII letters in s.
func letters(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c >= 'a' && c <= 'z' {
			n++
		}
	}
	return n
}

// reproduce returns a command to reproduce the failure only when the log
// shows it: the knowledge base's suggestion when the failing step ran the
// same tool, else the step's own command. A shell comment is no command,
// nor is the first line of one continued with a backslash.
func reproduce(suggested, stepCmd string) string {
	stepCmd = strings.TrimSpace(ciWrapper.ReplaceAllString(strings.TrimSpace(stepCmd), ""))
	if stepCmd == "" || strings.HasPrefix(stepCmd, "#") || strings.HasPrefix(stepCmd, "$") {
		// A comment runs nothing; a command whose program is a variable
		// of the CI set-up ("$TIMEOUT 35m ci/build.sh") runs something
		// else, or nothing, on one's machine.
		return ""
	}
	words := strings.Fields(stepCmd)
	if shellControl[words[0]] {
		// "exit 1" run in one's own shell closes it; it reproduces nothing.
		return ""
	}
	if tool := toolOf(suggested); tool != "" && slices.Contains(words, tool) {
		// "cargo build" is not what a "cargo clippy" step ran.
		f := strings.Fields(suggested)
		if sub := subcommand(f, tool); (sub == "" || slices.Contains(words, sub)) && whole(suggested) {
			return suggested
		}
	}
	if !whole(stepCmd) {
		return ""
	}
	return stepCmd
}

// shellControl are shell builtins that steer the script rather than run
// anything: a step whose command is one of them has no command to rerun.
var shellControl = map[string]bool{"exit": true, "return": true, "true": true, "false": true, ":": true, "break": true, "continue": true}

// ciWrapper is a CI system's own shell function before a command, which
// does not exist on one's machine: Travis's travis_retry and travis_wait.
var ciWrapper = regexp.MustCompile(`^(?:travis_retry|travis_wait(?:\s+\d+)?)\s+`)

// whole reports whether a command is complete as written: not only the
// first line of one continued on the next (a trailing backslash, an open
// quote as in `bash -c "`, a trailing pipe or &&). Running a part would
// not do what the step did, and pasted into a shell it waits for more.
func whole(cmd string) bool {
	cmd = strings.TrimSpace(cmd)
	for _, end := range []string{"\\", "|", "&&", "||", "(", "{"} {
		if strings.HasSuffix(cmd, end) {
			return false
		}
	}
	var quote rune
	escaped := false
	for _, r := range cmd {
		switch {
		case escaped:
			escaped = false
		case r == '\\' && quote != '\'':
			escaped = true
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		}
	}
	return quote == 0
}

// subcommand is the word after tool in a command when it is a plain word
// ("test" in "go test ./..."), else "".
func subcommand(f []string, tool string) string {
	i := slices.Index(f, tool)
	if i < 0 || i+1 >= len(f) {
		return ""
	}
	w := f[i+1]
	for _, c := range w {
		if c < 'a' || c > 'z' {
			return ""
		}
	}
	return w
}

// toolOf is the program a command runs, skipping npx and the like.
func toolOf(cmd string) string {
	f := strings.Fields(cmd)
	switch {
	case len(f) > 2 && f[0] == "bundle" && f[1] == "exec":
		f = f[2:]
	case len(f) > 1 && f[0] == "npx":
		f = f[1:]
	}
	if len(f) == 0 || strings.HasPrefix(f[0], "{") {
		return ""
	}
	return f[0]
}

// codeZero finds lines about an exit code 0, which never explain a failure.
var codeZero = regexp.MustCompile(`(?i)exit(ed)?( with)?( status| code)? 0\b`)

// Title keys (Analysis.TitleKey).
const (
	TitleBuildFailed = "build_failed"    // "The build failed"
	TitleFailedAt    = "build_failed_at" // "The build failed at {line}"
	TitleLinter      = "linter"          // "{linter} found a problem"
	TitleCause       = "cause"           // the cause's title, filled from TitleArgs
)

// quoteTitle sets a's title to a neutral one quoting the key error line.
func (a *Analysis) quoteTitle(line string) {
	a.Title, a.TitleKey, a.TitleArgs = quotedTitle(line), TitleBuildFailed, nil
	if a.Title != "The build failed" {
		a.TitleKey, a.TitleArgs = TitleFailedAt, map[string]string{"line": strconv.Quote(titleQuote(line))}
	}
}

// quotedTitle is a neutral title quoting the key error line (see
// titleQuote).
func quotedTitle(line string) string {
	if line == "" || codeZero.MatchString(line) {
		return "The build failed"
	}
	return fmt.Sprintf("The build failed at %q", titleQuote(line))
}

var lintStep = regexp.MustCompile(`(?i)\b(vet|lint|golangci|staticcheck|clippy|eslint|rubocop|ruff|flake8|pylint)\b`)

// primary picks the line the failure starts from: the first root error,
// else the first fallback error, else the last consequence line.
func (s *scanner) primary() *hit {
	if len(s.roots) > 0 {
		return s.leaf(s.testsRanOn(s.roots[0]))
	}
	for _, h := range s.others {
		if h.role == roleOverride || h.role == roleGeneric {
			return h
		}
	}
	if n := len(s.cascades); n > 0 {
		// A test tool's summary that names a failing test ("FAILED
		// tests/a.py::test_total - …") says more than the exit code after
		// it; the first one it names stands for the others.
		for _, h := range s.cascades {
			if h.vars["test"] != "" {
				return h
			}
		}
		return s.cascades[n-1]
	}
	return nil
}

// testsRanOn returns the first test failure after h when h is a
// dependency error: tests that ran and failed after it show that it did
// not stop the step (a test that installs gems or packages prints such
// errors on purpose), and what they say is why the step failed. Else h.
func (s *scanner) testsRanOn(h *hit) *hit {
	if s.kb.causes[h.cause].Category != "dependency" {
		return h
	}
	for _, r := range s.roots {
		if r.line > h.line && s.kb.causes[r.cause].Category == "test" {
			return r
		}
	}
	return h
}

// leaf is the failure of h's test that says why: a test whose subtests
// failed ("--- FAIL: TestSort" over "--- FAIL: TestSort/empty") prints no
// message of its own, its failing subtest does. The first failing
// subtest, at the deepest level, stands for it.
func (s *scanner) leaf(h *hit) *hit {
	for _, r := range s.roots {
		t := h.vars["test"]
		if r.line > h.line && r.cause == h.cause && t != "" && strings.HasPrefix(r.vars["test"], t+"/") {
			h = r
		}
	}
	return h
}

// naming picks the hit whose cause names the failure: an override anywhere
// (the earliest cause in the knowledge base wins), else the heaviest cause
// matched in the primary hit's lines.
func (s *scanner) naming(primary *hit) *hit {
	var best *hit
	for _, h := range s.others {
		if h.role == roleOverride && (best == nil || h.cause < best.cause) {
			best = h
		}
	}
	if best != nil {
		return best
	}
	best = primary
	for _, h := range s.all() {
		if h.blk == primary.blk && h.blk != nil && h.role != roleCascade &&
			s.weight(h) > s.weight(best) {
			best = h
		}
	}
	return best
}

func (s *scanner) weight(h *hit) int {
	if w := s.kb.causes[h.cause].Weight; w > 0 {
		return w
	}
	return 1
}

// all returns every kept hit ordered by line.
func (s *scanner) all() []*hit {
	hs := slices.Concat(s.roots, s.others, s.cascades)
	if s.firstCascade != nil && !slices.Contains(hs, s.firstCascade) {
		hs = append(hs, s.firstCascade)
	}
	slices.SortStableFunc(hs, func(a, b *hit) int { return a.line - b.line })
	return hs
}

// vars gathers placeholder values: the naming hit's first, then the other
// hits in the primary lines, then the rest in line order.
func (s *scanner) vars(named, primary *hit) map[string]string {
	vars := map[string]string{}
	add := func(h *hit) {
		for k, v := range h.vars {
			if _, ok := vars[k]; !ok {
				vars[k] = v
			}
		}
	}
	add(named)
	add(primary)
	all := s.all()
	for _, h := range all {
		if h.blk != nil && h.blk == primary.blk {
			add(h)
		}
	}
	for _, h := range all {
		add(h)
	}
	if primary.command != "" {
		vars["command"] = primary.command
	}
	if f, ok := vars["file"]; ok {
		vars["file"] = inRepository(f)
	}
	if m, ok := vars["message"]; ok {
		// A message goes into a title: cut as a quoted line is.
		vars["message"] = titleQuote(m)
	}
	return vars
}

// findings lists the kept error lines other than consequences.
func (s *scanner) findings() []Finding {
	var fs []Finding
	for _, h := range s.all() {
		if h.role == roleCascade || h.role == roleDetail {
			continue
		}
		fs = append(fs, Finding{Line: h.line, CauseID: s.kb.causes[h.cause].ID,
			Role: roleLabels[h.role], Text: h.text})
	}
	return fs
}

var placeholder = regexp.MustCompile(`\{(\w+)\}`)

// fill replaces {name} placeholders; an unknown one is dropped with the
// space after it, so "Go test {test} failed" becomes "Go test failed".
func fill(tmpl string, vars map[string]string) string {
	out := placeholder.ReplaceAllStringFunc(tmpl, func(m string) string {
		if v, ok := vars[m[1:len(m)-1]]; ok {
			return v
		}
		return "\x00"
	})
	out = strings.ReplaceAll(out, "\x00 ", "")
	return strings.TrimSpace(strings.ReplaceAll(out, "\x00", ""))
}

// firstFilled returns the first template whose placeholders are all known.
func firstFilled(tmpls []string, vars map[string]string) string {
	for _, t := range tmpls {
		ok := true
		for _, m := range placeholder.FindAllStringSubmatch(t, -1) {
			if _, has := vars[m[1]]; !has {
				ok = false
			}
		}
		if ok {
			return fill(t, vars)
		}
	}
	return ""
}

// lastLine is the number of the last kept line that the step's own
// commands printed, 0 when there is none: the CI system's line saying
// how the step ended, its timer marks and blank lines say nothing and
// are skipped, so that a window that must hold the last line spends its
// budget on output.
func lastLine(runs [][]ScoredLine) int {
	if len(runs) == 0 {
		return 0
	}
	run := runs[len(runs)-1]
	for i := len(run) - 1; i >= 0; i-- {
		t := strings.TrimSpace(run[i].Text)
		if t == "" || strings.HasPrefix(t, "travis_") {
			continue
		}
		if kind, _, _ := stepMark([]byte(t)); kind == markExit {
			continue
		}
		return run[i].N
	}
	return run[len(run)-1].N
}

// anchorLine is the line the window must hold (see withWindow): the
// first error, unless it only matched a generic pattern of no known tool
// ("error:" in any line, category unknown) and names no place in a
// source file, which says too little to hold it; then the step's last
// line does. A fallback in a known tool's own format (Gradle's "What
// went wrong", xcpretty's cross) holds it; a cause whose explanation
// comes well below its match (Cause.Below) does not. A generic error that names a
// file and line ("[error] src/Cart.scala:10:8: …") is a tool's own
// diagnostic whatever the tool, and holds the window.
func anchorLine(primary *hit, c *Cause, runs [][]ScoredLine) int {
	if c.Below || primary.role == roleGeneric && c.Category == "unknown" && !sourcePlace.MatchString(primary.text) {
		return -lastLine(runs)
	}
	if kind, _, _ := stepMark([]byte(primary.text)); kind == markExit {
		// Only the CI system's line saying the step failed matched.
		return -lastLine(runs)
	}
	return primary.line
}

// sourcePlace finds a file with an extension followed by a line number,
// as compilers and linters print them ("a/b.ext:12", "b.ext(12,3)",
// "b.ext", line 12").
var sourcePlace = regexp.MustCompile(`[\w/.-]\.[A-Za-z]{1,6}(?::\d+|\(\d+(?:,\d+)?\)|"?, line \d+)`)

// nodeFrame is a file in a Node stack frame ("at f (/app/x.js:4:13)",
// "at /app/x.js:4:13") or in Node's "Require stack" ("- /app/x.js").
var nodeFrame = regexp.MustCompile(`^(?:at (?:.* \()?(?P<file>[^\s()]+?):\d+:\d+\)?|- (?P<req>\S+\.[cm]?js))$`)

// inDependency returns the index of dependency-module-missing when h is a
// missing Node module that code inside node_modules asked for: the first
// file of the stack under it that is not Node's own (module.js,
// internal/…, node:…) lies in node_modules. Else -1.
func (s *scanner) inDependency(h *hit) int {
	if s.kb.causes[h.cause].ID != "node-module-missing" || h.blk == nil {
		return -1
	}
	for i := h.line - h.blk.start + 1; i >= 1 && i < len(h.blk.lines); i++ {
		m := nodeFrame.FindStringSubmatch(strings.TrimSpace(h.blk.lines[i]))
		if m == nil {
			continue
		}
		file := m[1] + m[2]
		if !strings.ContainsAny(file, "/\\") || strings.HasPrefix(file, "internal/") || strings.HasPrefix(file, "node:") {
			continue
		}
		if !strings.Contains(file, "node_modules") {
			return -1
		}
		for j, c := range s.kb.causes {
			if c.ID == "dependency-module-missing" {
				return j
			}
		}
		return -1
	}
	return -1
}
