package tone

import (
	"regexp"
	"strings"
	"sync"
)

// replacement rewrites one tense phrase into a calmer one.
type replacement struct {
	re   *regexp.Regexp
	with string
	// work: the rule softens a verdict on work ("is stupid" -> "is
	// odd") and is skipped when a person is its subject ("they're
	// stupid"): calling a person odd is no kinder.
	work bool
	// noun: the rule's first group must be a word that can modify a noun,
	// not an interjection or a joining word ("oh crap, …").
	noun bool
}

// personSubjectRE matches a sentence that ends in a person as subject of
// a verb of being: "they're", "you are also", "he was".
var personSubjectRE = regexp.MustCompile(`(?i)\b(?:you|he|she|we|i|people|folks?|guys|devs?|developers?|users?)(?:'re|'m| are| am| were| was|'s| is)?(?: (?:also|really|so|very|just|quite|pretty|too|all|both|totally|being))*\s*$`)

// replacementSpecs are applied in order, case-insensitively, to each prose
// sentence of a tense comment. They turn questions of blame into questions
// of reason, verdicts into observations, and drop insults, condescension,
// sarcastic openers and profanity while keeping the sentence's claim.
func replacementSpecs() [][3]string {
	return [][3]string{
		{`\byou(?:'re| are) (?:an? )?\w+ if you think\b`, "I don't think"},
		{`^(?:please tell me )?(?:is )?(?:this|that|it)(?: is|'s)? (?:a|such a|an absolute) joke\b.*$`, ""},
		{`^(?:honestly,? |frankly,? )?(?:this is )?the (?:worst|dumbest|laziest|ugliest|messiest) .*$`, ""},
		{`\bwhat an? (?:stupid|dumb|terrible|awful|horrible|ridiculous|silly|lazy) way to\b`, "I'm not sure about this way to"},
		{`\bwhat kind of (?:clown|idiot|moron|person|developer|programmer|engineer) writes\b`, "I'm not sure about writing"},
		// A verdict conceded before "but" keeps its concession, softened:
		// "Ugly, but it works" must not become "But it works".
		{`^(?:(?:really|so|very|pretty|kinda|kind of|a bit|quite|somewhat|rather|super) )?(?:ugly|fugly|hideous)(?: as (?:hell|sin))?,? (but|though|yet|if)\b`, "A bit awkward, $1"},
		{`^(?:(?:really|so|very|pretty|kinda|kind of|a bit|quite|somewhat|rather|super) )?(?:stupid|silly|dumb|idiotic|ridiculous|crazy|insane|braindead|brain-dead)(?: as (?:hell|sin))?,? (but|though|yet|if)\b`, "A bit odd, $1"},
		{`^(?:(?:really|so|very|pretty|kinda|kind of|a bit|quite|somewhat|rather|super) )?(?:terrible|horrible|awful|crappy|shitty|lousy|lame|gross|sloppy)(?: as (?:hell|sin))?,? (but|though|yet|if)\b`, "Not great, $1"},
		{`\b(if|albeit|though) (?:(?:a bit|kinda|somewhat|rather|very|really|pretty) )?(?:ugly|fugly|hideous)\b`, "$1 awkward"},
		// An opening adjective before a function word is a verdict, not a
		// modifier: "Ugly and slow" has no noun for "this" to stand before.
		{`^ugly (and|or|to|as|in|on|for|with|at|here|there|now|too|imo)\b`, "Awkward $1"},
		{`^(?:useless|pointless) (and|or|to|as|in|on|for|with|at|here|there|now|too|imo)\b`, "Unnecessary $1"},
		{`^(?:horrible|terrible|sloppy|awful) (and|or|to|as|in|on|for|with|at|here|there|now|too|imo)\b`, "Not great $1"},
		{`^(?:useless|pointless|horrible|terrible|sloppy|awful|ugly) (\w+)`, "I'm not sure about this $1"},
		{`^do you (?:\w+ )?(?:know|understand) (.+?)\?$`, "Happy to talk through $1 if that helps."},
		{`^(?:ugh,? )?not this again\b.*$`, ""},
		{`^learn (?:how )?to .*$`, ""},
		// "Stop posting stupid answers" orders the reader about; softening
		// its adjective leaves the order ("stop posting odd answers").
		{`^(?:so,? |and |just |please |now )?stop \w+ing\b.*$`, ""},
		{`([.!?]) (?:so,? |and |just |please |now )?stop \w+ing\b.*$`, "$1"},
		{`[,;] (?:so,? |and |just |please |now )?stop \w+ing\b.*$`, "."},
		{`,? like everyone else\b`, ""},
		{`\b(?:clearly,? )?nobody bothered to\b`, "it looks like we didn't"},
		// Only where the docs are what the sentence points to: "So RTFM, or
		// go rant somewhere else" has more to it than a pointer.
		{`^(?:so,? )?rtfm[.!]*\s*$`, ""},
		{`^(?:so,? )?rtfm[:.!]+\s*`, "The docs may help here: "},
		{`\bhalf[- ]?assed\b`, "partial"},
		{`^(?:what|why|how|who|where) the (?:hell|heck|fuck|f\*+|devil)[,.!?]+\s+`, ""},
		{`,?\s*\bwhat the (?:fuck|hell|heck)[.!?…]*$`, "."},
		{`\b(what|why|where|who|how) the (?:fuck|hell|heck)\b`, "$1"},
		{`\bwhy (?:on earth|in the world) `, "why "},
		{`\bwhy would (?:you|anyone|anybody|someone|one) (?:ever )?`, "what's the reason to "},
		{`\bwhat were you thinking(?: here)?\b`, "could you walk me through the reasoning here"},
		{`\bwhy didn't you (?:just )?`, "could we "},
		{`\b(did|have|do) you (?:even|actually|ever) `, "$1 you "},
		{`,? (?:and )?any (?:idiot|fool|child) (?:could|can|would) (?:see|tell) (?:that|this|it)\b`, ""},
		{`\bany idiot could see (?:that )?`, "it looks like "},
		{`\beven an? (?:[\w-]+ )?(?:child|junior|beginner|intern|student|monkey|kid) knows (?:that )?`, "I'd suggest "},
		{`\bhow many times do i have to tell you to `, "could we "},
		{`\bi shouldn't have to explain why (.+?) is bad\b`, "I think $1 is risky here"},
		{`\bas i (?:already )?(?:said|mentioned)(?: twice| before)?,? `, ""},
		{`\b(?:second|third|fourth|fifth) time i'm saying this:? `, ""},
		{`\b(?:it's not rocket science|come on|for the \w+ time),? `, ""},
		{`\byou (?:obviously|clearly) (didn't|don't|haven't)\b`, "it looks like you $1"},
		// Only as a clause of its own: "the one you always push for" is no
		// reproach.
		{`(^|[,;:] |\b(?:and|but|because|since|so) )you(?:'ve)? always\b`, "${1}it seems we sometimes"},
		{`(^|[,;:] |\b(?:and|but|because|since|so) )you never\b`, "${1}it seems we don't always"},
		{`\bevery (?:single )?time you\b`, "when we"},
		{`\b(?:once|yet) again,? `, ""},
		{`\b(?:and|but) you know it\b|\band you should be ashamed\b`, ""},
		{`\b(?:thanks for breaking|i love how this breaks)\b`, "it looks like this breaks"},
		{`\bgenius (?:idea|move|plan) to\b`, "I'm not sure about the choice to"},
		{`\bwhat could possibly go wrong\b`, "what could go wrong"},
		{`^(?:oh )?(?:great|wonderful|brilliant|fantastic|perfect|lovely|wow|nice job|great job|good job|congrats|congratulations)[,.!]+ `, ""},
		{`^yeah,? right,? like (.+?) will ever\b`, "I'm not sure $1 will"},
		{`^(?:holy shit|damn it|dammit|damnit|damn|jesus christ|jesus|ugh|sigh|lol|bullshit)(?:\s+[-–—:]|[,.!]*) `, ""},
		// A groan that opens a harsh sentence goes with the harshness:
		// "Eck, that sucks." is "That is not ideal.", not "Eck, that is …".
		{`^(?:erf|eck|ergh|urgh|ugh+|a+rgh+|meh|bah|gah|grr+|hm+ph|pf+t?|yikes|geez|jeez|sheesh)(?:[,.!…]+|\s+[-–—:])\s+`, ""},
		{`\s?\((?:damn|darn|screw|curse|sod|fuck) (?:the|this|that|these|those|it|them)\b[^()]{0,40}\)`, ""},
		{`\bwtf (is|are|was|were|does|do|did|kind of|happened|happens)\b`, "what $1"},
		// "I hate X" is a preference said hard: "I don't like X" keeps it.
		{`\b(i|we)((?: (?:really|honestly|personally|still|just|kinda|truly|absolutely|so|kind of))*) hate (it|this|that|them|these|those) too\b`, "$1$2 don't like $3 either"},
		{`\b(i|we)((?: (?:really|honestly|personally|still|just|also|kinda|truly|absolutely|so|kind of))*) hate\b`, "$1$2 don't like"},
		{`\b(i|we)((?: (?:really|honestly|personally|still|just|also|kinda|truly|absolutely|so|kind of))*) hated\b`, "$1$2 didn't like"},
		{`\b(will|would|'ll|may|might) hate\b`, "$1 dislike"},
		// "Screw up" is "break": the claim stays, the curse goes.
		{`\bscrewing (it|this|that|things|them|\w+) up\b`, "breaking $1"},
		{`\bscrewing up\b`, "breaking"},
		{`\bscrewed (it|this|that|things|them) up\b`, "broke $1"},
		{`\bscrew (it|this|that|things|them) up\b`, "break $1"},
		{`\bscrew up\b`, "break"},
		{`\b(we|you|i|they|he|she)('re| are|'m| am| were| was|'ll be| will be| would be) (?:totally |completely |really |so )?(?:screwed|fucked)\b`, "$1$2 in trouble"},
		{`\b(we|you|i|they|he|she|us|me)((?: [\w']+){0,2}) (get|gets|got|gotten|getting) (?:totally |completely |really |so )?(?:screwed|fucked)\b`, "$1$2 $3 into trouble"},
		{`\b(get|gets|got|gotten|is|was|are|were|be|been|being|looks?|seems?|'s|'re) (?:totally |completely |all |really )?(?:screwed|fucked|messed)(?: up)?\b`, "$1 broken"},
		{`\bscrew(s|ed)? us\b`, "cause problems for us"},
		{`\ba (?:bitch|pita|nightmare) to (\w+)`, "hard to $1"},
		{`\bpain in the (?:ass|arse|butt|neck)\b`, "pain"},
		{`\bbit(?:ten)? in the (?:ass|arse|butt)\b`, "caught out"},
		{`\b(\w+) as (?:hell|fuck|shit|heck)\b`, "$1"},
		{`\b(?:chance|way) in hell\b`, "chance"},
		{`^hell,? no\b`, "No"},
		{`\bhell to pay(?: for)?\b`, "a lot of trouble"},
		{`\bfuck(?:ed)? with\b`, "tampered with"},
		{`\bfucking with\b`, "tampering with"},
		{`\b(will|'ll|would|might|may|can|could|to|does|did|often|always|just|then|it|this|that|and) crap out\b`, "$1 fail"},
		{`\bcraps out\b`, "fails"},
		{`\bcrapped out\b`, "failed"},
		{`\b(this|that|these|those) suckers\b`, "$1 ones"},
		{`\b(this|that) sucker\b`, "$1 one"},
		{`\b(this|that|the) turds?\b`, "$1 code"},
		{`\bkick-?ass\b`, "great"},
		{`\b(break|breaks|breaking|broke|fix|fixes|fixing|move|moving) shit\b`, "$1 things"},
		{`\b(?:stupid|stupidly|ridiculously|insanely|crazy) (easy|simple|fast|quick|obvious|hard|slow|small|cheap)\b`, "very $1"},
		{`\bfull of (?:shit|crap|it|bs)\b`, "wrong"},
		{`\b(looks?|seems?|feels?) like hell\b`, "$1 bad"},
		{`\b(this|that|it|your|the)((?: \w+){0,2})(?: is| are|'s| looks| seems) (?:(?:absolute|complete|total|pure|such|frankly|just|so|really|pretty|a|an|utter) )*(?:garbage|trash|rubbish|crap|shit|junk|a mess|a joke|a disaster|awful|terrible|horrible|ridiculous|insane|nonsense|stupid|dumb|lazy|sloppy|pathetic|embarrassing|idiotic|moronic|braindead|useless|pointless|amateurish|fucked)(?: (?:code|work|fix|pr))?([.!?,;:]|$)`, "$1$2 could be improved$3"},
		// A harsh word in brackets is an aside: "the (ugly) code" is "the code".
		{` ?\((?:really |very |so |pretty |quite )?(?:ugly|stupid|dumb|silly|crappy|shitty|horrible|terrible|awful|hideous|idiotic|sloppy|lame|gross|yuck|ugh|sigh|argh)[.!?]*\)`, ""},
		{`\b(this|that) (?:garbage|trash|crap|junk|rubbish|mess)\b`, "$1"},
		{`\b(is|are|was|were|looks?|seems?|feels?|sounds?|gets?|got|getting|became|becomes?|'s|'re)((?: (?:a bit|a little|a tad|kinda|kind of|pretty|really|so+|very|quite|just|still|even|far|much|way))*) uglier\b`, "$1$2 more awkward", "work"},
		{`\bhorribly (ugly|complicated|complex|slow|broken|wrong|confusing)\b`, "very $1"},
		{`\bstupidly (quiet|slow|long|complicated|complex|verbose|large|big|small|hard|strict|loud|expensive)\b`, "needlessly $1"},
		{`\bstupidly (useful|fast|simple|easy|good|cheap|quick|powerful|effective|handy)\b`, "very $1"},
		{`\bstupidly `, ""},
		{`\b(is|are|was|were|looks?|seems?|feels?|sounds?|gets?|got|getting|became|becomes?|'s|'re)((?: (?:a bit|a little|a tad|kinda|kind of|pretty|really|so+|very|quite|just|mildly|rather|totally|completely|super|somewhat|fairly|always|still|also|absolutely|utterly|entirely|extremely|incredibly))*) (?:ugly|fugly|hideous)((?:[.!?,;:)]|$| but\b| and\b| to\b| for\b| in\b| here\b| there\b| now\b| imo\b| though\b| too\b| as\b| because\b| since\b| when\b| if\b| with\b| that\b| once\b| unless\b| to me\b| imho\b| imnsho\b))`, "$1$2 awkward$3", "work"},
		{`\b(is|are|was|were|looks?|seems?|feels?|sounds?|gets?|got|getting|became|becomes?|'s|'re)((?: (?:a bit|a little|a tad|kinda|kind of|pretty|really|so+|very|quite|just|mildly|rather|totally|completely|super|somewhat|fairly|always|still|also|absolutely|utterly|entirely|extremely|incredibly))*) (?:stupid|silly|dumb|crazy|insane|ridiculous|absurd|idiotic|nonsensical|bonkers|braindead|brain-dead|moronic)((?:[.!?,;:)]|$| but\b| and\b| to\b| for\b| in\b| here\b| there\b| now\b| imo\b| though\b| too\b| as\b| because\b| since\b| when\b| if\b| with\b| that\b| once\b| unless\b| to me\b| imho\b| imnsho\b))`, "$1$2 odd$3", "work"},
		{`\b(is|are|was|were|looks?|seems?|feels?|sounds?|gets?|got|getting|became|becomes?|'s|'re)((?: (?:a bit|a little|a tad|kinda|kind of|pretty|really|so+|very|quite|just|mildly|rather|totally|completely|super|somewhat|fairly|always|still|also|absolutely|utterly|entirely|extremely|incredibly))*) (?:terrible|horrible|awful|crappy|shitty|sucky|lousy|atrocious|garbage|rubbish|trash|junk|crap|shit|utter crap|complete crap|total crap|lame|pathetic|sloppy|shoddy|gross|yucky|disgusting)((?:[.!?,;:)]|$| but\b| and\b| to\b| for\b| in\b| here\b| there\b| now\b| imo\b| though\b| too\b| as\b| because\b| since\b| when\b| if\b| with\b| that\b| once\b| unless\b| to me\b| imho\b| imnsho\b))`, "$1 not great$3", "work"},
		{`\b(is|are|was|were|looks?|seems?|feels?|sounds?|gets?|got|getting|became|becomes?|'s|'re)((?: (?:a bit|a little|a tad|kinda|kind of|pretty|really|so+|very|quite|just|mildly|rather|totally|completely|super|somewhat|fairly|always|still|also|absolutely|utterly|entirely|extremely|incredibly))*) (?:nasty|evil)((?:[.!?,;:)]|$| but\b| and\b| to\b| for\b| in\b| here\b| there\b| now\b| imo\b| though\b| too\b| as\b| because\b| since\b| when\b| if\b| with\b| that\b| once\b| unless\b| to me\b| imho\b| imnsho\b))`, "$1$2 risky$3", "work"},
		{`\b(is|are|was|were|looks?|seems?|feels?|sounds?|gets?|got|getting|became|becomes?|'s|'re)((?: (?:a bit|a little|a tad|kinda|kind of|pretty|really|so+|very|quite|just|mildly|rather|totally|completely|super|somewhat|fairly|always|still|also|absolutely|utterly|entirely|extremely|incredibly))*) (?:useless|pointless)((?:[.!?,;:)]|$| but\b| and\b| to\b| for\b| in\b| here\b| there\b| now\b| imo\b| though\b| too\b| as\b| because\b| since\b| when\b| if\b| with\b| that\b| once\b| unless\b| to me\b| imho\b| imnsho\b))`, "$1$2 unnecessary$3", "work"},
		{`\b(it|this|that)(?:'s| is) (broken|wrong|incorrect)\b`, "$1 looks $2 to me"},
		{`\b(the|this|that|these|those|your|such|my|our) (?:stupid|dumb|dumbest|idiotic|moronic|lazy|laziest|sloppy|amateurish|brain-?dead|crappy|pathetic|horrible|terrible|awful|useless|pointless|ugly|embarrassing|ridiculous|absurd|garbage|junk|trash|fucking|fuckin|damn|bloody|goddamn|worst|ugliest|messiest|half[- ]assed|frankly|honestly) `, "$1 "},
		{`^(?:oh,? |ah,? )?(?:(?:darn|damn|dang|bugger|sod) it|(?:darn|damn|screw|fuck) you|(?:screw|fuck|sod) (?:this|that|it))(?:[,.!]+\s*|\s*$)`, ""},
		// A curse inside a sentence goes whole, not just its first word:
		// "yes damn it..." is "yes...", not "yes it..."; "damn it's" is
		// "damn" before "it's".
		{`,?\s*\b(?:(?:damn|darn|dang|bugger|sod) it|dammit|damnit|goddammit)([^'\w]|$)`, "$1"},
		{`\b(those|these|they|both|all|things|tools|tests|we|you) (?:really |kinda |totally )?suck\b`, "$1 are not ideal"},
		{`\bdoes (?:really |kinda |totally )?suck\b`, "is not ideal"},
		{`\bdo (?:really |kinda |totally )?suck\b`, "are not ideal"},
		{`\bdid (?:really |kinda |totally )?suck\b`, "was not ideal"},
		{`\b(\w+s) (?:really |kinda |totally )?suck\b`, "$1 are not ideal", "noun"},
		{`\b(doesn't|does not|won't|will not) suck\b`, "works well"},
		{`\b(don't|do not) suck\b`, "work well"},
		{`\b(make|makes|made|making) (\w+ )?(\w+) suck\b`, "$1 $2$3 hard"},
		{`,? you (?:idiot|moron|clown|fool|imbecile|dumbass|jackass|muppet)s?\b`, ""},
		// "kind of crap" is a judgement after a verb and a noun elsewhere:
		// "this sort of crap gets removed" keeps its noun.
		{`\b(is|are|was|were|looks?|seems?|feels?|'s|'re) (?:kind|sort) of (?:shit|crap|shitty|crappy|garbage|rubbish|junk)\b`, "$1 not great"},
		{`\b(kind|sort) of (?:shit|crap|garbage|rubbish|junk)\b`, "$1 of stuff"},
		{`\b(?:kind|sort) of (?:shitty|crappy)\b`, "not great"},
		{`\b(?:a|an) (?:crappy|shitty|lousy|sloppy|shoddy|awful|terrible|horrible|lame) (one|idea|name|hack|workaround|solution|approach|way|api|interface|design)\b`, "a weak $1"},
		// "Sucks that …" and "ya, sucks using …" have no subject: "it" is.
		{`(^|[.!?;]\s+|^(?:ya|yeah|yep|yup|yes|well|ok|okay|oh|man),?\s+)(?:really |kinda |totally )?sucks(?: ass| balls)?\b`, "${1}it is not ideal"},
		{`\bsucks? less\b`, "is better"},
		{`\bjust sucks\b`, "is just not ideal"},
		{`\b(?:really |kinda |kind of |totally |completely )?sucks(?: ass| balls| a lot| so much| big time| badly| hard| a bit| a little| somewhat)?\b`, "is not ideal"},
		{`\b(?:really |kinda |kind of |totally |completely )?sucked(?: ass| balls)?\b`, "was not ideal"},
		{`\b(would|will|does|might|may|to|can|could) suck\b`, "$1 be poor"},
		{`\b(\w+) the (?:crap|shit|hell|heck|fuck|living daylights|bejesus) out of (me|us|you|him|her|them)\b`, "$1 $2 a lot"},
		{`\b(\w+) the (?:hell|crap|shit|heck|fuck) out of\b`, "$1"},
		{`\b(the|this|that|all this|all that|such|some|more|any|of) (?:crap|shit|bullshit|garbage|junk|trash|rubbish|nonsense)\b`, "$1 stuff"},
		{`\b(the|these|those|all the) ([a-z][\w-]*) (?:crap|shit|bullshit|garbage|junk|trash|rubbish|nonsense)\b`, "$1 $2 stuff"},
		// A noun before "crap" names what it is: "this #if crap", "of
		// Mac-specific crap", "legacy C crap" are that stuff.
		{`\b(?:crap|shitty|crappy) ([a-z][\w-]*s)\b`, "poor $1", "noun"},
		{`\b(this|that|these|those|the|all|some|any|of|such|more|legacy|old|your|our) ([\w\x{E000}-\x{EFFF}][\w-]*) crap\b`, "$1 $2 stuff"},
		{`\b(?:obviously|clearly|of course|simply|basically)\b,? ?`, ""},
		// "seriously" goes only as an aside, not as the manner of a verb:
		// "taking your ideas seriously" keeps it.
		{`^seriously,? |,? seriously(?:[,?]|$)`, ""},
	}
}

