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
		{"insult aimed at the work", "This code is garbage.", true, []string{SignalInsult, SignalInsult}},
		{"garbage collector is a software word", "The garbage collector frees `buf` later.", false, []string{}},
		{"kill, dump and abort are software words", "We kill the worker, dump the heap and abort on a fatal error; that dead code can go.", false, []string{}},
		{"insult in a quoted line does not count", "> This is garbage.\n\nI disagree, it only needs a test.", false, []string{}},
		{"insult in a code block does not count", "```\nstupid idiot garbage\n```\nThe linter prints this.", false, []string{}},
		{"insult in a code span does not count", "The rule is called `no-stupid-names`.", false, []string{}},
		{"condescension aimed at the reader", "Obviously you should just use a map here.", true, []string{SignalCondescension, SignalCondescension, SignalCondescension}},
		{"one condescending word alone", "Obviously not blocking.", false, []string{}},
		{"why would you", "Why would you catch `Throwable`?", true, []string{SignalWhy}},
		{"honest why question", "Why did you choose a channel over a mutex?", false, []string{}},
		{"shouting alone is not enough", "DO NOT MERGE THIS.", false, []string{SignalShouting}},
		{"laughter is no insult", "lol, I missed that one too", false, []string{}},
		{"speed is no praise", "Now it is super fast to break blocks, and the old switch was better.", false, []string{}},
		{"a call for civility is not an insult", "Don't be so condescending to new contributors.", false, []string{SignalInsult}},
		{"rudeness described, not pinned on anyone", "Rude issues aren't the way to get help. Please follow the code of conduct.", false, []string{SignalInsult}},
		{"rudeness pinned on the reader", "You are rude.", true, []string{SignalInsult}},
		{"a line of code is no one-word verdict", "Something like this?\n\ntry {\n  run();\n}", false, []string{}},
		{"the work called a disaster", "This retry logic is a disaster.", true, []string{SignalInsult}},
		{"acronyms are not shouting", "The HTTP API returns JSON over TLS.", false, []string{}},
		{"exclamation marks alone are not harsh", "This breaks everything!!!", false, []string{SignalPunctuation}},
		{"happy exclamation marks", "Awesome work!! Thanks!", false, []string{SignalPunctuation}},
		{"one-word verdict is plain directness", "Wrong.", false, []string{SignalVerdict}},
		{"no before a number", "No. 3 is fixed in #88.", false, []string{}},
		{"plain directness", "Remove this. Rewrite it.", false, []string{}},
		{"one order with a reason", "Remove this, because it is unused.", false, []string{}},
		{"sarcastic praise", "Thanks for breaking the build.", true, []string{SignalSarcasm}},
		{"sincere praise about a fix", "Thanks for fixing the broken build!", false, []string{}},
		{"absolute aimed at a person is mild", "You never check errors.", false, []string{SignalAbsolute}},
		{"absolute about code", "This function never returns nil.", false, []string{}},
		{"self-directed insult", "Sorry, I'm an idiot.", false, []string{SignalInsult}},
		{"my stupid mistake", "My stupid mistake, fixed in the next patch set.", false, []string{}},
		{"enthusiasm", "F*** yes, ship it!", false, []string{}},
		{"agreement with a curse", "Crap yes, that is the cleaner fix.", false, []string{}},
		{"a curse before good luck", "This is crap good luck maintaining it.", true, []string{SignalProfanity, SignalSarcasm}},
		{"obfuscated profanity", "This is sh!t.", true, []string{SignalProfanity}},
		{"wtf aimed at the code", "wtf is this loop doing", true, []string{SignalProfanity}},
		{"WTF namespace is code", "Use WTF::HashMap here.", false, []string{}},
		{"a curse in odd case", "wTF are you doing!", true, []string{SignalProfanity}},
		{"camelCase stays a name", "Call wTable before the loop.", false, []string{}},
		{"competent developer", "Any competent developer would have tested this.", true, []string{SignalCondescension}},
		{"did you even run it", "Did you even run it?", true, []string{SignalCondescension}},
		{"quoted string is not scored", `The message says "this is stupid", please reword it.`, false, []string{}},
		{"pasted log line", "It fails:\nERROR: stupid fatal error in dumb mode\nany idea?", false, []string{}},
		{"technical jargon", "Kill the zombie process, nuke the dead code and abort on a fatal error in the master branch.", false, []string{}},
		{"German is not covered", "Das ist doch Scheiße, warum hast du das nicht getestet?", false, []string{SignalLanguage}},
		{"profanity aimed at the work", "This is shit.", true, []string{SignalProfanity}},
		{"lazy loading", "Lazy loading the config would make startup faster.", false, []string{}},
		{"contempt for the reader", "You have no idea how this cache works.", true, []string{SignalCondescension}},
		{"attitude", "Please work on your attitude before the next review.", true, []string{SignalCondescension}},
		{"closed unread", "You closed it without even reading the patch.", true, []string{SignalCondescension}},
		{"telling the reader to be quiet", "If you are not familiar with the code, please be quiet.", true, []string{SignalCondescension}},
		{"mock maturity", "Closed as a non-issue? That's mature.", true, []string{SignalSarcasm}},
		{"a mature library is praise", "The library is mature and well tested.", false, []string{}},
		{"a friendly of course you", "Of course you can keep the old name for now.", false, []string{SignalCondescension}},
		{"asking if they heard of it", "Not sure if you ever heard of bloom filters; they fit here.", false, []string{}},
		{"as I told you recalls", "As I told you, the flag is set in `init()`.", false, []string{SignalCondescension}},
		{"a dirty hack is mild", "This is a dirty hack.", false, []string{SignalInsult}},
		{"a hack alone is a software word", "This is a hack until the API lands.", false, []string{}},
		{"a dirty hack with company", "This is a dirty hack and it's stupid.", true, []string{SignalInsult, SignalInsult}},
		{"obfuscated crap", "What is this c*ap?", true, []string{SignalProfanity}},
		{"a linter freaking out", "The linter is freaking out about the long line.", false, []string{}},
		{"sucking in a payload", "The decoder can suck in the whole payload at once.", false, []string{}},
		{"sucks in an area", "The error handling sucks in this area.", true, []string{SignalProfanity}},
		{"garbage created by allocation", "This loop is creating garbage on every frame.", false, []string{}},
		{"a C comment in prose", "Keep the note /* ugly but needed */ next to the cast.", false, []string{}},
		{"we start over", "On failure we start over with a clean slate.", false, []string{}},
		{"told the reader about myself", "I told you that I am bad at naming :)", false, []string{}},
		{"an idiom in a docstring", "Returns an error if shit hits the fan.", false, []string{}},
		{"a word mentioned, not used", "Please say workaround instead of crappy in the docs.", false, []string{}},
		{"the word itself", "The word stupid in the error message reads badly to users.", false, []string{}},
		{"rather than writing it", "Rather than writing dumb, call the mode passthrough.", false, []string{}},
		{"a word used after a mention", "Say workaround instead of hack, and this code is still stupid.", true, []string{SignalInsult}},
		{"conceding one's own work", "Yes, I know it's super ugly; it goes away in the next patch.", false, []string{}},
		{"asking what the reader knows", "You don't know which version you had before this?", false, []string{}},
		{"telling the reader what they don't know", "You don't understand how the cache works.", true, []string{SignalCondescension}},
		{"start over, to the reader", "Just start over, this cannot be saved.", true, []string{SignalCondescension}},
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
	want := []string{`profanity: "hell"`, `insult: "idiot"`, `condescension: "any idiot could"`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("signals (-want +got):\n%s", diff)
	}
}

func TestAssessEvidenceWithoutBrackets(t *testing.T) {
	got := Assess("(the new layout is ugly)", DefaultThreshold).Signals
	want := []string{`insult: "ugly"`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("signals (-want +got):\n%s", diff)
	}
}
