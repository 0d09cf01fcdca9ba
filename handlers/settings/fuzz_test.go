package settings

import (
	"bytes"
	"os"
	"testing"
)

// FuzzParse checks that Parse never panics, that accepted settings are in
// range, and that rejected files name at least one problem on a real line.
func FuzzParse(f *testing.F) {
	if data, err := os.ReadFile(examplePath); err == nil {
		f.Add(data)
	}
	for _, s := range []string{"", "version: 1\n", "version: 2\n", "version: 1\ntone: {mode: off, threshold: 0.3}\n",
		"version: 1\nchecks:\n  ignore: &a [x, '*']\n  only: *a\n",
		"version: 1\nknown_failures:\n  - &k {pattern: 'a(b', explanation: y}\n  - <<: *k\n    id: z\n",
		"version: 1\nexplain: {allow: [everyone], max_replies_per_pr: 3}\nlanguage: pt-BR\n",
		"version: 1\n\ttone: x\n", "[version, 1]", "version: !!binary aGVsbG8=\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse(data)
		if err == nil {
			if th := s.Threshold(); th <= 0 || th > 1 {
				t.Fatalf("accepted threshold %v", th)
			}
			if s.ToneMode() != ToneReply && s.ToneMode() != ToneOff {
				t.Fatalf("accepted tone mode %q", s.ToneMode())
			}
			if _, err := s.KnowledgeBase(); err != nil {
				t.Fatalf("accepted settings whose knowledge base fails: %v", err)
			}
			return
		}
		perr, ok := err.(*ParseError)
		if !ok {
			t.Fatalf("error %T is not a *ParseError", err)
		}
		if len(perr.Problems) == 0 {
			t.Fatal("a ParseError without problems")
		}
		lines := bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) + 1
		for _, p := range perr.Problems {
			if p.Message == "" || p.Line < 0 || p.Line > lines+1 {
				t.Fatalf("problem %+v out of place in %d lines", p, lines)
			}
		}
		if s.Threshold() != Default().Threshold() {
			t.Fatal("settings returned with an error are not the defaults")
		}
	})
}
