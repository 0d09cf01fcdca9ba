package tone

import (
	"regexp"
	"strings"
	"sync"
)

// neutralWord stands in for words a guard took out of a sentence; no rule
// matches it.
const neutralWord = "xx"

// neutralRE matches the software terms, enthusiasm and self-deprecating
// phrases that use a harsh word without aiming it at anyone: "garbage
// collector", "dumb terminal", "callback hell", "worst case", "f*** yes",
// "damn good catch", "stupid question", "stupid me".
var neutralRE = sync.OnceValue(func() *regexp.Regexp {
	tech := []string{
		`garbage[- ]collect\w*`,
		`garbage (?:values?|data|bytes?|memory|chars?|characters?|output|input|pointers?|entries|results?|bits?|in|out|at|after|left|on|when|if|from|into|because)`,
		`(?:trailing|random|uninitiali[sz]ed|stack|leftover|some|any|no|more|less|extra|of|with|returns?|contains?|reads?|prints?|produces?|generates?|creates?) garbage`,
		`junk (?:data|bytes?|chars?|characters?|values?|mail|files?|decl\w*|code|at|in|after|left|folder)`,
		`(?:trailing|random|some|with|any|leftover|extra) junk`,
		`dumb (?:mode|terminals?|pipes?|clients?|proxy|proxies|structs?|components?|objects?|data|containers?|widgets?|views?|wrappers?|class(?:es)?|types?|pointers?|ptrs?|buffers?|renderers?|switch(?:es)?|devices?|phones?|down|downed|holders?)`,
		`(?:callback|dependency|dll|jar|template|macro|version|config|yaml|header|include) hell`,
		`lazy[- ]?(?:load\w*|init\w*|eval\w*|iterators?|sequences?|val|static|import\w*|fetch\w*|bindings?|streams?|lists?|mode|quantifiers?|instantiation|creation|allocation|property|properties|attributes?|evaluation|singleton|values?|computation)`,
		`(?:lazily|lazy) (?:initiali[sz]\w*|computed|created|loaded|evaluated)`,
		`(?:creating|generating|producing|so much|a lot of|lots of|much|unnecessary) garbage`,
		`garbage (?:lines?|pixels?|frames?|during|while|per|collection)`,
		`freak(?:s|ed|ing)? out`, `suck(?:s|ed|ing)? (?:out|up|into|in (?:the|a|an|all))`,
		`(?:shit|crap) hits the fan`,
		`worst[- ]case`, `stupid[- ](?:simple|big|fast|easy|small|quick|cheap)`, `ugly[- ]print\w*`, `pretty[- ]print\w*`, `(?:in|at) (?:the )?worst`,
		`evil (?:twin|maid)`, `gross (?:margin|total|amount|income|weight)`,
		`screw(?:s|ed)? (?:in|into|on|the|holes?)`,
		`(?:dirty|ugly|nasty|gross|awful|terrible|horrible|horrid|crappy|disgusting) hack\w*`,
		`(?:master|slave|blacklist|whitelist|kill|dead|dummy|abort|fatal|nuke|orphan|zombie|execute|hack)\w*`,
	}
	// A word mentioned, not used: "say workaround instead of crappy",
	// "the word stupid", "rather than writing dumb".
	mention := `(?:say|write|use|call it|prefer|suggest) ["']?[\w-]+["']? (?:instead of|rather than|over) ["']?[\w-]+|` +
		`(?:instead of|rather than) (?:saying|writing|using|calling it) ["']?[\w-]+|(?:the )?(?:word|term|phrase|wording) ["']?[\w-]+`
	enthusiasm := `(?:crap|shit),? (?:yes|yeah|yep)\b|(?:f\S*|hell|heck|damn\w*|bloody|freaking|frigging|effing|holy \w+) (?:yes|yeah|yea|yay|yep|awesome|amazing|great|cool|nice|good|brilliant|fast|sweet|impressive|excellent|clever|neat|well|fine|happy|glad)\b|(?:yes|yeah|woo+)[,!]* (?:f\S*|hell yes|hell yeah)`
	self := `(?:stupid|dumb|silly|idiotic|idiot|newbie|noob|naive|lazy|crappy|crap|bad|pathetic|obvious|ugly|awful|awfull|terrible|horrible|lame|brainless)(?: \w+)? (?:questions?|q|guess(?:es)?|mistakes?|misstakes?|blunders?|goofs?|typos?|errors?|oversights?|thinkos?|copy-?paste|c&p|bugs?|rebase|slip|brain|moment|nits?|comments?|remarks?)|(?:stupid|dumb|silly|idiotic|idiot|newbie|noob|naive|lazy|crappy|crap|bad|pathetic|obvious|ugly|awful|awfull|terrible|horrible|lame|brainless) (?:me|of me|on my part|from my side)|(?:stupid|dumb|silly|idiot) (?:me|of me)|i know (?:it's|it is|this is|that's|that is|they're|they are|these are) (?:\w+ )?(?:ugly|hacky|gross|stupid|dumb|silly|messy|terrible|awful|horrible|lame|crappy|clunky|weird)|(?:just|only|probably|maybe|perhaps|may be) an? (?:\w+ )?(?:stupid|dumb|silly|naive|lame) (?:idea|suggestion|thought|proposal)s?|(?:sorry|apolog\w+)(?: \w+){0,6} (?:stupid|dumb|silly|idiot|idiotic|sloppy|ugly|crap|crappy)\w*`
	return regexp.MustCompile(`\b(?:` + strings.Join(tech, "|") + `|` + mention + `|` + enthusiasm + `|` + self + `)\b`)
})

