package tone

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Conventional Comments labels the rewording opens with.
const (
	LabelIssue      = "issue:"
	LabelQuestion   = "question:"
	LabelSuggestion = "suggestion (non-blocking):"
)

// placeholderBase is the first private-use rune standing for a protected
// token while prose is rewritten; rules never see a word character there.
const placeholderBase = 0xE000

func isPlaceholder(r rune) bool { return r >= placeholderBase && r < placeholderBase+0x1000 }

// Reword returns a gentler version of text, or "" when there is no safe
// one. Quoted lines and code blocks are kept as they are; in prose every
// code span, link, identifier, operator, number, quoted string and word in
// capitals is kept byte for byte while profanity, insults, condescension
// and sarcasm are dropped or softened. A sentence whose only point is the
// contempt goes; when that leaves nothing, or a harsh word cannot be taken
// out of a sentence that carries technical content without leaving a
// hole, there is no rewording: the caller names the phrases instead (see
// Phrases). A Conventional Comments label is added only when one fits.
// A non-empty result always passes Keeps and scores below
// DefaultThreshold.
func Reword(text string) string {
	out, ok := rewordBlocks(text)
	if !ok || Keeps(text, out) != nil || Assess(out, DefaultThreshold).Tense {
		return ""
	}
	return out
}

// Phrases lists the words of text that may land hard, once each, for a
// reply that names them when there is no safe rewording.
func Phrases(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range Assess(text, 0).Signals {
		_, ev, ok := strings.Cut(s, ": ")
		ev = strings.Trim(ev, `"`)
		if ok && ev != "" && !seen[ev] && !strings.HasPrefix(s, SignalLanguage) {
			seen[ev] = true
			out = append(out, ev)
		}
	}
	return out
}

// rewordBlocks rewrites the prose blocks and labels the first prose line
// when a label fits; ok is false when no safe rewording exists.
func rewordBlocks(text string) (string, bool) {
	var parts []string // output lines, each with its line ending
	first := -1        // index in parts of the first kept prose line
	dropped := false   // a line was dropped since the last one kept
	var body strings.Builder
	for _, bl := range splitBlocks(text) {
		if bl.kind != prose {
			parts = append(parts, bl.text)
			continue
		}
		lines := strings.SplitAfter(bl.text, "\n")
		for j, line := range lines {
			content, hadNewline := strings.CutSuffix(line, "\n")
			r, ok := rewordLine(content, wrapped(lines, j-1, j), wrapped(lines, j, j+1))
			if !ok {
				return "", false
			}
			if r.text == "" && strings.TrimSpace(content) != "" {
				dropped = true
				continue // the whole line was dropped
			}
			if strings.TrimSpace(content) == "" && (len(parts) == 0 || dropped && blankEnd(parts[len(parts)-1])) {
				continue // no blank lines before the first kept line, nor two where a line went
			}
			dropped = false
			if r.text != "" && first < 0 {
				first = len(parts)
			}
			body.WriteString(r.text + "\n")
			parts = append(parts, r.prefix+r.text+map[bool]string{true: "\n"}[hadNewline])
		}
	}
	if first < 0 || !strings.ContainsFunc(body.String(), func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		return "", false // nothing left but an emoticon or punctuation
	}
	label := chooseLabel(text, body.String())
	if r := parts[first]; label != "" && !hasLabel(strings.ToLower(strings.TrimLeft(r, " -*+0123456789.)"))) {
		prefix := listMarker.FindString(r)
		if strings.TrimSpace(prefix) == "" {
			prefix = "" // a stray indent before the label (" suggestion …") says nothing in Markdown
		}
		parts[first] = prefix + label + " " + strings.TrimLeft(r[len(prefix):], " \t")
	}
	return strings.TrimRight(strings.Join(parts, ""), "\n") + trailingNewline(text), true
}

// blankEnd reports an output part that is a blank line or ends with one.
func blankEnd(part string) bool {
	return strings.TrimSpace(part) == "" || strings.HasSuffix(strings.TrimRight(part, " \t"), "\n\n")
}

