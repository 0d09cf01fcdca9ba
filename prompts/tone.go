package prompts

import "strings"

// ToneReply is the data of a suggestion posted under a tense review comment.
type ToneReply struct {
	Marker string
	// Author is the reviewer's login, written without "@" so nobody is pinged.
	Author string
	// Signals are the tone model's signal names (e.g. "condescension").
	Signals []string
	// Suggestion is the gentler wording, quoted in the reply; when empty,
	// the reply names Phrases instead and leaves the wording to the reviewer.
	Suggestion string
	// Phrases are the words that may land hard, named when there is no
	// safe rewording.
	Phrases []string
	Wording string // "offline" or "model"
	// Language is the repository's language setting; "" means English.
	Language string
}

// signals are the tone signals said in plain words, without repeating the
// harsh words themselves: each has the message "signal.<name>".
var signals = map[string]bool{
	"insult": true, "profanity": true, "condescension": true, "sarcasm": true,
	"absolute": true, "why-would-you": true, "shouting": true, "punctuation": true,
	"bare-order": true, "dismissive-verdict": true, "exasperation": true,
}

// Reasons lists the signals in plain words, once each, in order.
func (t ToneReply) Reasons() string {
	l := ResolveLocale(t.Language)
	var out []string
	seen := map[string]bool{}
	for _, s := range t.Signals {
		name, _, _ := strings.Cut(s, ":")
		name = strings.TrimSpace(name)
		if !signals[name] || seen[name] {
			continue
		}
		seen[name] = true
		out = append(out, l.say("signal."+name))
	}
	if len(out) == 0 {
		return l.say("tone.its_tone")
	}
	return l.list(out)
}

// PhraseList names the phrases as code, so none of them reads as the
// app's own words: "`crap`, `wtf`".
func (t ToneReply) PhraseList() string {
	if len(t.Phrases) == 0 {
		return ResolveLocale(t.Language).say("tone.some_words")
	}
	out := make([]string, len(t.Phrases))
	for i, p := range t.Phrases {
		out[i] = strings.ReplaceAll(p, "`", "'")
	}
	return ResolveLocale(t.Language).codes(out)
}

// Quoted is the suggestion as a Markdown quote block.
func (t ToneReply) Quoted() string {
	lines := strings.Split(strings.TrimRight(t.Suggestion, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight("> "+l, " ")
	}
	return strings.Join(lines, "\n")
}

// ToneSuggestion renders the reply that offers a gentler wording.
func ToneSuggestion(t ToneReply) (string, error) {
	return render("tone_reply.md.tmpl", t.Language, t)
}
