package settings

import (
	"os"
	"testing"
)

// BenchmarkParseExample parses the README's example, which builds a
// knowledge base extended with one known failure.
func BenchmarkParseExample(b *testing.B) {
	data, err := os.ReadFile(examplePath)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseSmall parses a file without known failures.
func BenchmarkParseSmall(b *testing.B) {
	data := []byte("version: 1\nchecks:\n  ignore: [\"codecov/*\"]\ntone:\n  mode: reply\n  threshold: 0.6\n")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}
