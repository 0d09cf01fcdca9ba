package markdown

// OpenFence reports the fence that line would open on its own: indented
// less than 4 columns, three or more backticks or tildes (a backtick
// fence's info string holds no backtick). It returns the run of fence
// characters. Whether the line really opens a fence depends on what comes
// before it (inside a paragraph or a code block it does not): Parse knows.
func OpenFence(line string) (string, bool) {
	ind, rest := Indentation(line)
	if ind >= 4 || !isFence(rest) {
		return "", false
	}
	return rest[:runLen(rest, rest[0])], true
}

// ClosesFence reports whether line, indented less than 4 columns, closes a
// fence opened with the run fence: a run of the same character at least as
// long, then only spaces and tabs.
func ClosesFence(line, fence string) bool {
	ind, rest := Indentation(line)
	return fence != "" && ind < 4 && closesFence(rest, fence[0], len(fence))
}
