package command

import (
	"strings"
	"testing"
)

// benchBodies are realistic and adversarial comment bodies of about 64 KiB,
// GitHub's cap on a comment.
func benchBodies() map[string]string {
	const size = 65536
	fill := func(unit string) string { return strings.Repeat(unit, size/len(unit)) }
	// Each body ends with the command, so Parse reads all of it.
	const end = "\n\n/explain lint"
	return map[string]string{
		"prose":              fill("Looks good, but could we rename this variable?\n") + end,
		"prose with markup":  fill("Some text with `code` and <!-- a --> comment.\n\n") + end,
		"unclosed backticks": fill("a `b ``c ```d\n") + end,
		"growing backtick runs in one paragraph": func() string {
			var b strings.Builder
			for n := 1; b.Len() < size; n++ {
				b.WriteString("x " + strings.Repeat("`", n) + "\n")
			}
			return b.String() + end
		}(),
		"many comments":   fill("<!-- x -->\n/explainer\n") + end,
		"quoted commands": fill("> /explain lint\n") + end,
		"fences":          fill("```\n/explain\n```\n") + end,
		"no command":      fill("Looks good, but could we rename this variable?\n"),
	}
}

func BenchmarkParse(b *testing.B) {
	for name, body := range benchBodies() {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				Parse(body)
			}
		})
	}
}

func BenchmarkSuggest(b *testing.B) {
	known := make([]string, 0, 100)
	for _, os := range []string{"ubuntu", "macos", "windows"} {
		for i := range 33 {
			known = append(known, "test ("+os+"-latest, go 1."+strings.Repeat("9", i%3)+string(rune('a'+i))+")")
		}
	}
	known = append(known, "golangci-lint")
	b.ResetTimer()
	for b.Loop() {
		Suggest("tets (ubuntu-latest, go 1.9x)", known)
	}
}
