package tone

import "sync"

// Signal names, as they appear before the colon in Result.Signals.
const (
	SignalInsult        = "insult"
	SignalProfanity     = "profanity"
	SignalCondescension = "condescension"
	SignalSarcasm       = "sarcasm"
	SignalAbsolute      = "absolute"
	SignalWhy           = "why-would-you"
	SignalShouting      = "shouting"
	SignalPunctuation   = "punctuation"
	SignalVerdict       = "dismissive-verdict"
	SignalExasperation  = "exasperation"
	// SignalLanguage is not a tone signal: it says the comment is in a
	// language the lexicon does not cover, so it was not scored.
	SignalLanguage = "language not covered"
)

// rule is one named phrase pattern, matched on a lower-cased sentence.
type rule struct {
	signal string
	weight float64
	re     matcher
	unless *matcher // a sentence matching this is exempt
	soft   bool     // in a sentence of praise the weight drops to a fifth
	self   bool     // words about the writer themselves ("stupid me") barely count
	seen   bool     // disgust at what is seen ("yuck"): only explicit self-reference makes it the writer's
}

// ruleSpec is the source form of a rule; patterns are wrapped in \b…\b.
type ruleSpec struct {
	signal string
	weight float64
	re     string
	unless string
	soft   bool
	self   bool
	seen   bool
}

// Weights: a strong signal (0.55 and up) makes a comment tense on its own;
// a mild one (0.25–0.45) needs company. Software words are taken out
// before the rules run (see neutral in guards.go), so "garbage collector",
// "dumb terminal" and "dirty page" never reach them.
const (
	profane = 0.8
	strong  = 0.65
	firm    = 0.62
	mild    = 0.4
	faint   = 0.25
)

