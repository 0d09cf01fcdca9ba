package tone

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// urlRE matches http(s) links up to whitespace or closing punctuation.
var urlRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`https?://[^\s<>()\[\]` + "`" + `"']*[^\s<>()\[\]` + "`" + `"'.,;:!?]`)
})

// identParts match code-like words in prose, the first alternative
// winning at a position: a link, a path, a qualified name (os.Args,
// gfx::Rect, p->next, server.go), a call, an identifier with an
// underscore, inner capital or digit, a flag, an issue or mention
// reference, a version or a number.
func identParts() []string {
	return []string{
		`https?://[^\s<>()\[\]` + "`" + `"']*[^\s<>()\[\]` + "`" + `"'.,;:!?]`,
		`(?:\.{0,2}/)?[\w.-]+(?:/[\w.-]+)+(?:\(\))?`,
		`\b[A-Za-z_]\w*(?:\.[A-Za-z_]\w+|(?:::|->)~?[A-Za-z_]\w*)+(?:\(\))?`,
		`\b[A-Za-z_]\w*\(\)`,
		`\b\w*_\w*\b`,
		`\b[a-z]+[A-Z]\w*\b`,
		`\b[A-Z][a-z]+[A-Z]\w*\b`,
		`\bv\d+(?:\.\d+)+[\w.+-]*`,
		`\b[A-Za-z]+\d\w*\b`,
		`(?:^|\s)--?[a-z][\w-]*`,
		`[#@][\w-]+`,
		`\b\d+(?:[.,:]\d+)*[A-Za-z]*\b`,
	}
}

// identRE matches one code-like word (see identParts).
var identRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(strings.Join(identParts(), "|"))
})

// techRE matches one token a rewording must keep byte for byte: the
// code-like words of identRE, quoted strings, operators (!=, !==, ->, ::,
// =>, &&, a negation such as !x) and words in capitals (GURL, ADL), except
// capitals that are themselves harsh (WTF).
var techRE = sync.OnceValue(func() *regexp.Regexp {
	parts := append(identParts()[:1:1],
		`"[^"\n]*"|“[^”\n]*”|(?:^|[\s(\[])'[^'\n]{1,60}'`,
		`(?:^|[\s(\[])![A-Za-z_(]\w*(?:\(\))?`,
		`!==?|===?|<=>?|>=|->|=>|::|&&|\|\||<<=?|>>=?|\+=|-=|\*=|/=|:=|\+\+|\bx?or=`,
		`\b[A-Z][A-Z0-9]+(?:'?s)?\b`,
		`(?:^|\s)[:;]'?-?[()DPp/|\\\[\]{}<>3]+(?:\s|$)`) // emoticons: :( ;-)
	return regexp.MustCompile(strings.Join(append(parts, identParts()[1:]...), "|"))
})

// maskTech replaces the code-like words of a sentence with "Code", so the
// rules see its shape but never an identifier (WTF::HashMap, dumb_ptr).
func maskTech(s string) string {
	if !strings.ContainsAny(s, "_./:-#@0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ(") {
		return s
	}
	return identRE().ReplaceAllStringFunc(s, func(m string) string {
		if oddCaseCurses()[strings.ToLower(m)] {
			return m // "wTF" is a curse typed with a slipped shift key, not a name
		}
		if strings.HasPrefix(m, " ") || strings.HasPrefix(m, "\t") {
			return m[:1] + "Code"
		}
		return "Code"
	})
}

// oddCaseCurses are curses that, typed in mixed case ("wTF", "oMG"), look
// like camelCase names to identRE.
var oddCaseCurses = sync.OnceValue(func() map[string]bool {
	return wordSet(`wtf wth omg omfg ffs stfu`)
})

// techTokens lists the technical tokens of a comment that a rewording must
// keep: every code span (with its backticks), every fenced or indented code
// block, and in prose every link, identifier-like word and number. Quoted
// lines belong to someone else and are not listed.
func techTokens(text string) []string {
	var out []string
	for _, bl := range splitBlocks(text) {
		switch bl.kind {
		case code:
			if t := strings.TrimSpace(bl.text); t != "" {
				out = append(out, t)
			}
		case prose:
			out = append(out, proseTokens(bl.text)...)
		}
	}
	return out
}

// proseTokens lists code spans and technical words of a prose block.
func proseTokens(s string) []string {
	var out []string
	last := 0
	for _, sp := range codeSpans(s) {
		out = append(out, wordTokens(s[last:sp.start])...)
		out = append(out, s[sp.start:sp.end])
		last = sp.end
	}
	return append(out, wordTokens(s[last:])...)
}

func wordTokens(s string) []string {
	var out []string
	for _, m := range techRE().FindAllString(s, -1) {
		// A curse or a put-down in capitals (WTF, RTFM) is no technical
		// token: the rewording may drop it. A milder word in capitals
		// (OMG) stays one, since readers may take it as the point.
		if m = strings.TrimSpace(m); m != "" && !cursingCaps(strings.TrimLeft(m, "([")) {
			out = append(out, m)
		}
	}
	return out
}

// cursingCaps reports a word in capitals that only a profane or
// condescending rule matches whole.
func cursingCaps(tok string) bool {
	if !harshCaps(tok) {
		return false
	}
	lower := strings.ToLower(tok)
	for _, r := range rules() {
		if (r.weight >= profane || r.signal == SignalCondescension) && r.re.MatchString(lower) {
			return true
		}
	}
	return false
}

// Keeps reports whether rewording kept every technical token of original:
// each code span (backticks included), code block, link, identifier and
// number must appear in rewording verbatim. The error lists what is missing.
func Keeps(original, rewording string) error {
	var missing []string
	seen := map[string]bool{}
	for _, t := range techTokens(original) {
		if seen[t] || strings.Contains(rewording, t) {
			continue
		}
		seen[t] = true
		missing = append(missing, fmt.Sprintf("%q", t))
	}
	if len(missing) > 0 {
		return fmt.Errorf("rewording drops %d technical token(s): %s", len(missing), strings.Join(missing, ", "))
	}
	return nil
}

// Validate checks a rewording written by someone else (an LLM) against the
// same promises Reword keeps: every technical token of original is kept
// (see Keeps) and the rewording itself scores below threshold. The error
// says which promise failed and why.
func Validate(original, rewording string, threshold float64) error {
	if err := Keeps(original, rewording); err != nil {
		return err
	}
	if r := Assess(rewording, threshold); r.Tense {
		return fmt.Errorf("rewording still reads as tense (score %.2f ≥ %.2f): %s", r.Score, threshold, strings.Join(r.Signals, "; "))
	}
	return nil
}
