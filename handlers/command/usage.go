package command

import (
	_ "embed"
	"strings"
)

//go:embed usage.md
var usage string

// Usage returns the friendly Markdown note on how to use /explain, for a Help
// reply or after a Malformed command's Problem.
func Usage() string {
	return strings.TrimSpace(usage)
}
