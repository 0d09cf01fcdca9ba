package ci

import (
	"fmt"
	"strings"
)

// Annotation is a check run annotation.
type Annotation struct {
	Path      string
	StartLine int
	EndLine   int
	Level     string // notice, warning or failure
	Title     string
	Message   string
}

// CheckOutput is a check run's own output, as other CI systems report it.
type CheckOutput struct {
	Name, Title, Summary, Text string
	Annotations                []Annotation
}

// AnalyzeCheckOutput explains a failing check run from its output. The
// analysed document is Summary, then Text, then one line per failure or
// warning annotation ("PATH:LINE: LEVEL: TITLE: MESSAGE", first message
// line only), each part starting on a new line. Excerpt line numbers count
// lines of that document: with an empty Summary they are Text's own line
// numbers. Step is the check's name.
func AnalyzeCheckOutput(out CheckOutput, kb *KnowledgeBase) Analysis {
	var parts []string
	for _, p := range []string{out.Summary, out.Text} {
		if p != "" {
			parts = append(parts, strings.TrimRight(p, "\r\n"))
		}
	}
	for _, an := range out.Annotations {
		if an.Level == "notice" {
			continue
		}
		msg, _, _ := strings.Cut(an.Message, "\n")
		line := fmt.Sprintf("%s:%d: %s: %s: %s", an.Path, an.StartLine, an.Level, an.Title, msg)
		parts = append(parts, strings.NewReplacer("\r", " ", "\n", " ").Replace(line))
	}
	a, _ := Analyze(strings.NewReader(strings.Join(parts, "\n")), kb)
	if a.Step == "" {
		a.Step = out.Name
	}
	return a
}
