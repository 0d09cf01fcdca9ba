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
	SignalOrder         = "bare-order"
	SignalVerdict       = "dismissive-verdict"
	SignalExasperation  = "exasperation"
)

// rule is one named phrase pattern, matched on a lower-cased sentence.
type rule struct {
	signal string
	weight float64
	re     matcher
	unless *matcher // a sentence matching this is exempt (software words)
	soft   bool     // in a sentence of praise the weight drops to a fifth
	aimed  bool     // full weight only when aimed at a person or their work
}

// ruleSpec is the source form of a rule; patterns are wrapped in \b…\b.
type ruleSpec struct {
	signal string
	weight float64
	re     string
	unless string
	soft   bool
	aimed  bool
}

// ruleSpecs are the phrase rules. Weights are calibrated so that one strong
// signal (0.55 and up) makes a comment tense on its own, while a mild one
// (0.2–0.4) needs company. Exceptions keep software words out: garbage
// collection, lazy loading, junk bytes, dumb terminals, disaster recovery.
func ruleSpecs() []ruleSpec {
	return []ruleSpec{
		{signal: SignalInsult, weight: 0.65, re: `idiots?|idiotic|morons?|moronic|imbeciles?|stupid|stupidest|dumb|dumbest|brain-?dead|incompetent|incompetence|clueless|pathetic|amateurish|amateur hour|clowns?|rubbish|crappy|laziest|lazy|embarrassing|laughable|disgrace(?:ful)?|shameful|ashamed|disaster|junk|trash|garbage`,
			unless: `garbage (?:collect\w*|in|out|per|generated|produced)|(?:less|more|fewer|no|creates?|generates?|produces?|much|any|of) garbage|lazy[- ](?:load\w*|init\w*|eval\w*|iterator|sequence|val|static|import\w*|fetch\w*|binding|stream|list|mode|quantifier)|junk (?:bytes|data|char\w*|values|input|mail|files?)|trash (?:the|a|an|our|bin|can|folder)|dumb (?:terminal|pipe|client|proxy|struct|component)|disaster recovery`},
		{signal: SignalInsult, weight: 0.65, re: `(?:worst|ugliest|messiest) (?:\w+ )?(?:pr|code|change|idea|design|fix|review|naming|function|commit|thing)|(?:this|that|it|your)(?: \w+)?(?: is|'s) (?:a|such a|an absolute) joke|is this a joke|tell me this is a joke|gets? (?:people|you|someone) fired|no clue|half[- ]asleep|did (?:a junior|an intern|a bot|a child) write this`},
		{signal: SignalInsult, weight: 0.4, aimed: true, soft: true, re: `terrible|awful|horrible|horrendous|ridiculous|absurd|insane|nonsense|ugly|disgusting|useless|pointless|a mess|messy|sloppy|atrocious|abomination|hideous|lousy|worst|dreadful`},
		{signal: SignalInsult, weight: 0.6, soft: true, re: `(?:terrible|awful|horrible|horrendous|ridiculous|absurd|useless|pointless|sloppy|atrocious|hideous|lousy|dreadful|ugly) (?:\w+ )?(?:code|idea|naming|names?|comments?|design|approach|pr|change|fix|abstraction|implementation|tests?|work|solution|error handling|function|variable|api|hack)s?`},
		{signal: SignalProfanity, weight: 0.6, aimed: true, soft: true, re: `fuck\w*|fuk\w*|fck\w*|shit\w*|bullshit|crap|damn\w*|goddamn\w*|wtf|wth|what the hell|the hell|the heck|hell no|half[- ]?assed|ass(?:hole)?s?|bastards?|piss(?:ed)?|sucks?|jesus(?: christ)?|ffs|stfu|screw (?:you|this|it)|bloody`},
		{signal: SignalCondescension, weight: 0.55, re: `any idiot|even an? (?:[\w-]+ )?(?:child|junior|beginner|intern|student|monkey|kid)|not rocket science|basic stuff|(?:this|that|it)(?: is|'s) (?:basic|trivial|elementary)|(?:is|that's|it's) (?:\w+ )?101|learn (?:how )?to (?:code|program|use|read|write)|rtfm|google it|shouldn't have to (?:explain|tell|say)|as i (?:already )?(?:said|told you|mentioned)|i (?:already )?told you|how many times|for the (?:last|hundredth|nth|\w+th) time|(?:second|third|fourth|fifth) time i'm|spell it out|should know (?:better|this)|know better|by now|(?:everyone|anyone|everybody) knows|like everyone else|do you (?:even|actually|really) (?:know|understand)|you (?:clearly |obviously )?(?:don't|do not) (?:understand|know|get)|(?:clearly|obviously) (?:didn't|did not|don't|haven't|have no|never)|not that hard|how hard (?:is|can) it|come on|and you know it|someone with your experience`},
		{signal: SignalCondescension, weight: 0.3, re: `obviously|clearly|of course|(?:just|simply) (?:use|do|call|read|add|remove|return|put|fix|look|check|run|delete|google|learn|write|go)|properly`,
			unless: `clearly (?:documented|written|explained|structured|labell?ed|named|better|an improvement|worded|described)|obviously not blocking|just curious|why not just`},
		{signal: SignalSarcasm, weight: 0.6, re: `what could possibly go wrong|yeah,? right|good luck (?:with that|debugging|maintaining|explaining|reviewing)|who needs (?:\w+ )?\w+,? (?:anyway|right)|(?:worked|went) so well|i'm sure (?:this|that|it) will|must be nice|how (?:nice|kind|thoughtful) of you|said no one ever|congrat\w*,? you|just wow|genius (?:idea|move|plan)|sure, because|never caused anyone any problems`},
		{signal: SignalAbsolute, weight: 0.5, soft: true, re: `you(?:'ve|'re)? (?:always|never|constantly|keep|continually)|every (?:single )?time you|every (?:single )?(?:pr|commit|change) (?:from|by|you)|(?:once|yet) again|every single time`},
		{signal: SignalAbsolute, weight: 0.2, re: `nobody|no one|everyone|everybody|always|never`,
			unless: `you(?:'ve|'re)? (?:always|never)`},
		{signal: SignalWhy, weight: 0.55, re: `why would (?:you|anyone|anybody|someone|one)|why (?:on earth|in the world|the hell|the heck|the fuck)|what were you thinking|(?:did|have|do) you (?:even|actually|ever) (?:run|read|test|look|try|check|compile|think|understand|know|bother)|did you even|have you even|who (?:approved|wrote|thought|merged|reviewed) this|who thought|how (?:was|is|did) this (?:ever|even)|are you (?:kidding|serious|joking)|why do you keep|you can't be serious`},
		{signal: SignalWhy, weight: 0.35, re: `why didn't you|why (?:is|are) (?:this|these|there) (?:still|even)|why do i have to`},
		{signal: SignalExasperation, weight: 0.5, re: `ugh|sigh|argh|i give up|not this again|i can't believe|i've lost count|wast(?:e|ing) (?:my|our|everyone's|reviewers'?) time|don't bother|don't argue|do it my way|start over|(?:don't|do not|never) (?:ever )?(?:do )?(?:this|that) again|never again|seriously\?|stop [\w-]+ing|nobody bothered|(?:didn't|did not) (?:even )?bother|couldn't be bothered`,
			unless: `could we stop|let's stop|we should stop`},
		{signal: SignalSarcasm, weight: 0.3, re: `, right\?$|impressive\.$`},
	}
}

