package tone

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReword(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"insult becomes an observation, no label on a plain statement", "Your design is moronic: every request opens a new DB connection.",
			"Your design could be improved: every request opens a new DB connection."},
		{"vocative insult dropped", "Why would you catch `Throwable`, you idiot?",
			"question: What's the reason to catch `Throwable`?"},
		{"condescension dropped, claim kept", "Any idiot could see this leaks file descriptors.",
			"issue: It looks like this leaks file descriptors."},
		{"verdict dropped, defect kept", "Sloppy. `handleWebhook` swallows every error.",
			"issue: `handleWebhook` swallows every error."},
		{"profanity dropped, identifiers of any case kept", "What the fuck is callback_semaphores_ doing in GURL::Resolve()?",
			"question: What is callback_semaphores_ doing in GURL::Resolve()?"},
		{"adjectives dropped, operators kept", "This is a fucking stupid check, `x != y` is never true for !file_supported.",
			"This is an odd check, `x != y` is never true for !file_supported."},
		{"interjection dropped", "Damn, I forgot the lock in getHTTPClient().",
			"I forgot the lock in getHTTPClient()."},
		{"an option gets a question label, not a verdict", "Maybe rename this stupid helper to parse_url?",
			"question: Maybe rename this helper to parse_url?"},
		{"link and number kept", "This is rubbish, see https://go.dev/doc/effective_go#errors and #412.",
			"This could be improved, see https://go.dev/doc/effective_go#errors and #412."},
		{"list marker kept", "- Obviously you should use a map here.", "- You should use a map here."},
		{"capitals are kept as written", "This is shit. The GURL and ADL checks are wrong.", "issue: This could be improved. The GURL and ADL checks are wrong."},
		{"quote and code kept verbatim", "> I think this is fine\n\nIt is garbage. It's broken and you know it.\n```go\nx := y\n```\n",
			"> I think this is fine\n\nissue: It could be improved. It looks broken to me.\n```go\nx := y\n```\n"},
		{"nothing left: no canned sentence", "No. Fuck this.", ""},
		{"harsh word tied to a token: no rewording", "Remove crap from `main.go`.", ""},
		{"an exclaimed 'what the hell' goes whole", "what the hell... why is this here?", "question: Why is this here?"},
		{"a curse in parentheses goes whole", "Use the helper (damn the name) so the cache is shared.",
			"Use the helper so the cache is shared."},
		{"'sort of crap' as a noun keeps a noun", "Yay for seeing this sort of crap get removed :)",
			"Yay for seeing this sort of stuff get removed :)"},
		{"'a crappy one' keeps its sentence", "It's a feature - just a crappy one.", "It's a feature - just a weak one."},
		{"'kind of crap' after a verb is a judgement", "This is kind of crap.", "This is not great."},
		{"a sentence that curses a token: no rewording", "Darn you, C++! The overload picks the wrong one.", ""},
		{"'damn it' opener is no curse on what follows", "Damn it, forgot the test.", "Forgot the test."},
		{"'darn it' inside a sentence goes whole", "ok darn it, the `retry` test fails again.", "issue: Ok, the `retry` test fails again."},
		{"'dammit' opener goes", "Dammit, the cache key misses the locale.", "The cache key misses the locale."},
		{"an opener set off by a dash goes with its dash", "Bullshit - the lock is never released.", "The lock is never released."},
		{"'the X crap' keeps its noun", "Keep find, it is simpler than the walkdirs crap.", "Keep find, it is simpler than the walkdirs stuff."},
		{"a curse as intensifier leaves 'very' to its word", "That is a very damn unlikely path in `poll()`.", "That is a very unlikely path in `poll()`."},
		{"ugly is a judgement, not a claim about reading", "The retry wrapper is ugly.", "The retry wrapper is awkward."},
		{"'looks like hell' keeps its point", "The new layout looks like hell on mobile.", "The new layout looks bad on mobile."},
		{"'full of shit' means wrong", "The old comment in `parse()` is full of shit.", "issue: The old comment in `parse()` is wrong."},
		{"'seriously' as a manner stays", "Obviously you did not take the `retry` report seriously.", "You did not take the `retry` report seriously."},
		{"a vocative left alone after its curse goes with it", "Darn, man :)", ""},
		{"a curse on a thing goes whole", "damn the mac!", ""},
		{"a line with nothing harsh keeps its spacing", "Oh damn, it's so misleading.\n  stack@vm:~$ apt-cache search docker  \n  docker -  System tray", "It's so misleading.\n  stack@vm:~$ apt-cache search docker  \n  docker -  System tray"},
		{"'the crap out of me' is 'a lot'", "This use of <span> tags bugs the crap out of me, but it's consistent.", "This use of <span> tags bugs me a lot, but it's consistent."},
		{"'you always' inside a relative clause is no reproach", "Damn it. I thought I used the one you always push for.", "I thought I used the one you always push for."},
		{"a harsh opener before a preposition has no noun to keep", "Yuck for making class loading slower...", ""},
		{"'damn it's' keeps its 'it's'", "Oh damn it's so misleading.", "Oh it's so misleading."},
		{"a word before a token is capitalised", "Dammit, missed L101 again.", "Missed L101 again."},
		{"a dropped first line leaves no blank lines", "Aw, crap.\n\nThis should be `sort_nodes(lnodes)`.", "This should be `sort_nodes(lnodes)`."},
		{"'ugly to me' is an opinion on the work, softened", "The new layout seems ugly to me.", "The new layout seems awkward to me."},
		{"a pile of marks with dots becomes one", "what is this crap ?.!", "question: what is this?"},
		{"'if something goes wrong' reports no defect", "If the upload goes wrong, it sucks that we have no logs.", "If the upload goes wrong, it is not ideal that we have no logs."},
		{"a vocative set off by a comma goes with the curse", "Damn, dude, the lock in `poll()` is never released.", "The lock in `poll()` is never released."},
		{"'man' before a noun is a word, not a vocative", "Damn, man pages say `-r` is recursive.", "Man pages say `-r` is recursive."},
		{"a joke about a failure is not labelled an issue", "Darn, this test fails on Windows again lol", "This test fails on Windows again lol"},
		{"a rhetorical 'how many times' is not cut into an offer", "How many times would you like to argue about `fsync`?", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Reword(tt.text)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Reword(%q) (-want +got):\n%s", tt.text, diff)
			}
			if got == "" {
				if len(Phrases(tt.text)) == 0 {
					t.Errorf("no rewording and no phrases named for %q", tt.text)
				}
				return
			}
			if err := Keeps(tt.text, got); err != nil {
				t.Error(err)
			}
			if r := Assess(got, DefaultThreshold); r.Tense {
				t.Errorf("rewording still tense: %.2f %v", r.Score, r.Signals)
			}
		})
	}
}

