package tone

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// replacement rewrites one tense phrase into a calmer one.
type replacement struct {
	re   *regexp.Regexp
	with string
}

// replacementSpecs are applied in order, case-insensitively, to each prose
// sentence of a tense comment. They turn questions of blame into questions
// of reason, verdicts into observations, and drop insults, condescension,
// sarcastic openers and profanity while keeping the sentence's claim.
func replacementSpecs() [][2]string {
	return [][2]string{
		{`\byou(?:'re| are) (?:an? )?\w+ if you think\b`, "I don't think"},
		{`^(?:please tell me )?(?:is )?(?:this|that|it)(?: is|'s)? (?:a|such a|an absolute) joke\b.*$`, ""},
		{`^(?:honestly,? |frankly,? )?(?:this is )?the (?:worst|dumbest|laziest|ugliest|messiest) .*$`, ""},
		{`\bwhat an? (?:stupid|dumb|terrible|awful|horrible|ridiculous|silly|lazy) way to\b`, "I'm not sure about this way to"},
		{`\bwhat kind of (?:clown|idiot|moron|person|developer|programmer|engineer) writes\b`, "I'm not sure about writing"},
		{`^(?:useless|pointless|horrible|terrible|sloppy|awful|ugly) (\w+)`, "I'm not sure about this $1"},
		{`^do you (?:\w+ )?(?:know|understand) (.+?)\?$`, "Happy to talk through $1 if that helps."},
		{`^(?:ugh,? )?not this again\b.*$`, ""},
		{`^learn (?:how )?to .*$`, ""},
		{`,? like everyone else\b`, ""},
		{`\b(?:clearly,? )?nobody bothered to\b`, "it looks like we didn't"},
		{`\brtfm\b:?`, "the docs may help here:"},
		{`\bhalf[- ]?assed\b`, "partial"},
		{`\b(what|why|where|who|how) the (?:fuck|hell|heck)\b`, "$1"},
		{`\bwhy (?:on earth|in the world) `, "why "},
		{`\bwhy would (?:you|anyone|anybody|someone|one) (?:ever )?`, "what's the reason to "},
		{`\bwhat were you thinking(?: here)?\b`, "could you walk me through the reasoning here"},
		{`\bwhy didn't you (?:just )?`, "could we "},
		{`\b(did|have|do) you (?:even|actually|ever) `, "$1 you "},
		{`\bany idiot could see (?:that )?`, "it looks like "},
		{`\beven an? (?:[\w-]+ )?(?:child|junior|beginner|intern|student|monkey|kid) knows (?:that )?`, "I'd suggest "},
		{`\bhow many times do i have to tell you to `, "could we "},
		{`\bi shouldn't have to explain why (.+?) is bad\b`, "I think $1 is risky here"},
		{`\bas i (?:already )?(?:said|mentioned)(?: twice| before)?,? `, ""},
		{`\b(?:second|third|fourth|fifth) time i'm saying this:? `, ""},
		{`\b(?:it's not rocket science|come on|for the \w+ time),? `, ""},
		{`\byou (?:obviously|clearly) (didn't|don't|haven't)\b`, "it looks like you $1"},
		{`\byou(?:'ve)? always\b`, "it seems we sometimes"},
		{`\byou never\b`, "it seems we don't always"},
		{`\bevery (?:single )?time you\b`, "when we"},
		{`\b(?:once|yet) again,? `, ""},
		{`\b(?:and|but) you know it\b|\band you should be ashamed\b`, ""},
		{`\b(?:thanks for breaking|i love how this breaks)\b`, "it looks like this breaks"},
		{`\bgenius (?:idea|move|plan) to\b`, "I'm not sure about the choice to"},
		{`\bwhat could possibly go wrong\b`, "what could go wrong"},
		{`^(?:oh )?(?:great|wonderful|brilliant|fantastic|perfect|lovely|wow|nice job|great job|good job|congrats|congratulations)[,.!]+ `, ""},
		{`^yeah,? right,? like (.+?) will ever\b`, "I'm not sure $1 will"},
		{`^(?:holy shit|damn it|damn|jesus christ|jesus|ugh|sigh|lol|bullshit)[,.!]* `, ""},
		{`\bwtf is\b`, "what is"},
		{`\b(this|that|it|your|the)((?: \w+){0,2})(?: is|'s) (?:(?:absolute|complete|total|pure|such|frankly|just|so|really|pretty|a|an|utter) )*(?:garbage|trash|rubbish|crap|shit|junk|a mess|a joke|a disaster|awful|terrible|horrible|ridiculous|insane|nonsense|stupid|dumb|lazy|sloppy|pathetic|embarrassing|idiotic|moronic|braindead|useless|pointless|amateurish|fucked)(?: (?:code|work|fix|pr))?\b`, "$1$2 could be improved"},
		{`\b(this|that) (?:garbage|trash|crap|junk|rubbish|mess)\b`, "$1"},
		{`\b(it|this|that)(?:'s| is) (broken|wrong|incorrect)\b`, "$1 looks $2 to me"},
		{`\b(a|an|the|this|that|these|those|your|such|what a|my|our) (?:stupid|dumb|dumbest|idiotic|moronic|lazy|laziest|sloppy|amateurish|brain-?dead|crappy|pathetic|horrible|terrible|awful|useless|pointless|ugly|embarrassing|ridiculous|absurd|garbage|junk|trash|fucking|fuckin|damn|bloody|goddamn|worst|ugliest|messiest|half[- ]assed|frankly|honestly) `, "$1 "},
		{`,? again([.!?]*)$`, "$1"},
		{`\b(?:obviously|clearly|of course|simply|basically|seriously|properly|just|absolutely|even|ever)\b,? ?`, ""},
	}
}