// rules compiles ruleSpecs once.
var rules = sync.OnceValue(func() []rule {
	out := make([]rule, 0, 16)
	for _, s := range ruleSpecs() {
		r := rule{signal: s.signal, weight: s.weight, soft: s.soft, aimed: s.aimed,
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
	aimed, praise, polite, reason, negEvent, sarcasmExempt matcher
}

var contexts = sync.OnceValue(func() contextREs {
	c := func(s string) matcher { return newMatcher(`\b(?:` + s + `)\b`) }
	return contextREs{
		aimed:         c(`you|your|you're|this|that|it|it's|these|those|code|pr|change|patch|design|idea|approach|naming|names?|function|implementation|tests?|comment|fix|work|description|commit|file|class|method|abstraction|module`),
		praise:        c(`thanks?|thank you|great|nice|awesome|excellent|love|lovely|amazing|fantastic|well done|good job|kudos|cool|neat|brilliant|perfect|lgtm|faster|fast|speedup|clean|catch|happy`),
		polite:        c(`please|could|would|can we|can you|maybe|perhaps|consider|i think|i'd|suggest\w*|nit|let's|how about|what about|mind`),
		reason:        c(`because|since|so|otherwise|as|to avoid|which|once|before|after|if|unless|when|for|per`),
		negEvent:      c(`broke|breaks?|breaking|broken|another|yet another|again|without (?:a |any )?tests?|no tests?|not a single|drops?|dropped|deleted?|deleting|nothing (?:works|compiles)|fails?|failing|crash\w*|slower|now the|reinvented`),
		sarcasmExempt: c(`catch|fix\w*|found|spott\w*|would have|prevent\w*|avoid\w*|unblock\w*|faster|for the|for your|for picking|for taking`),
	}
})
