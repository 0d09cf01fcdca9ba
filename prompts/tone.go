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
}

// signalWords says each tone signal in plain words, without repeating the
// harsh words themselves.
var signalWords = map[string]string{
	"insult":             "words aimed at the person or their work",
	"profanity":          "strong language",
	"condescension":      "a condescending phrase",
	"sarcasm":            "sarcasm",
	"absolute":           "absolutes such as always or never",
	"why-would-you":      "a \"why would you\" question",
	"shouting":           "capitals that read as shouting",
	"punctuation":        "a pile of ! or ?",
	"bare-order":         "an instruction without a reason",
	"dismissive-verdict": "a one-word verdict",
	"exasperation":       "exasperation",
}

// Reasons lists the signals in plain words, once each, in order.
func (t ToneReply) Reasons() string {
	var out []string
	seen := map[string]bool{}
	for _, s := range t.Signals {
		name, _, _ := strings.Cut(s, ":")
		words, ok := signalWords[strings.TrimSpace(name)]
		if !ok || seen[words] {
			continue
		}
		seen[words] = true
		out = append(out, words)
	}
	switch len(out) {
	case 0:
		return "its tone"
	case 1:
		return out[0]
	}
	return strings.Join(out[:len(out)-1], ", ") + " and " + out[len(out)-1]
}

// PhraseList names the phrases as code, so none of them reads as the
// app's own words: "`crap`, `wtf`".
func (t ToneReply) PhraseList() string {
	if len(t.Phrases) == 0 {
		return "some of its words"
	}
	out := make([]string, len(t.Phrases))
	for i, p := range t.Phrases {
		out[i] = "`" + strings.ReplaceAll(p, "`", "'") + "`"
	}
	return strings.Join(out, ", ")
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
	return render("tone_reply.md.tmpl", t)
}