// wrapped reports that prose line a of lines runs on into line b: both
// hold words, b is no new list item, and a does not end a sentence.
func wrapped(lines []string, a, b int) bool {
	if a < 0 || b >= len(lines) {
		return false
	}
	prev, next := strings.TrimSpace(lines[a]), strings.TrimSpace(lines[b])
	if prev == "" || next == "" || listMarker.MatchString(strings.TrimRight(lines[b], "\n")) && strings.TrimSpace(listMarker.FindString(lines[b])) != "" {
		return false
	}
	return !strings.ContainsAny(prev[len(prev)-1:], ".!?:")
}

// rewordedLine is a prose line's list marker or indent and its new body.
type rewordedLine struct{ prefix, text string }

var listMarker = regexp.MustCompile(`^\s*(?:[-*+]|\d+[.)])\s+|^\s+`)

// rewordLine softens each sentence of one prose line; ok is false when a
// sentence cannot be softened safely.
func rewordLine(line string, contBefore, contAfter bool) (rewordedLine, bool) {
	prefix := listMarker.FindString(line)
	if logLineRE().MatchString(line) {
		return rewordedLine{prefix: prefix, text: line[len(prefix):]}, true // pasted from a log: never touched
	}
	protected, tokens := protect(line[len(prefix):])
	var kept []string
	same := true
	prevDropped := false
	split := splitLine(protected)
	for i, s := range split {
		t, st := soften(s, tokens)
		if st == dropped && (i == 0 && contBefore || i == len(split)-1 && contAfter) {
			// Half a sentence wrapped across lines: dropping it would leave
			// the other half dangling ("the quotes here are").
			return rewordedLine{}, false
		}
		if st == softened && prevDropped {
			// An emoticon after a dropped sentence's stop was its smile:
			// "You are getting crazy here. :) With …" must not open with
			// ":)"; it closes the next sentence instead.
			t = moveLeadingEmoticon(t, tokens)
		}
		switch st {
		case failed:
			return rewordedLine{}, false
		case softened:
			kept = append(kept, t)
		}
		prevDropped = st == dropped
		same = same && st == softened && t == s
	}
	if same {
		// Nothing harsh on this line: it stays byte for byte, spacing
		// included ("search docker  " in a pasted shell session).
		return rewordedLine{prefix: prefix, text: line[len(prefix):]}, true
	}
	if len(kept) == 0 {
		return rewordedLine{prefix: prefix}, true
	}
	return rewordedLine{prefix: prefix, text: strings.TrimRight(restore(strings.Join(kept, " "), tokens), " ")}, true
}

// leadingEmoticon is a smiley opening a sentence.
var leadingEmoticon = regexp.MustCompile(`^(?:[:;]'?-?[()DPp/|\\\[\]{}<>3]+|\^_?\^|xD)(?:\s+|$)`)

// moveLeadingEmoticon moves a smiley, protected or not, from the start of
// the protected sentence s to its end.
func moveLeadingEmoticon(s string, tokens []string) string {
	smile, rest := "", s
	if r, n := utf8.DecodeRuneInString(s); isPlaceholder(r) {
		if tok := strings.TrimSpace(tokens[r-placeholderBase]); len(leadingEmoticon.FindString(tok)) == len(tok) {
			smile, rest = s[:n], s[n:]
		}
	} else if loc := leadingEmoticon.FindStringIndex(s); loc != nil {
		smile, rest = strings.TrimSpace(s[:loc[1]]), s[loc[1]:]
	}
	if rest = strings.TrimSpace(rest); smile == "" || rest == "" {
		return s
	}
	return rest + " " + smile
}

