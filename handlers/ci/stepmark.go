package ci

import (
	"bytes"
	"regexp"
	"strconv"
)

// markKind says what a line tells about the step it ends or starts.
type markKind uint8

const (
	markNone markKind = iota
	// markStart opens a step whose start means the step before it went
	// well: a runner that stops at the first failing step (GitHub Actions,
	// Azure Pipelines, GitLab sections, Jenkins sh steps, Buildkite).
	markStart
	// markCommand names the command now running without saying how the
	// previous one ended (Travis "$ cmd", a shell trace "+ cmd").
	markCommand
	// markExit ends the current step with an exit code.
	markExit
	// markName names a part of the log without saying how the part before
	// it ended: GitLab sections and Jenkins stages, which report a failure
	// only at the end of the job, after cleanup sections have run.
	markName
	// markSection names a Buildkite section ("--- :docker: Build", "~~~
	// Running commands"): a name only, never a command to run.
	markSection
	// markFailed ends the current step as failed without giving a code:
	// Jenkins' "Build step 'Execute shell' marked build as failure".
	markFailed
)

// exitMarks are the lines CI systems print when a step's command ends. The
// first group is the exit code.
var exitMarks = []*regexp.Regexp{
	// Travis: `The command "make test" exited with 2.`; a command that
	// spans lines ends with `" exited with 2.` on a line of its own.
	regexp.MustCompile(`^(?:The command ".*)?" (?:failed and )?exited with (\d+)\.\s*$`),
	regexp.MustCompile(`^The command ".*" (?:failed and )?exited with (\d+)\.`),
	// GitHub Actions and Azure Pipelines.
	regexp.MustCompile(`^##\[error\]Process completed with exit code (\d+)`),
	regexp.MustCompile(`^Error: Process completed with exit code (\d+)`),
	regexp.MustCompile(`^##\[error\](?:Bash|Cmd\.exe|PowerShell|pwsh) exited with code '(\d+)'`),
	regexp.MustCompile(`^##\[error\]Script failed with exit code: (\d+)`),
	// GitLab.
	regexp.MustCompile(`^ERROR: Job failed: exit (?:code|status) (\d+)`),
	// Jenkins.
	regexp.MustCompile(`^ERROR: script returned exit code (\d+)`),
	// CircleCI.
	regexp.MustCompile(`^Exited with (?:code )?(?:exit )?(?:code|status) (\d+)`),
	// Buildkite.
	regexp.MustCompile(`^\S+ Error: The command exited with status (\d+)`),
}

// startMarks open a step on a runner that reports a failing step as soon as
// it ends, so a new step means the one before it went well.
var startMarks = [][]byte{[]byte("##[group]Run "), []byte("##[section]Starting: ")}

// nameMarks name a part of the log; see markName.
var nameMarks = [][]byte{[]byte("section_start:"), []byte("[Pipeline] { (")}

// buildkiteMarks name a Buildkite section. They only name it: "--- " and
// "+++ " also begin diffs, so they never end a step.
var buildkiteMarks = [][]byte{[]byte("--- "), []byte("+++ "), []byte("~~~ ")}

// mayMark cheaply rules out lines that cannot be a step mark.
func mayMark(t []byte) bool {
	if len(t) < 3 {
		return false
	}
	switch t[0] {
	case '#', '$', '+', '[', '-', '~', 's', 'T', '"', 'E', 'B':
		return true
	case 0xf0: // Buildkite's "🚨 Error: The command exited with status 1"
		return true
	}
	return false
}

// dropStamp removes the time a Jenkins timestamper or another CI's console
// puts before each line: "[2024-05-01T10:00:00.123Z] " and a time of day,
// "10:00:01 " or "7:51:34 PM: ". Cleaning (appendClean) drops it, so the
// CI's own marks start the cleaned line.
func dropStamp(t []byte) []byte {
	if len(t) > 4 && t[0] == '[' && t[1] == '2' && t[2] == '0' {
		if k := bytes.Index(t, []byte("] ")); k > 0 && k < 40 {
			return t[k+2:]
		}
		return t
	}
	if len(t) < 9 || !isDigit(t[0]) || t[1] != ':' && t[2] != ':' {
		return t
	}
	if m := clockStamp.Find(t[:min(len(t), 24)]); m != nil {
		return t[len(m):]
	}
	return t
}

