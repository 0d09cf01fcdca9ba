package prompts

import (
	"strings"
	"testing"
)

func TestToneSuggestionWithoutRewordingNamesThePhrases(t *testing.T) {
	body, err := ToneSuggestion(ToneReply{Marker: "<!-- prcoach:tone:review_comment:2 -->", Author: "reviewer-rae",
		Signals: []string{`profanity: "crap"`}, Phrases: []string{"crap", "a `tick`"}, Wording: "offline"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"These words may land hard: `crap`, `a 'tick'`.", "the wording is yours to choose", "strong language"} {
		if !strings.Contains(body, want) {
			t.Errorf("reply lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "Here is a gentler version") || strings.Contains(body, "\n> ") {
		t.Errorf("reply without a rewording still offers one:\n%s", body)
	}
}
