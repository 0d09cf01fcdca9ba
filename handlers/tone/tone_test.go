package tone

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// signalNames drops the evidence from Result.Signals.
func signalNames(r Result) []string {
	out := []string{}
	for _, s := range r.Signals {
		name, _, _ := strings.Cut(s, ":")
		out = append(out, name)
	}
	return out
}

func TestAssess(t *testing.T) {
	tests := []struct {
		name        string
		text        string
		wantTense   bool
		wantSignals []string
	}{
		{"blunt but explained", "this is wrong: the index is off by one", false, []string{}},
		{"nit with an order", "nit: rename to X", false, []string{}},
		{"insult aimed at the work", "This code is garbage.", true, []string{SignalInsult}},
		{"garbage collector is a software word", "The garbage collector frees `buf` later.", false, []string{}},
		{"kill, dump and abort are software words", "We kill the worker, dump the heap and abort on a fatal error; that dead code can go.", false, []string{}},
		{"insult in a quoted line does not count", "> This is garbage.\n\nI disagree, it only needs a test.", false, []string{}},
		{"insult in a code block does not count", "```\nstupid idiot garbage\n```\nThe linter prints this.", false, []string{}},
		{"insult in a code span does not count", "The rule is called `no-stupid-names`.", false, []string{}},
		{"condescension twice", "Obviously you should just use a map here.", true, []string{SignalCondescension, SignalCondescension}},
		{"one condescending word alone", "Obviously not blocking.", false, []string{}},
		{"why would you", "Why would you catch `Throwable`?", true, []string{SignalWhy}},
		{"honest why question", "Why did you choose a channel over a mutex?", false, []string{}},
		{"shouting", "DO NOT MERGE THIS.", true, []string{SignalShouting, SignalOrder}},
		{"acronyms are not shouting", "The HTTP API returns JSON over TLS.", false, []string{}},
		{"pile of exclamation marks", "This breaks everything!!!", true, []string{SignalPunctuation}},
		{"happy exclamation marks", "Awesome work!! Thanks!", false, []string{SignalPunctuation}},
		{"one-word verdict", "Wrong.", true, []string{SignalVerdict}},
		{"no before a number", "No. 3 is fixed in #88.", false, []string{}},
		{"two bare orders", "Remove this. Rewrite it.", true, []string{SignalOrder, SignalOrder}},
		{"one order with a reason", "Remove this, because it is unused.", false, []string{}},
		{"sarcastic praise", "Thanks for breaking the build.", true, []string{SignalSarcasm}},
		{"sincere praise about a fix", "Thanks for fixing the broken build!", false, []string{}},
		{"absolute aimed at a person", "You never check errors.", true, []string{SignalAbsolute}},
		{"absolute about code", "This function never returns nil.", false, []string{SignalAbsolute}},
		{"profanity aimed at the work", "This is shit.", true, []string{SignalProfanity}},
		{"lazy loading", "Lazy loading the config would make startup faster.", false, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Assess(tt.text, DefaultThreshold)
			if got.Tense != tt.wantTense {
				t.Errorf("Assess(%q).Tense = %v (score %.2f, %v), want %v", tt.text, got.Tense, got.Score, got.Signals, tt.wantTense)
			}
			if diff := cmp.Diff(tt.wantSignals, signalNames(got)); diff != "" {
				t.Errorf("Assess(%q) signals (-want +got):\n%s", tt.text, diff)
			}
			if got.Score < 0 || got.Score > 1 {
				t.Errorf("score %v out of [0, 1]", got.Score)
			}
		})
	}
}

func TestAssessThreshold(t *testing.T) {
	text := "Obviously this needs a test."
	r := Assess(text, DefaultThreshold)
	if r.Tense || r.Score == 0 {
		t.Fatalf("Assess(%q) = %+v, want a mild non-zero score", text, r)
	}
	if !Assess(text, r.Score).Tense {
		t.Errorf("a threshold equal to the score should make it tense")
	}
}

func TestAssessEvidence(t *testing.T) {
	got := Assess("What the hell is `x`? Any idiot could see it.", DefaultThreshold).Signals
	want := []string{`profanity: "what the hell"`, `insult: "idiot"`, `condescension: "any idiot"`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("signals (-want +got):\n%s", diff)
	}
}
