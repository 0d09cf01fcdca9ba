package command

import (
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// shipped are the languages besides English that PR Coach writes in.
var shipped = []string{"de", "es", "fr", "pt-BR", "ja", "zh-Hans"}

var (
	codeSpans = regexp.MustCompile("`[^`]+`")
	numbers   = regexp.MustCompile(`[0-9]+`)
)

// Every problem is translated into every shipped language, keeping its
// code spans and numbers exactly.
func TestEveryProblemTranslated(t *testing.T) {
	for _, tag := range shipped {
		local, english := ProblemTranslations(tag)
		for id, en := range english {
			text, ok := local[id]
			if !ok {
				t.Errorf("%s: %s is not translated", tag, id)
				continue
			}
			if diff := cmp.Diff(codeSpans.FindAllString(en, -1), codeSpans.FindAllString(text, -1)); diff != "" {
				t.Errorf("%s: %s code spans (-English +%s):\n%s", tag, id, tag, diff)
			}
			if diff := cmp.Diff(numbers.FindAllString(en, -1), numbers.FindAllString(text, -1)); diff != "" {
				t.Errorf("%s: %s numbers (-English +%s):\n%s", tag, id, tag, diff)
			}
		}
		for id := range local {
			if _, ok := english[id]; !ok {
				t.Errorf("%s: %s translates no problem", tag, id)
			}
		}
	}
}

func TestProblemIn(t *testing.T) {
	tests := []struct {
		name, line, tag, want string
	}{
		{"German", `/explain "unclosed`, "de", "Die Anführungszeichen um den Check-Namen passen nicht zusammen."},
		{"Japanese", "/explain --all", "ja", "`/explain` にオプションはありません。単独なら失敗しているすべてのチェックを説明し、チェック名を続けるとそのチェックだけを説明します。"},
		{"English", `/explain ""`, "en", problemEmptyQ},
		{"a language without texts", `/explain ""`, "ko", problemEmptyQ},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Parse(tt.line)
			if r.Kind != Malformed {
				t.Fatalf("Parse(%q) is %v, want Malformed", tt.line, r.Kind)
			}
			if got := ProblemIn(r.Problem, tt.tag); got != tt.want {
				t.Errorf("ProblemIn(%q) = %q, want %q", tt.tag, got, tt.want)
			}
		})
	}
}