var clockStamp = regexp.MustCompile(`^\d{1,2}:\d\d:\d\d(?:\.\d+)?(?: ?[AP]M)?:? +`)

// jenkinsStepFailed is how a Jenkins freestyle job says that a build step
// failed; what runs after it (post-build actions) does not explain it.
var jenkinsStepFailed = regexp.MustCompile(`^Build step '[^']+' marked build as failure`)

// stepMark reads a cleaned line. For markExit it returns the code; for
// markStart, markName, markSection and markCommand the step's name or
// command.
func stepMark(t []byte) (markKind, int, string) {
	if !mayMark(t) {
		return markNone, 0, ""
	}
	if t[0] == 'B' {
		if bytes.HasPrefix(t, []byte("Build step '")) && jenkinsStepFailed.Match(t) {
			return markFailed, 0, ""
		}
		return markNone, 0, ""
	}
	if bytes.Contains(t, []byte("xit")) {
		for _, re := range exitMarks {
			if m := re.FindSubmatch(t); m != nil {
				code, err := strconv.Atoi(string(m[1]))
				if err != nil {
					code = 1
				}
				return markExit, code, ""
			}
		}
	}
	for _, p := range startMarks {
		if !bytes.HasPrefix(t, p) {
			continue
		}
		return markStart, 0, string(bytes.TrimSpace(t[len(p):]))
	}
	for _, p := range nameMarks {
		if bytes.HasPrefix(t, p) {
			name := bytes.TrimSuffix(bytes.TrimSpace(t[len(p):]), []byte(")"))
			if i := bytes.LastIndexByte(name, ':'); p[0] == 's' && i >= 0 {
				name = name[i+1:] // section_start:1560896352:step_script
			}
			return markName, 0, string(name)
		}
	}
	for _, p := range buildkiteMarks {
		if bytes.HasPrefix(t, p) && isBuildkiteHeader(t) {
			return markSection, 0, string(bytes.TrimSpace(t[len(p):]))
		}
	}
	switch {
	case bytes.HasPrefix(t, []byte("$ ")):
		return markCommand, 0, string(bytes.TrimSpace(t[2:]))
	case isTrace(t):
		return markCommand, 0, string(bytes.TrimSpace(t[2:]))
	}
	return markNone, 0, ""
}

// isTrace reports whether t is a shell's trace of a command it runs
// ("+ make test", with set -x), not "+ set …" and not output that happens
// to start with "+ ": the shell puts the command right after "+ ", where
// an added line of an indented diff has more blanks ("+    [2] => 'b'"),
// and the first word of a command does not end in a colon or a comma
// ("+ lfw-a.tgz: successfully checked") and is not a number.
func isTrace(t []byte) bool {
	if !bytes.HasPrefix(t, []byte("+ ")) || bytes.HasPrefix(t, []byte("+ set ")) ||
		len(t) > 2 && (t[2] == ' ' || t[2] == '\t') {
		return false
	}
	f := bytes.Fields(t[2:])
	if len(f) == 0 {
		return false
	}
	w := f[0]
	if last := w[len(w)-1]; last == ':' || last == ',' {
		return false
	}
	return len(bytes.Trim(w, "0123456789")) > 0 // "+ 3 files" counts
}

// cannotFail reports whether a command is written so that its errors do not
// fail the build: `|| true`, Maven's --fail-never, `set +e`.
func cannotFail(command string) bool {
	return noFail.MatchString(command)
}

var noFail = regexp.MustCompile(`\|\|\s*(?:true|:|exit 0)\s*$|--fail-never|\bset \+e\b|continue-on-error|-Dmaven\.test\.failure\.ignore=true`)
