package safety

import (
	"strings"
	"testing"
)

// markdownBodies are comment bodies of about 64 KiB, GitHub's cap, of the
// Markdown Sanitize reads: a model's explanation with code, quotes and
// links, and adversarial runs of backticks and fences.
func markdownBodies() map[string]string {
	const size = 65536
	fill := func(unit string) string { return strings.Repeat(unit, size/len(unit)) }
	return map[string]string{
		"explanation": fill("The test `TestLogin` fails because @octocat changed [the handler](https://example.com/x).\n" +
			"> expected 200, got 500\n\n```go\nif err != nil { return err }\n```\n- Fixes #12 in `auth.go`\n\n"),
		"unclosed backticks":   fill("a `b ``c ```d\n"),
		"fences in list items": fill("- step\n  ```\n  @x <b>\n  ```\n"),
		"quoted code spans":    fill("> `a\n> b` @c\n>\n"),
	}
}

func BenchmarkSanitizeMarkdown(b *testing.B) {
	p := Policy{Owner: "octo", Repo: "app", Marker: "<!-- prcoach:ci -->"}
	for name, body := range markdownBodies() {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				Sanitize(body, p)
			}
		})
	}
}

// BenchmarkReadCode times only the Markdown reading in Sanitize: cutting out
// fenced code and stashing code spans.
func BenchmarkReadCode(b *testing.B) {
	for name, body := range markdownBodies() {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				for _, seg := range splitFences(body) {
					if !seg.code {
						var st stash
						stashCodeSpans(seg.text, &st)
					}
				}
			}
		})
	}
}
