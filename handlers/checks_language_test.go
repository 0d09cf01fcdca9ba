package handlers

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/prcoach/prcoach/handlers/ci"
	"github.com/prcoach/prcoach/prompts"
)

func TestLocalReason(t *testing.T) {
	change := ci.Decide(ci.Analysis{Category: "test", Cause: &ci.Cause{ID: "go-test-failure", Category: "test"}}, ci.Evidence{})
	infra := ci.Decide(ci.Analysis{Category: "infrastructure", Title: "The CI machine ran out of disk space",
		Cause: &ci.Cause{ID: "disk-full", Category: "infrastructure", Infrastructure: true}}, ci.Evidence{})
	network := ci.Decide(ci.Analysis{Category: "network", Title: "A network request failed",
		Cause: &ci.Cause{ID: "network", Category: "network", Infrastructure: true}}, ci.Evidence{})
	tests := []struct {
		name, lang string
		v          ci.Verdict
		want       string
	}{
		{"english keeps ci's sentence", "", change, "A test failure like this usually comes from the change itself."},
		{"unshipped language keeps English", "ko", change, change.Reason},
		{"german names the category", "de", change, "Ein Fehler dieser Art (Test) kommt meist von der Änderung selbst."},
		{"japanese names the category", "ja", change, "この種類の失敗（テスト）は、たいていこの変更そのものが原因です。"},
		{"a machine problem does not blame the network", "fr", infra, "C'est un problème de la machine de CI, pas du code."},
		{"a network problem names the network", "es", network, "Es un problema de la red o de un servidor al que el job intentó llegar, no del código."},
		{"no key keeps the reason", "de", ci.Verdict{Reason: "custom"}, "custom"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, localReason(tc.v, tc.lang)); diff != "" {
				t.Errorf("localReason (-want +got):\n%s", diff)
			}
		})
	}
}

// Every reason handlers/ci writes and every category it names has its
// sentence in every shipped language.
func TestEveryReasonTranslated(t *testing.T) {
	keys := []string{ci.ReasonInfra, ci.ReasonNetwork, ci.ReasonSetupStep, ci.ReasonFailsBase, ci.ReasonRerun, ci.ReasonKnownFlaky, ci.ReasonAllOld,
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
