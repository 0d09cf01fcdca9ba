package ci

import (
	"bytes"
	"regexp"
	"strings"
)

// stepState tracks the step a log is in: GitHub Actions "##[group]Run …"
// headers, GitLab and Travis "$ cmd" lines, Jenkins stages and "+ cmd"
// traces, and Buildkite "--- ", "+++ " and "~~~ " sections.
type stepState struct {
	step    string
	command string
	actions bool // Actions groups seen: they name the steps
	// inScript is true between an Actions "##[group]Run …" header and the
	// end of the script it echoes; script holds the script's lines.
	inScript bool
	script   []string
	// azure is true while the script is the one an Azure Pipelines task
	// prints under "Script contents:": it gives the command, while the
	// task's display name ("##[section]Starting: …") stays the step's name.
	azure bool
	// circle is true on the line after CircleCI's "#!/bin/bash -eo
	// pipefail", which is the step's command.
	circle bool
}

// mayBeStep cheaply rules out lines that cannot mark a step.
func mayBeStep(b []byte) bool {
	if len(b) < 3 {
		return false
	}
	if d := dropStamp(b); len(d) != len(b) {
		return mayBeStep(d)
	}
	switch b[0] {
	case 'S':
		return bytes.HasPrefix(b, []byte("Script contents:"))
	case '#':
		return b[1] == '#' || b[1] == '!' && circleShell.Match(b)
	case '$', '+', 0x1b:
		return true
	case '[':
		return bytes.HasPrefix(b, []byte("[Pipeline] {"))
	case '-', '~':
		// Cleaning keeps the first printable bytes, so "--- PASS" and the
		// like are ruled out here, before the line is cleaned.
		return (bytes.HasPrefix(b, []byte("--- ")) || bytes.HasPrefix(b, []byte("~~~ "))) && isBuildkiteHeader(b)
	}
	return false
}

// observe updates the state from a cleaned line already passed by
// mayBeStep. Strings are made only for a line that names a step.
func (s *stepState) observe(t []byte) {
	switch {
	case bytes.HasPrefix(t, []byte("##[group]Run ")):
		s.step = string(t[len("##[group]"):])
		s.command = strings.TrimPrefix(s.step, "Run ")
		s.actions = true
		s.inScript, s.script = true, append(s.script[:0], s.command)
	case bytes.HasPrefix(t, []byte("##[group]")):
		// Other groups (runner image, environment) are not steps.
	case bytes.HasPrefix(t, []byte("Script contents:")):
		s.inScript, s.azure, s.script = true, true, s.script[:0]
	case !s.actions && circleShell.Match(t):
		s.inScript, s.circle, s.script = true, true, s.script[:0]
	case s.actions:
		// Inside Actions, "$ " and "+ " lines are a step's own output.
	case bytes.HasPrefix(t, []byte("$ ")):
		s.command = string(bytes.TrimSpace(t[2:]))
		s.step = s.command
	case isTrace(t):
		s.command = string(bytes.TrimSpace(t[2:]))
		if s.step == "" {
			s.step = s.command
		}
	case bytes.HasPrefix(t, []byte("[Pipeline] { (")):
		s.step = string(bytes.TrimSuffix(t[len("[Pipeline] { ("):], []byte(")")))
	case bytes.HasPrefix(t, []byte("--- ")), bytes.HasPrefix(t, []byte("+++ ")), bytes.HasPrefix(t, []byte("~~~ ")):
		if isBuildkiteHeader(t) {
			s.step = string(bytes.TrimSpace(t[4:]))
		}
	}
}

// circleShell is the shell line CircleCI prints before a run step's
// command.
var circleShell = regexp.MustCompile(`^#!/bin/(?:ba)?sh -eo pipefail\s*$`)

// isBuildkiteHeader tells a Buildkite section header from "--- FAIL:",
// "--- PASS:", diff headers (git's "--- a/x", a test's "--- Expected" and
// "+++ Actual", diff -u's "--- x.txt<TAB>date") and the "--- stdout" and
// "--- stderr" of a program's output that Cargo and others print.
func isBuildkiteHeader(t []byte) bool {
	rest := t[4:]
	for _, p := range []string{"FAIL", "PASS", "SKIP", "a/", "b/", "/", "stdout", "stderr", "Expected", "expected", "Actual", "actual"} {
		if bytes.HasPrefix(rest, []byte(p)) {
			return false
		}
	}
	return len(rest) > 0 && bytes.IndexByte(rest, '\t') < 0
}