func TestRewordLabels(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"-1 is never non-blocking", "-1, maybe this stupid flag could go.", ""},
		{"a change request is never non-blocking", "You must drop this stupid flag, consider the default.", ""},
		{"an option may be non-blocking", "Perhaps remove this stupid flag; the default works.", LabelSuggestion},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Reword(tt.text)
			if got == "" {
				t.Fatalf("Reword(%q) = \"\", want a rewording", tt.text)
			}
			if has := strings.HasPrefix(got, LabelSuggestion); has != (tt.want == LabelSuggestion) {
				t.Errorf("Reword(%q) = %q, want label %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestRewordLeavesWholeSentences: a removed word leaves no hole.
func TestRewordLeavesWholeSentences(t *testing.T) {
	tests := []struct{ text, want string }{
		// After "a"/"an" the adjective is the sentence's point: softened, not dropped.
		{"This is an ugly hack around `fd`.", "This is an awkward hack around `fd`."},
		{"It does seem to be a dumb option for `--boot`.", "It does seem to be an odd option for `--boot`."},
		{"Then you end up with a crappy log in `/var`.", "Then you end up with a poor log in `/var`."},
		// A conceded verdict keeps its concession; a dropped curse its connective.
		{"Ugly, but `f()` works for now.", "A bit awkward, but `f()` works for now."},
		{"Stupid, but the test for `x` passes.", "A bit odd, but the test for `x` passes."},
		{"Damn, and then `x` is nil again.", "Then `x` is nil again."},
		// A curse before a function word strengthens nothing: the idiom stays whole.
		{"Damned if you do, damned if you don't: `x` needs the lock.", ""},
		{"Oh crap, but `Load()` is gone.", "`Load()` is gone."},
		{"Done in `a.go`, if ugly.", "Done in `a.go`, if awkward."},
		{"Ugly and slow, please use `sort.Slice`.", "Awkward and slow, please use `sort.Slice`."},
		// An adjective before "to" modifies no noun: no hole is left.
		{"All users are affected and its stupid to make every caller of `f` change.", ""},
		// An aside in brackets goes whole, and a comma before a bracket too.
		{"The only reason the (ugly) code in `db.go` works is the loop.", "The only reason the code in `db.go` works is the loop."},
		{"This kinda sucks, is there a standard way (aside from `kmalloc`, of course)?", "question: This is not ideal, is there a standard way (aside from `kmalloc`)?"},
		// A bare adjective before a noun is softened, not after "feel" and before "now".
		{"So this solution has terrible performance in `Sort`.", "So this solution has poor performance in `Sort`."},
		{"Then no ugly C++ casts for `size_t`.", "Then no awkward C++ casts for `size_t`."},
		{"Oh damn I feel stupid now. `x` is fine.", "`x` is fine."},
		// Curses said with other words are rephrased, the claim kept.
		{"I hate nested `#ifdef`s.", "I don't like nested `#ifdef`s."},
		{"I hate it too, `f` was copied.", "I don't like it either, `f` was copied."},
		{"I meant `strcmp == 0`, you crazy c programmers.", ""},
		{"Did this `#ifdef` get screwed up?", "issue: Did this `#ifdef` get broken?"},
		{"The tabs make `a.c` a bitch to read.", "The tabs make `a.c` hard to read."},
		{"Renaming `f` will be a giant pain in the ass.", "Renaming `f` will be a giant pain."},
		{"Use `.difference`, and negatives in var names suck.", "Use `.difference`, and negatives in var names are not ideal."},
		{"Give me a `parse` that doesn't suck.", "Give me a `parse` that works well."},
		{"This does suck for small `blueprints`.", "This is not ideal for small `blueprints`."},
		// "sucks" with no subject gets one: "it".
		{"Sucks that we need `x` here.", "It is not ideal that we need `x` here."},
		{"Yeah, sucks, but `f` has to stay.", "Yeah, it is not ideal, but `f` has to stay."},
		// The vulgar intensifier goes with the verb.
		{"The old `Makefile` sucks ass.", "The old `Makefile` is not ideal."},
		{"Sucks ass, but `f` has to stay.", "It is not ideal, but `f` has to stay."},
		{"WTF kind of use case is `x`?", "question: What kind of use case is `x`?"},
		{"Darn.\n \n Thanks for trying `x`. Maybe someday.", "suggestion (non-blocking): Thanks for trying `x`. Maybe someday."},
		{"There is a tool offset for `x`. So RTFM, or go rant somewhere else.", ""},
		{"Did you read the docs for `x`? RTFM.", "question: Did you read the docs for `x`?"},
		{"RTFM: https://go.dev/doc/effective_go", "The docs may help here: https://go.dev/doc/effective_go"},
		{"We can fall into a trap with `mock`. Damn you mock and python 2.6!", ""},
		{"I just made `f` for 3 callers, what the hell...", "I just made `f` for 3 callers."},
		{"You would've gotten screwed if you wrote `\"a\".equals()`.", "You would've gotten into trouble if you wrote `\"a\".equals()`."},
		{"It became ugly. Lines in `a.go` will wrap.", "It became awkward. Lines in `a.go` will wrap."},
		// Half a sentence wrapped onto the next line is never dropped alone.
		{"This could be improved as in `f`. Also, I simply hate\nthe unnecessary `\\` continuation. The quotes here are\nsilly.", ""},
		{"Ugh.\nThe quotes in `f` are silly.", "The quotes in `f` are odd."},
		{"No, `uid` is not used. So stop posting stupid answers.", "No, `uid` is not used."},
		{"No, `uid` is not used. so stop posting stupid answers.", "No, `uid` is not used."},
		{"No, `uid` is not used, so stop posting stupid answers.", "No, `uid` is not used."},
		// A smile after a dropped sentence closes the next one, not opens it.
		{"You are getting crazy here. :)  With `NULL` below it looks wrong.", "With `NULL` below it looks wrong. :)"},
		{"Eck, that sucks. Lost tasks on `crash`?", "issue: That is not ideal. Lost tasks on `crash`?"},
		{"Hmmmph, I'm not sure why the f***ing IDE adds `x`.", "I'm not sure why the IDE adds `x`."},
		{"This'll crap out if `search` fails.", "issue: This'll fail if `search` fails."},
		{"This `#if` crap is cruft from older bionic.", "This `#if` stuff is cruft from older bionic."},
		{"Gentoo likes to use crap wrappers around `python`.", "Gentoo likes to use poor wrappers around `python`."},
		{"Oh crap a `sqlalchemy` backend is not the only way.", ""},
		{"Can anyone see that we've fucked with `flags`?", "question: Can anyone see that we've tampered with `flags`?"},
		{"You mangle the hell out of `boto_file` here.", "You mangle `boto_file` here."},
		{"Hell no, not `x`.", "No, not `x`."},
		{"Let's default this sucker, like `y`.", "Let's default this one, like `y`."},
		{"We shouldn't reintroduce this turd in `a.c`.", "We shouldn't reintroduce this code in `a.c`."},
		{"`qoses` is sooo ugly!", "`qoses` is sooo awkward."},
		{"Binding `sort` gets really ugly because it is overloaded.", "Binding `sort` gets really awkward because it is overloaded."},
		{"IMHO `f` is uglier than what is here.", "IMHO `f` is more awkward than what is here."},
		{"The default of `unittest` is stupidly quiet.", "The default of `unittest` is needlessly quiet."},
		{"Output of `f` is mildly ugly, but it's stupidly useful.", "Output of `f` is mildly awkward, but it's very useful."},
		{"If someone stupidly sets `retries` to 0, this never runs.", "If someone sets `retries` to 0, this never runs."},
		{"If the header of `f` is corrupt, we're screwed?", "question: If the header of `f` is corrupt, we're in trouble?"},
		{"Some day you can shit bricks debugging `lst=[]`.", ""},
		{"`hmm`, that's a lot prettier. darn.", "`hmm`, that's a lot prettier."},
		{"Templating `CodeGenerator` just sucks.", "Templating `CodeGenerator` is just not ideal."},
		{"Global variables like `g` are always ugly.", "Global variables like `g` are always awkward."},
		// A person is never softened into "odd": the insult goes, or the rewording does.
		{"From the config file, a stupid user may put `0B` there.", "From the config file, a user may put `0B` there."},
		{"Some argue `super` should always be used, but you're also stupid.", ""},
		// One word, two signals: handled once, and a noun insult never leaves "What LGTM'd".
		{"That's a shitty test for `x`.", "That's a poor test for `x`."},
		{"What idiot approved `f`? I'm fixing it.", ""},
		{"I'm not sure why the f***ing IDE adds `x`.", "I'm not sure why the IDE adds `x`."},
		{"`a.h` has `memset`-like names. Yeah, they're horrible, but they mirror `memset`.", "`a.h` has `memset`-like names. Yeah, they're not great, but they mirror `memset`."},
		// A dropped line leaves one blank line, not two.
		{"> start >> 20\n\nOh damn I feel stupid now...\n\nShouldn't `x` be 0?", "> start >> 20\n\nquestion: Shouldn't `x` be 0?"},
		{"1) Fine\n\n\n2) The error handling in `drv.c` is atrocious.", "1) Fine\n\n\n2) The error handling in `drv.c` is not great."},
		{"This is the worst code I want to improve in `db.go`.", "This is the code I want to improve in `db.go`."},
		{"Oh crap, the test for `Load()` is gone.", "The test for `Load()` is gone."},
		{"The fucking build broke again on arm64.", "issue: The build broke again on arm64."},
		{"Why the hell is `n` negative?", "question: Why is `n` negative?"},
		// "one" means nothing without its word: the sentence goes instead.
		{"You are the clueless one. Look up groups under `RFC2307`.", "Look up groups under `RFC2307`."},
	}
	for _, tt := range tests {
		if got := Reword(tt.text); got != tt.want {
			t.Errorf("Reword(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestTidy: the comma a deletion leaves before a bracket goes; an
// emoticon's colon stays.
func TestTidy(t *testing.T) {
	for in, want := range map[string]string{
		"(aside from kmalloc, )?": "(aside from kmalloc)?",
		"[a ,  ] b":               "[a] b",
		"fine IMNSHO :).":         "fine IMNSHO :).",
		"a tuple (x,) stays":      "a tuple (x,) stays",
	} {
		if got := tidy(in); got != want {
			t.Errorf("tidy(%q) = %q, want %q", in, got, want)
		}
	}
}
