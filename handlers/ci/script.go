package ci

import (
	"bytes"
	"strings"
)

// maxScriptLines bounds the lines of an Actions step's script kept to name
// it.
const maxScriptLines = 30

// maxChained is the most script commands joined into one command to
// reproduce a step; a longer script has no one command that does.
const maxChained = 3

// scriptLine reads a line echoed under an Actions "##[group]Run …" header:
// the script's lines, then "shell:", "with:" or "env:" and the group's end.
// When the script ends it names the step from all of its lines and
// reports true. Under Azure Pipelines' "Script contents:" it only gives
// the command and reports false: the task's name stays the step's.
func (s *stepState) scriptLine(t []byte) bool {
	trimmed := bytes.TrimSpace(t)
	if s.circle {
		// The line after CircleCI's shell line is the run step's command.
		s.inScript, s.circle = false, false
		s.script = append(s.script[:0], string(trimmed))
		s.step, s.command = string(trimmed), string(trimmed)
		return false
	}
	if s.azure {
		// Azure Pipelines prints the script between "Script contents:"
		// and its "===== Starting Command Output =====" banner.
		if !bytes.Contains(t, []byte("Starting Command Output")) && !bytes.HasPrefix(t, []byte("##[")) {
			if len(s.script) < maxScriptLines {
				s.script = append(s.script, string(trimmed))
			}
			return false
		}
		s.inScript, s.azure = false, false
		if len(s.script) > 0 {
			_, s.command = scriptStep(s.script)
		}
		return false
	}
	if bytes.HasPrefix(t, []byte("##[")) || bytes.HasPrefix(t, []byte("shell: ")) ||
		string(trimmed) == "with:" || string(trimmed) == "env:" {
		s.inScript = false
		name, command := scriptStep(s.script)
		s.step, s.command = "Run "+name, command
		return true
	}
	if len(s.script) < maxScriptLines {
		if len(s.script) == 1 && string(trimmed) == s.script[0] {
			return false // the first line, echoed again under the header
		}
		s.script = append(s.script, string(trimmed))
	}
	return false
}

// scriptStep names a step that ran a script (as Actions does after "Run ")
// and gives the command that
// reproduces it: the script's one command, or up to maxChained joined
// with &&, or "" for a longer script. Comments and set/shopt lines are not
// commands; a line ending in a backslash goes on on the next.
func scriptStep(script []string) (name, command string) {
	var cmds []string
	cont := false
	for _, l := range script {
		switch {
		case cont:
			cmds[len(cmds)-1] = strings.TrimSpace(strings.TrimSuffix(cmds[len(cmds)-1], "\\")) + " " + l
		case l == "" || strings.HasPrefix(l, "#") || strings.HasPrefix(l, "set ") || strings.HasPrefix(l, "shopt "):
			continue
		default:
			cmds = append(cmds, l)
		}
		cont = strings.HasSuffix(l, "\\")
	}
	if len(cmds) == 0 {
		return script[0], ""
	}
	name = cmds[0]
	if len(cmds) > 1 {
		name += " …"
	}
	if len(cmds) <= maxChained {
		command = strings.Join(cmds, " && ")
	}
	return name, command
}