// neutral replaces the guarded phrases of a lower-cased sentence with
// neutralWord.
func neutral(lower string) string {
	if !strings.ContainsAny(lower, "abcdefghijklmnopqrstuvwxyz") {
		return lower
	}
	return neutralRE().ReplaceAllStringFunc(lower, func(m string) string {
		if harshHackRE.MatchString(m) {
			return m
		}
		return neutralWord
	})
}

// harshHackRE matches a hack called names ("dirty hack", "ugly hacks"):
// "hack" alone is a software word, but the adjective before it is not.
var harshHackRE = regexp.MustCompile(`^(?:dirty|ugly|nasty|gross|awful|terrible|horrible|horrid|crappy|disgusting) hack`)

// firstPerson are the words that make a harsh word self-directed when
// nothing aimed at someone else stands between them and it.
var firstPerson = sync.OnceValue(func() map[string]bool {
	return wordSet(`i i'm im i've i'd i'll me my myself am`)
})

// aimBreakers end a self-directed reading: "I think this is stupid" is
// about this, not about me.
var aimBreakers = sync.OnceValue(func() map[string]bool {
	return wordSet(`this that it it's these those you your you're the think thought find found guess say said believe agree know hate hated see saw call called consider find
		assume assumed expect expected suspect would will could should might may`)
})

// selfDirected reports whether the harsh words at lower[start:end] are
// about the writer: "I'm an idiot", "I was being stupid", "I suck",
// "sorry for my dumb question", "stupid me".
func selfDirected(lower string, start, end int) bool {
	after := words(lower[end:])
	if len(after) > 0 && (after[0] == "me" || after[0] == "myself") {
		return true
	}
	// "on my part", "my own" near the words, not anywhere in the sentence:
	// "you made a crappy port, I'll make my own" is not about the writer.
	near := strings.Join(lastN(words(lower[:start]), 4), " ") + " " + lower[start:end] + " " + strings.Join(after[:min(len(after), 4)], " ")
	if outOfMeRE.MatchString(lower[start:]) {
		return false // "bugs the crap out of me": the thing annoys the writer
	}
	if selfRE().MatchString(near) {
		return true
	}
	if end > 0 && lower[end-1] == ' ' && selfAfterRE.MatchString(lower[end-1:]) {
		return true
	}
	before := lastN(words(lower[:start]), 5)
	for i := len(before) - 1; i >= 0; i-- {
		w := before[i]
		if aimBreakers()[w] {
			return false
		}
		if firstPerson()[w] {
			return true
		}
	}
	return false
}

// outOfMeRE matches a curse that intensifies how much something annoys
// or scares the writer: "annoys the shit out of me", "bugs the crap out
// of us". The curse is aimed at the thing, not at the writer.
var outOfMeRE = regexp.MustCompile(`^(?:shit|crap|hell|heck|fuck|bejesus|daylights)\w* out of (?:me|us)\b`)

// selfAfterRE matches words right after a harsh noun that make it the
// writer's: "what stupidity I am doing", "the crap I added". "You made
// a crappy port I am tempted to redo" is not the writer's.
var selfAfterRE = regexp.MustCompile(`^ (?:that |which )?i(?:(?:'m| am| was| were) doing|(?:'ve| have| had)? (?:did|done|made|wrote|written|introduced|added|committed|pushed|put|left))\b`)

// selfRE matches a sentence that owns its harsh words: "on my part",
// "my bad", "from my side", "of me".
var selfRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\b(?:on my part|my bad|from my side|my fault|of me|on me|my own)\b`)
})

// quotedRE matches short quoted strings in prose: "…", “…", '…' and C
// comments /* … */
// standing alone. Their words are someone else's (or a name) and are not
// scored.
var quotedRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`/\*[^\n]*?\*/|"[^"\n]{1,120}"|“[^”\n]{1,120}”|(^|[\s(\[])'[^'\n]{1,60}'([\s.,;:!?)\]]|$)`)
})

// maskQuoted replaces quoted strings with the word "Quote".
func maskQuoted(s string) string {
	return quotedRE().ReplaceAllString(s, "${1}Quote${2}")
}

// logLineRE matches a line that looks pasted from a log or a terminal:
// timestamps, level prefixes, stack frames, compiler positions, prompts.
var logLineRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*(?:\[?\d{4}-\d\d-\d\d[ T]|\[?\d\d:\d\d:\d\d|(?:ERROR|WARN|WARNING|INFO|DEBUG|FATAL|TRACE|CRITICAL|PANIC)\b|Traceback \(most recent|at [\w.$<>]+\(|File "|\$ \S|[\w./-]+\.\w+:\d+(?::\d+)?:|\[ *(?:RUN|OK|FAILED|PASSED) *\])`)
})

// dropLogLines blanks the lines of prose that look pasted from a log.
func dropLogLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if logLineRE().MatchString(l) {
			lines[i] = ""
		}
	}
	return strings.Join(lines, "\n")
}

var (
	firstPersonRE  = regexp.MustCompile(`(?i)\b(?:i|i'm|i've|i'll|i'd|my|me|myself)\b`)
	secondPersonRE = regexp.MustCompile(`(?i)\b(?:you|your|you're|yours|you've|you'll|u|ur)\b`)
)

// ownsWords reports prose that speaks of its writer ("I", "my") and never
// addresses the reader: "So stupid. I forgot the most important thing."
func ownsWords(prose string) bool {
	return firstPersonRE.MatchString(prose) && !secondPersonRE.MatchString(prose)
}