var replacements = sync.OnceValue(func() []replacement {
	specs := replacementSpecs()
	out := make([]replacement, 0, len(specs))
	for _, s := range specs {
		out = append(out, replacement{regexp.MustCompile(`(?i)` + s[0]), s[1], s[2] == "work", s[2] == "noun"})
	}
	return out
})

// apply rewrites every match of r in s, except a verdict on work whose
// subject is a person.
func (r replacement) apply(s string) string {
	if !r.work && !r.noun {
		return r.re.ReplaceAllString(s, r.with)
	}
	var b strings.Builder
	last := 0
	for _, m := range r.re.FindAllStringSubmatchIndex(s, -1) {
		if r.work && personSubjectRE.MatchString(s[:m[0]]) || r.noun && m[2] >= 0 && notModifier()[strings.ToLower(s[m[2]:m[3]])] {
			continue
		}
		b.WriteString(s[last:m[0]])
		b.Write(r.re.ExpandString(nil, r.with, s, m))
		last = m[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// notModifier lists words that cannot modify a noun after them, nor be
// the noun a word before them modifies.
var notModifier = sync.OnceValue(func() map[string]bool {
	return wordSet(`oh ah aw well and but or so yeah yes no holy is are was were be been it this that
		of for to in on at with from by me us you them him her a an the some any no more less what
		like about into out up leaves leave leaving left has have had do does did all
		does seems looks gets makes goes needs keeps its thanks`)
})
