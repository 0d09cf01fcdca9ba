package tone

import (
	"regexp"
	"strings"
	"sync"
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

// Reword returns a gentler version of text for the offline coach. Quoted
// lines and code blocks are kept as they are; in prose every code span,
// link, identifier and number is kept verbatim while insults,
// condescension, sarcasm and profanity are dropped, verdicts become
// observations, orders become questions, and the first prose line gets a
// Conventional Comments label. The result always passes Keeps and scores
// below DefaultThreshold: when the sentence rewrite cannot get there, a
// plain request to take another look that lists the technical tokens is
// returned instead.
func Reword(text string) string {
	out := rewordBlocks(text)
	if Keeps(text, out) == nil && Assess(out, DefaultThreshold).Score < DefaultThreshold {
		return out
	}
	return fallback(text)
}

// rewordBlocks rewrites the prose blocks and labels the first prose line
// with a label chosen from what the rewording says.
func rewordBlocks(text string) string {
	var parts []string // output lines, each with its line ending
	first := -1        // index in parts of the first kept prose line
	var body strings.Builder
	for _, bl := range splitBlocks(text) {
		if bl.kind != prose {
			parts = append(parts, bl.text)
			continue
		}
		for _, line := range strings.SplitAfter(bl.text, "\n") {
			content, hadNewline := strings.CutSuffix(line, "\n")
			r := rewordLine(content)
			if r.text == "" && strings.TrimSpace(content) != "" {
				continue // the whole line was dropped
			}
			if r.text != "" && first < 0 {
				first = len(parts)
			}
			body.WriteString(r.text + "\n")
			parts = append(parts, r.prefix+r.text+map[bool]string{true: "\n"}[hadNewline])
		}
	}
	label := chooseLabel(body.String())
	if first < 0 {
		opening := label + " I have concerns about this part; could we talk it through?"
		rest := strings.TrimSpace(strings.Join(parts, ""))
		if rest == "" {
			return opening + trailingNewline(text)
		}
		return opening + "\n\n" + rest + trailingNewline(text)
	}
	if r := parts[first]; !hasLabel(strings.ToLower(strings.TrimLeft(r, " -*+0123456789.)"))) {
		prefix := listMarker.FindString(r)
		parts[first] = prefix + label + " " + r[len(prefix):]
	}
	return strings.TrimRight(strings.Join(parts, ""), "\n") + trailingNewline(text)
}

// rewordedLine is a prose line's list marker or indent and its new body.
type rewordedLine struct{ prefix, text string }

var listMarker = regexp.MustCompile(`^\s*(?:[-*+]|\d+[.)])\s+|^\s+`)

func rewordLine(line string) rewordedLine {
	prefix := listMarker.FindString(line)
	protected, tokens := protect(line[len(prefix):])
	var kept []string
	for _, s := range splitLine(protected) {
		if t, ok := soften(s, tokens); ok {
			kept = append(kept, t)
		}
	}
	if len(kept) == 0 {
		return rewordedLine{prefix: prefix}
	}
	return rewordedLine{prefix: prefix, text: restore(strings.Join(kept, " "), tokens)}
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
			for start < loc[1] && (s[start] == ' ' || s[start] == '\t') {
				start++
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
	return regexp.MustCompile(`(?i)\b(?:wrong|broken|breaks?|broke|bug|leaks?|race|fails?|failing|never terminates|panics?|crash\w*|drops?|hardcoded|no tests?|without tests|not a single test|swallows|incorrect|flak\w*|off by one|deadlock\w*|stale|unbounded)\b`)
})

// chooseLabel picks the Conventional Comments label for reworded prose:
// an issue when it reports a defect, a question when it asks, a
// non-blocking suggestion otherwise.
func chooseLabel(p string) string {
	switch {
	case issueWords().MatchString(p):
		return LabelIssue
	case strings.Contains(p, "?"):
		return LabelQuestion
	}
	return LabelSuggestion
}

// fallback is the rewording of last resort: a calm request that keeps the
// quotes and code blocks and lists every technical token of the prose.
func fallback(text string) string {
	var b strings.Builder
	b.WriteString(chooseLabel(proseText(text)) + " I have concerns about this part; could we talk it through?")
	var toks []string
	for _, bl := range splitBlocks(text) {
		if bl.kind == prose {
			toks = append(toks, proseTokens(bl.text)...)
		}
	}
	if len(toks) > 0 {
		// Tokens are shown as code so none of them can read as a word.
		for i, t := range toks {
			if !strings.HasPrefix(t, "`") {
				toks[i] = "`" + t + "`"
			}
		}
		b.WriteString(" It concerns " + strings.Join(toks, ", ") + ".")
	}
	for _, bl := range splitBlocks(text) {
		if bl.kind != prose {
			b.WriteString("\n\n" + strings.TrimRight(bl.text, "\n"))
		}
	}
	return b.String() + trailingNewline(text)
}

func trailingNewline(text string) string {
	if strings.HasSuffix(text, "\n") {
		return "\n"
	}
	return ""
}