var replacements = sync.OnceValue(func() []replacement {
	specs := replacementSpecs()
	out := make([]replacement, 0, len(specs))
	for _, s := range specs {
		out = append(out, replacement{regexp.MustCompile(`(?i)` + s[0]), s[1]})
	}
	return out
})

// soften rewrites one protected sentence; ok is false when nothing of it is
// worth keeping (a bare verdict, mockery, a remark about the person).
func soften(s string, tokens []string) (out string, ok bool) {
	hasTokens := strings.ContainsFunc(s, isPlaceholder)
	view := func(p string) string { return scoringView(p, tokens) }
	if !hasTokens && len(verdict(newSentence(s))) > 0 {
		return "", false
	}
	out = s
	for _, r := range replacements() {
		out = r.re.ReplaceAllString(out, r.with)
	}
	out = unshout(out)
	out = calmPunctuation(out)
	if order(newSentence(out)) {
		out = askInstead(out)
	}
	out = tidy(out)
	// Whatever still reads as tense loses the words that raised it when
	// they are a modifier; a sentence whose point is the contempt goes,
	// unless it carries technical tokens.
	for range 3 {
		hits := strongHits(view(out))
		if len(hits) == 0 {
			break
		}
		for _, h := range hits {
			if !hasTokens && !removable(h) {
				return "", false
			}
			out = tidy(removeFold(out, h.evidence))
		}
	}
	if !hasTokens && (len(strongHits(view(out))) > 0 || len(words(out)) < 2) {
		return "", false
	}
	return out, out != ""
}

// scoringView shows a protected sentence the way Assess sees it: code
// spans as "Code", links as "Link", other tokens as themselves.
func scoringView(s string, tokens []string) string {
	return strings.NewReplacer(viewPairs(tokens)...).Replace(s)
}

func viewPairs(tokens []string) []string {
	out := make([]string, 0, 2*len(tokens))
	for i, t := range tokens {
		shown := t
		switch {
		case strings.HasPrefix(t, "`"):
			shown = "Code"
		case urlRE().MatchString(t):
			shown = "Link"
		}
		out = append(out, string(rune(placeholderBase+i)), shown)
	}
	return out
}

// removeFold deletes every case-insensitive occurrence of sub from s.
func removeFold(s, sub string) string {
	if sub == "" {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if i+len(sub) <= len(s) && strings.EqualFold(s[i:i+len(sub)], sub) {
			i += len(sub)
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// removable reports a hit whose words are a modifier that can go while the
// sentence stays: profanity, shouting, piles of punctuation, a mild
// condescending word ("obviously", "just use") or another faint signal.
// Insults, exasperation and remarks about the person are the point of their
// sentence; taking the words out would leave a fragment.
func removable(h hit) bool {
	switch h.signal {
	case SignalProfanity, SignalShouting, SignalPunctuation:
		return true
	case SignalCondescension:
		return h.weight < 0.55
	}
	return h.weight <= 0.2
}

// strongHits are the hits of a sentence that a rewording must not keep.
func strongHits(s string) []hit {
	var out []hit
	for _, h := range sentenceHits(newSentence(s)) {
		if h.weight >= 0.3 && h.evidence != "" {
			out = append(out, h)
		}
	}
	return out
}

// unshout lower-cases shouted words (acronyms and identifiers stay).
func unshout(s string) string {
	fields := strings.SplitAfter(s, " ")
	for i, f := range fields {
		w := strings.Trim(f, ` .,;:!?"()*_-`)
		if isShout(w) {
			fields[i] = strings.Replace(f, w, strings.ToLower(w), 1)
		}
	}
	return strings.Join(fields, "")
}

var (
	questionPile = regexp.MustCompile(`[!?]*\?[!?]*`)
	bangs        = regexp.MustCompile(`!+`)
)

// calmPunctuation turns piles into one mark and exclamations into periods.
func calmPunctuation(s string) string {
	return bangs.ReplaceAllString(questionPile.ReplaceAllString(s, "?"), ".")
}

// askInstead turns a bare order into a question: "Remove this." becomes
// "Could we remove this?"
func askInstead(s string) string {
	s = strings.TrimRight(strings.TrimSpace(s), ".")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "Just "), "Simply ")
	low := strings.ToLower(s)
	for _, neg := range []string{"don't ", "do not "} {
		if strings.HasPrefix(low, neg) {
			return "I'd suggest we don't " + lowerFirst(s[len(neg):]) + "."
		}
	}
	return "Could we " + lowerFirst(s) + "?"
}

var (
	spaces      = regexp.MustCompile(`[ \t]{2,}`)
	spaceBefore = regexp.MustCompile(` +([,.;:?!])`)
	doubledMark = regexp.MustCompile(`([,;:])[,;:.]+|^[\s,.;:]+`)
)

// tidy collapses the spaces and stray punctuation left by deletions and
// capitalises the first letter.
func tidy(s string) string {
	s = spaces.ReplaceAllString(s, " ")
	s = spaceBefore.ReplaceAllString(s, "$1")
	s = doubledMark.ReplaceAllString(s, "$1")
	s = strings.TrimSpace(s)
	if hasLabel(strings.ToLower(s)) {
		return s
	}
	return upperFirst(s)
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || isShout(firstWord(s)) || !unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

func firstWord(s string) string {
	w, _, _ := strings.Cut(s, " ")
	return w
}