// ruleSpecs are the phrase rules.
func ruleSpecs() []ruleSpec {
	return []ruleSpec{
		// Profanity, with the usual obfuscations (f***, sh!t, fcuk).
		{signal: SignalProfanity, weight: profane, soft: true, self: true, re: `f+u+c+k+\w*|f[*#@$%!]+c?k\w*|f\*{2,}\w*|f[*#@$%!]{2,}|fcu?k\w*|fuk\w*|fsck(?:ing|ed)|effing|motherf\w*|sh[*!1i]t\w*|s[*]{2,}t|c[*]ap\w*|damm(?:it)?|gawd|shit\w*|bullshit\w*|crap\w*|damn\w*|dammit|goddam\w*|wtf|wth|omfg|ffs|stfu|fml|ass-?holes?|asshat|(?:in the|my|your|his|her|their|kick(?:ing)?|half|jack|dumb|lazy|smart|bad)[ -]?ass|ass-?backwards?|(?:out of|from|through|off) (?:my|your|our|their|his|her) (?:ass|asses|arses?)|through ass|(?:an|long|big) ass|arse(?:hole)?s?|bitch\w*|bastard\w*|piss\w*|suck(?:s|ed|ing|y|er|age)?|hell|screw(?:ed|s|ing)?(?: up| over| around)?|bollocks|turds?|fugly|wank\w*|douche\w*|dickhead|jackass|dumbass|whore\w*|slut\w*|cunt\w*|jesus christ|holy (?:shit|crap|cow)`,
			unless: `screw(?:s|ed)? (?:in|into|on|the|holes?)`},
		{signal: SignalProfanity, weight: strong, soft: true, self: true, re: `darn\w*|dang(?:it)?|oh (?:my )?god|my god|lordy|good lord|for (?:god's|pete's|heaven's) sake|frig(?:gin|ging|gen)\w*|freak(?:ing|in)|frick(?:in|ing)\w*|bloody|jeez|geez|omg|blimey|sod it`},
		{signal: SignalProfanity, weight: mild, soft: true, self: true, re: `heck|bummer|yikes|bleh|blech|bugger\w*`},
		// Insults: words for a person, then harsh words for their work.
		{signal: SignalInsult, weight: 0.75, self: true, re: `idiots?|idiotic|idiocy|morons?|moronic|imbeciles?|cretins?|retard\w*|luddites?|numpty|clowns?|jerks?|noobs?|n00bs?|incompetent|incompetence|clueless|brain-?dead|braindead|bone-?headed|half-?wit\w*|dimwit\w*|nitwit\w*|dunce|scalping|liars?|pigs?|nazis?|ghetto|smart-?ass(?:es)?|kiddo|delusional`},
		// Words about conduct: often a call for civility ("don't be so
		// condescending", "rude issues won't get help"), harsh only when
		// pinned on the reader ("you are rude").
		{signal: SignalInsult, weight: mild, self: true, re: `rude|rudest|arrogan(?:t|ce)|condescending`},
		{signal: SignalInsult, weight: strong, soft: true, self: true, re: `stupid\w*|crappy|ugly|uglier|ugliest|ugliness|awful\w*|terrible|horrible|horribly|horrid|hideous|atrocious|abominations?|abominable|disgusting|pathetic|ridiculous\w*|insane\w*|lame|lousy|sloppy|shoddy|amateurish|laughable|embarrassing|disgrace\w*|rubbish|nonsense|nonsensical|god-?awful`},
		// Disgust at what the writer sees: said of the code in front of
		// them, never an exclamation about themselves.
		{signal: SignalInsult, weight: strong, soft: true, self: true, seen: true, re: `yuck\w*|eww+|blech|bleh`,
			unless: `(?:yuck|eww+|blech|bleh)-\w+`},
		// "Useless" is a software word ("useless assignment", "your check
		// is useless, the caller validates", "your patch is useless on
		// big-endian"); said of the reader, or as the last word on their
		// work as a whole, it is contempt.
		{signal: SignalInsult, weight: strong, re: `(?:your|ur)(?: (?:whole|entire|new|latest))? (?:patch|patches|change|changes|code|work|pr|cl|commit|commits|idea|approach|design|solution|review|comments?|contribution|implementation) (?:is|are|was|were|looks|seems)(?: \w+)? (?:useless|pointless|worthless)(?:\s*[.!]+|$)|you(?:'re| are)(?: \w+)? (?:useless|worthless|hopeless)`},
		// A person called names as a question: "what idiot approved this?"
		{signal: SignalInsult, weight: strong, re: `(?:what|which|whatever|some) (?:idiot|moron|clown|imbecile|cretin|muppet|jerk|genius|bozo)s?`},
		{signal: SignalInsult, weight: strong, re: `hate[sd]?|hating`,
			unless: `hate to (?:be|say|ask|bother|nitpick|nag|keep|break|point|admit|add|do this|pile|mention)`},
		{signal: SignalInsult, weight: mild, soft: true, self: true, re: `dumb(?:er|est)?|garbage|trash|trashy|junk|dirty (?:hack|trick|workaround|code|way)|(?:a|total|complete|such a|big|hot|huge|unreadable) mess|messy|messiest|hack(?:y|ish)|kludg\w*|lazy|laziest|laziness|ignoran(?:t|ce)|worst|nasty|evil|gross|yucky|bonkers|crazy|absurd|silly|sillier|silliest`},
		{signal: SignalInsult, weight: mild, soft: true, self: true, re: `mess(?:ed|ing)? (?:up|with)`},
		{signal: SignalInsult, weight: firm, soft: true, self: true, re: `(?:this|that|it|your|the)(?: \w+){0,2}(?: is| are|'s) (?:(?:absolute|complete|total|pure|utter|just) )?(?:garbage|trash|junk|a mess|a joke|a disaster|a nightmare|a trainwreck|a train wreck)`},
		{signal: SignalInsult, weight: faint, soft: true, self: true, re: `useless|pointless|weird|wonky|clunky|bogus|meh|facepalm|duh|doh`},
		// Condescension: talking down to the reader.
		{signal: SignalCondescension, weight: strong, re: `(?:obviously|clearly|of course),? you|you (?:obviously|clearly)`,
			unless: `(?:obviously|clearly|of course),? you(?:'ll| will| can| could| may| might| would| probably| need| want| still)`},
		{signal: SignalCondescension, weight: strong, re: `ever heard of`, unless: `(?:if|whether) you (?:have )?ever heard of`},
		{signal: SignalCondescension, weight: strong, re: `i (?:already )?told you`, unless: `as i (?:already )?told you|i (?:already )?told you (?:that )?(?:i|i'm|i am|my)\b`},
		{signal: SignalCondescension, weight: strong, re: `(?:just )?start over`, unless: `(?:we|i|it|they|then|and|will|can|could|would|to) (?:just )?start over`},
		{signal: SignalCondescension, weight: strong, re: `you (?:clearly |obviously )?(?:don't|do not) (?:understand|know)`,
			unless: `you (?:don't|do not) know (?:what|which|whether|if|when|where|how)\b[^.!?]*\?`},
		// Contempt for the reader: their competence, attention or manners.
		{signal: SignalCondescension, weight: strong, re: `you (?:certainly |clearly |obviously |really |simply )?have no (?:idea|clue)|(?:work on|dislike|watch|fix) your attitude|shame on you|you(?:'re| are) not (?:even )?listening|without even (?:reading|looking|trying|testing|checking)|you (?:didn't|did not|never) even (?:read|try|test|look|bother|check)|grow up|learn (?:some|the) (?:\w+ )?(?:manners|etiquette|respect|basics|programming|theory|english)|(?:please )?be quiet|(?:you(?:'re| are)|if you are) so stubborn|are you (?:drunk|high|blind)|open your (?:\w+ )?eyes|you cheated|you(?:'re| are) (?:just )?(?:an? )?(?:angry |spoiled )?(?:brat|child|baby|troll)`},
		{signal: SignalCondescension, weight: strong, re: `can't you read|learn to read|act(?:ing)? like (?:a )?(?:child|kid|baby|toddler)|any (?:idiot|fool|child|competent|decent|half-?decent|sane|reasonable|first-year|junior) \w+|even an? (?:[\w-]+ )?(?:child|junior|beginner|intern|student|monkey|kid|idiot)|not rocket science|basic stuff|(?:this|that|it)(?: is|'s) (?:so |really |pretty )?(?:basic|trivial|elementary)(?:\W|$)|(?:is|that's|it's) (?:\w+ )?101|learn (?:how )?to (?:code|program|use|read|write)|rtfm|google it|shouldn't have to (?:explain|tell|say)|how many times|for the (?:last|hundredth|nth|\w+th) time|spell it out|should know (?:better|this)|know better|(?:everyone|anyone|everybody) knows|do you (?:even|actually|really) (?:know|understand)|(?:clearly|obviously) (?:didn't|did not|don't|haven't|have no|never)|not that hard|how hard (?:is|can) it|and you know it|someone with your experience|i'd expect (?:better|more) from|(?:do|get) it (?:properly|right|correctly) this time|you should know|surely you|did you (?:even|actually|bother to)|have you even|do you even`},
		{signal: SignalCondescension, weight: faint, re: `as i (?:already )?(?:said|mentioned|told you)|obviously|clearly|of course|simply|trivially|just (?:use|do|read|look)`,
			unless: `clearly (?:documented|written|explained|structured|labell?ed|named|better|an improvement|worded|described|separate\w*)|obviously not blocking`},
		// Doubting the reader knows their trade, and contempt for the work
		// as a whole: "do you know how to write Go?", "are you sure you
		// know what you're doing?", "amateur hour", "what a mess".
		{signal: SignalCondescension, weight: strong, re: `do you (?:even|actually|really) know how to \w+|do you know how to (?:code|program|write code|read)|(?:are you sure|do you (?:even |actually |really )?know) (?:that )?(?:you know )?what you(?:'re| are) doing|i can't believe you (?:merged|wrote|approved|did|pushed|committed|submitted|sent|broke|missed)|(?:please|go|just) learn how (?:\w+ ){1,3}works?`},
		{signal: SignalInsult, weight: strong, soft: true, self: true, re: `amateur hour|what an? (?:mess|joke|disaster|nightmare|waste of time)|(?:utter|complete|total) (?:mess|disaster|nonsense)`},
		// Mocking the reader's feelings: "get your panties in a twist",
		// "calm down." said to them ("please ask everyone to calm down" is
		// moderation), "stop whining", "cry me a river".
		{signal: SignalCondescension, weight: strong, re: `(?:panties|knickers|undies) in a (?:twist|bunch|knot)|untwist\w* your (?:panties|knickers)|(?:^|just |you (?:need|have) to |you should |dude,? |bro,? )(?:calm down|chill out)(?:[.!,]|$)|(?:stop|quit) (?:your )?(?:whining|whinging|crying|complaining)(?:[.!,]|$| about)|cry me a river|boo-? ?hoo|cry-?bab(?:y|ies)|get over it(?:[.!]|$)|man up`},
		// Sarcasm and mockery.
		{signal: SignalSarcasm, weight: strong, re: `what could possibly go wrong|yeah,? right|good luck (?:with that|debugging|maintaining|explaining|reviewing)|who needs (?:\w+ )?\w+,? (?:anyway|right)|(?:worked|went) so well|i'm sure (?:this|that|it) will|must be nice|how (?:nice|kind|thoughtful) of you|said no one ever|congrat\w*,? you|just wow|genius (?:idea|move|plan)|sure, because|slow clap|bravo,|(?:that's|that is|how) (?:very |so |real )?mature|nice job breaking|thanks for breaking|thanks for nothing(?:[.!,;:)]|$)|way to go,|wow,? just wow`},
		// Questions that blame.
		{signal: SignalWhy, weight: firm, re: `why would (?:you|anyone|anybody|someone|one)`},
		{signal: SignalWhy, weight: strong, re: `why would (?:you|anyone|anybody|someone|one) (?:ever )?(?:do|write|think|want|need|add|use)|why (?:on earth|in the world|the hell|the heck|the fuck|the f)|what were you thinking|who (?:approved|wrote|thought|merged|reviewed) this|how (?:was|is|did) this (?:ever|even)|are you (?:kidding|serious|joking)|you can't be serious|what is wrong with you|what's wrong with you|is this a joke|(?:this|that|it)(?: \w+)?(?: is|'s) (?:a|such a|an absolute) joke`},
		// Exasperation.
		{signal: SignalExasperation, weight: mild, re: `u+gh+|u+r+g+h+|sigh|a*r+g+h+|e+r+g+h+|g+r+r+|i give up|hurts? my (?:brain|eyes|head)|burn in hell|not this again|i can't believe|wast(?:e|ing) (?:of )?(?:my|our|everyone's|reviewers'?) time|don't bother|(?:don't|do not|never) (?:ever )?(?:do )?(?:this|that) again|never again|seriously\?|nobody bothered|(?:didn't|did not) (?:even )?bother|couldn't be bothered|pain in the|gives? me (?:a )?headaches?|makes? me (?:cry|sick|sad|want to)|shut up|bite me|get lost|go away`},
		{signal: SignalAbsolute, weight: faint, re: `you(?:'ve|'re)? (?:always|never|constantly|keep|continually)|every (?:single )?time you|(?:once|yet) again|every single time`},
	}
}