// protect replaces each code span and technical word of a prose line with
// one private-use rune, so no rewrite can touch it.
func protect(line string) (string, []string) {
	var b strings.Builder
	var tokens []string
	put := func(tok string) {
		b.WriteRune(rune(placeholderBase + len(tokens)))
		tokens = append(tokens, tok)
	}
	scan := func(s string) {
		last := 0
		for _, loc := range techRE().FindAllStringIndex(s, -1) {
			start := loc[0]
			for start < loc[1] && (s[start] == ' ' || s[start] == '\t' || s[start] == '(' || s[start] == '[') {
				start++
			}
			if harshCaps(s[start:loc[1]]) {
				continue
			}
			b.WriteString(s[last:start])
			put(s[start:loc[1]])
			last = loc[1]
		}
		b.WriteString(s[last:])
	}
	last := 0
	for _, sp := range codeSpans(line) {
		scan(line[last:sp.start])
		put(line[sp.start:sp.end])
		last = sp.end
	}
	scan(line[last:])
	return b.String(), tokens
}

// restore puts the protected tokens back.
func restore(s string, tokens []string) string {
	return strings.NewReplacer(pairs(tokens)...).Replace(s)
}

func pairs(tokens []string) []string {
	out := make([]string, 0, 2*len(tokens))
	for i, t := range tokens {
		out = append(out, string(rune(placeholderBase+i)), t)
	}
	return out
}

// issueWords mark a comment that reports a defect rather than a preference.
var issueWords = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(?:wrong|broken|breaks?|broke|buggy|(?:is|'s|be|a|an|real|obvious|subtle|potential|possible|serious|nasty) (?:\w+ )?bugs?|leaks?|race|fails?|failing|never terminates|panics?|crash\w*|drops?|hardcoded|no tests?|without tests|not a single test|swallows|incorrect|flak\w*|off by one|deadlock\w*|stale|unbounded|(?:does(?:n't| not)|won't|will not|didn't|did not|can't|cannot) (?:actually |really |even )?work)\b`)
})

// changeRequest marks a comment that asks for a change or votes against
// it: it is never labelled non-blocking.
var changeRequest = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)(?:^|\s)[-−]\s?[12]\b|\b(?:must|should(?:n't)?|needs? to|have to|has to|required?|blocking|blocker|request(?:ing)? changes|do not merge|don't merge|please (?:fix|change|remove|revert|update|rename|add|drop|use|move|make|do))\b|(?:^|[.!?;]\s+)please\b|\bi(?:'d| would) (?:like|prefer) (?:to not|not to|you to|that you)\b|\bi(?:'d| would) rather (?:not|you|we not)\b|\bplease (?:don't|do not)\b|,?\s*\bplease\s*[.!]*(?:\n|$)|\bplease[.!]+(?:\s|$)`)
})

// refusal marks a comment that turns the change down: whatever else it
// asks, it is a request for a change, never a question or an option.
var refusal = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(?:(?:can't|cannot|won't|will not) (?:do|accept|merge|take|land) (?:that|this|it)|(?:not|isn't|is not) acceptable|unacceptable|not (?:going to|gonna) (?:merge|accept|reopen)|not reopening)\b`)
})

// optional marks a comment phrased as an option.
var optional = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(?:maybe|perhaps|could (?:we|you)|consider|might|optional(?:ly)?|if you (?:want|like|prefer)|feel free|nit|nitpick|up to you|your call|what about|how about)\b`)
})

// chooseLabel picks the Conventional Comments label for a rewording, or
// "" when none fits: an issue when it reports a defect, a question when
// it asks, a non-blocking suggestion only when the original is phrased as
// an option and asks for no change.
func chooseLabel(original, reworded string) string {
	return RewordLabel(original, reworded)
}

// harshCaps reports a word in capitals that is itself harsh (WTF, FFS):
// it is not protected, so the rewording may drop it.
func harshCaps(tok string) bool {
	for _, r := range tok {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	lower := strings.ToLower(tok)
	for _, r := range rules() {
		if r.weight >= mild && r.re.MatchString(lower) {
			return true
		}
	}
	return false
}

func trailingNewline(text string) string {
	if strings.HasSuffix(text, "\n") {
		return "\n"
	}
	return ""
}
