package handlers

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/prcoach/prcoach/handlers/ci"
	"github.com/prcoach/prcoach/prompts"
)

func TestLocalReason(t *testing.T) {
	change := ci.Verdict{Reason: "A test failure at line 8 points at the change.", Key: ci.ReasonChange, Args: []string{"test", "8"}}
	infra := ci.Verdict{Reason: "X is a problem of the CI machine or network, not of the code.", Key: ci.ReasonInfra, Args: []string{"X"}}
	tests := []struct {
		name, lang, title string
		v                 ci.Verdict
		want              string
	}{
		{"english keeps ci's sentence", "", "X", change, change.Reason},
		{"unshipped language keeps English", "ko", "X", change, change.Reason},
		{"german names the category and line", "de", "X", change, "Der Fehler in Zeile 8 (Test) deutet auf diese Änderung hin."},
		{"japanese puts the line where it belongs", "ja", "X", change, "8 行目の失敗（テスト）は、この変更が原因であることを示しています。"},
		{"the translated title goes in", "fr", "Le build a échoué", infra, "Le build a échoué : c'est un problème de la machine de CI ou du réseau, pas du code."},
		{"no key keeps the reason", "de", "X", ci.Verdict{Reason: "custom"}, "custom"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, localReason(tc.v, tc.title, tc.lang)); diff != "" {
				t.Errorf("localReason (-want +got):\n%s", diff)
			}
		})
	}
}

// Every reason handlers/ci writes and every category it names has its
// sentence in every shipped language.
func TestEveryReasonTranslated(t *testing.T) {
	keys := []string{ci.ReasonInfra, ci.ReasonFailsBase, ci.ReasonRerun, ci.ReasonKnownFlaky, ci.ReasonAllOld,
		ci.ReasonSomeOld, ci.ReasonSetup, ci.ReasonChange, ci.ReasonNoTell, ci.ReasonEither, ci.ReasonNoMatch}
	for _, c := range []string{"compile", "test", "lint", "dependency", "configuration", "timeout", "out-of-memory"} {
		keys = append(keys, "category:"+c)
	}
	for _, tag := range prompts.Languages()[1:] {
		for _, k := range keys {
			key := "reason." + k
			if c, ok := strings.CutPrefix(k, "category:"); ok {
				key = "category." + c
			}
			if got := prompts.Translate(tag, key, "\x00"); got == "\x00" {
				t.Errorf("%s has no %s", tag, key)
			}
		}
	}
}
