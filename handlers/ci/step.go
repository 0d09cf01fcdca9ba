package ci

import (
	"bytes"
	"strings"
)

// stepState tracks the step a log is in: GitHub Actions "##[group]Run …"
// headers, GitLab and Travis "$ cmd" lines, Jenkins stages and "+ cmd"
// traces, and Buildkite "--- ", "+++ " and "~~~ " sections.
type stepState struct {
	step    string
	command string
	actions bool // Actions groups seen: they name the steps
}

// mayBeStep cheaply rules out lines that cannot mark a step.
func mayBeStep(b []byte) bool {
	if len(b) < 3 {
		return false
	}
	switch b[0] {
	case '#':
		return b[1] == '#'
	case '$', '+', 0x1b:
		return true
	case '[':
		return bytes.HasPrefix(b, []byte("[Pipeline] {"))
	case '-', '~':
		return bytes.HasPrefix(b, []byte("--- ")) || bytes.HasPrefix(b, []byte("~~~ "))
	}
	return false
}

// observe updates the state from a cleaned line already passed by mayBeStep.
func (s *stepState) observe(t string) {
	switch {
	case strings.HasPrefix(t, "##[group]Run "):
		s.step = strings.TrimPrefix(t, "##[group]")
		s.command = strings.TrimPrefix(s.step, "Run ")
		s.actions = true
	case strings.HasPrefix(t, "##[group]"):
		// Other groups (runner image, environment) are not steps.
	case s.actions:
		// Inside Actions, "$ " and "+ " lines are a step's own output.
	case strings.HasPrefix(t, "$ "):
		s.command = strings.TrimSpace(t[2:])
		s.step = s.command
	case strings.HasPrefix(t, "+ ") && !strings.HasPrefix(t, "+ set "):
		s.command = strings.TrimSpace(t[2:])
		if s.step == "" {
			s.step = s.command
		}
	case strings.HasPrefix(t, "[Pipeline] { ("):
		s.step = strings.TrimSuffix(strings.TrimPrefix(t, "[Pipeline] { ("), ")")
	case strings.HasPrefix(t, "--- "), strings.HasPrefix(t, "+++ "), strings.HasPrefix(t, "~~~ "):
		if isBuildkiteHeader(t) {
			s.step = strings.TrimSpace(t[4:])
		}
	}
}

// isBuildkiteHeader tells a Buildkite section header from "--- FAIL:",
// "--- PASS:" and diff headers.
func isBuildkiteHeader(t string) bool {
	rest := t[4:]
	for _, p := range []string{"FAIL", "PASS", "SKIP", "a/", "b/", "/"} {
		if strings.HasPrefix(rest, p) {
			return false
		}
	}
	return rest != ""
}