// rules compiles ruleSpecs once.
var rules = sync.OnceValue(func() []rule {
	out := make([]rule, 0, 16)
	for _, s := range ruleSpecs() {
		r := rule{signal: s.signal, weight: s.weight, soft: s.soft, self: s.self, seen: s.seen,
			re: newMatcher(`\b(?:` + s.re + `)(?:\W|$)`)}
		if s.unless != "" {
			u := newMatcher(`\b(?:` + s.unless + `)(?:\W|$)`)
			r.unless = &u
		}
		out = append(out, r)
	}
	return out
})

// contextREs classify a whole sentence.
type contextREs struct {
	praise, polite, negEvent, sarcasmExempt matcher
}

var contexts = sync.OnceValue(func() contextREs {
	c := func(s string) matcher { return newMatcher(`\b(?:` + s + `)\b`) }
	return contextREs{
		praise:        c(`thanks?|thank you|great|nice|awesome|excellent|love|lovely|amazing|fantastic|well done|good job|kudos|cool|neat|brilliant|perfect|lgtm|catch|happy`),
		polite:        c(`please|could|would|can we|can you|maybe|perhaps|consider|i think|i'd|suggest\w*|nit|let's|how about|what about|mind`),
		negEvent:      c(`broke|breaks?|breaking|broken|another|yet another|without (?:a |any )?tests?|no tests?|not a single|nothing (?:works|compiles)|reinvented`),
		sarcasmExempt: c(`catch|fix\w*|found|spott\w*|would have|prevent\w*|avoid\w*|unblock\w*|faster|for the|for your|for picking|for taking|thanks for breaking`),
	}
})
