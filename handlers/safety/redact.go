package safety

import (
	"slices"
	"strings"
)

// minOwnLen is the shortest own credential redacted literally; shorter
// strings would turn ordinary words into placeholders.
const minOwnLen = 8

// ownKind is the placeholder kind of the app's own credentials.
const ownKind = "app-credential"

// batchSize is how much text, in whole lines, one pass of the detectors
// sees. gitleaks locates findings with a cost that grows with lines times
// findings, so it must never see a whole log at once.
const batchSize = 64 << 10

// Redactor replaces secrets with placeholders such as [REDACTED:jwt]. It is
// safe for concurrent use; build it once with NewRedactor and reuse it.
type Redactor struct {
	rules   []rule
	index   keywordIndex // the rules' keywords and the own credentials
	leakErr error        // why gitleaks' rules are missing, if they are
}

// NewRedactor returns a Redactor for the built-in patterns, gitleaks' default
// rules and own, the app's own credentials (webhook secrets, private key PEM
// text, API keys, installation tokens), which are redacted wherever they
// appear. Multi-line credentials are matched line by line; empty values and
// values shorter than 8 characters are ignored.
func NewRedactor(own ...string) *Redactor {
	leaks, err := gitleaksRules()
	return newRedactor(append(slices.Clip(compiledRules()), leaks...), err, own)
}

// newRedactor returns a Redactor for rules and own credentials.
func newRedactor(rules []rule, leakErr error, own []string) *Redactor {
	return &Redactor{
		rules:   rules,
		index:   newKeywordIndex(rules, ownLiterals(own)),
		leakErr: leakErr,
	}
}

// GitleaksErr reports why gitleaks' default rules are not in use, or nil when
// they are. The built-in patterns and own credentials work either way.
func (r *Redactor) GitleaksErr() error { return r.leakErr }

// Redact returns s with every secret found replaced by a placeholder. It
// never adds or removes line breaks, and Redact(Redact(s)) == Redact(s).
// It cuts s exactly as Reader does, so both give the same result.
func (r *Redactor) Redact(s string) string {
	out := make([]byte, 0, len(s)+len(s)/16)
	var st redactState
	for len(s) > 0 {
		var n int
		out, n = r.step(out, s, true, &st)
		s = s[n:]
	}
	return string(out)
}

// redactBatch appends text, redacted, to dst. text is a run of whole lines
// (the last may lack its newline); st carries an open PEM block and the
// secret values seen so far across batches.
func (r *Redactor) redactBatch(dst []byte, text string, st *redactState) []byte {
	lines := splitLines(text)
	spans := r.findSpans(text, lines, st, false)
	spans = st.pem.scan(text, lines, spans)
	return writeRedacted(dst, text, normalize(text, spans))
}

// findSpans returns the secrets found in text by the rules, the own
// credentials and, after st learns the rules' finds, every appearance of a
// secret value seen so far. lines holds the start offset of every line.
// cut says text is a window whose last line goes on: a find running to its
// end may be cut short, so it is not learned.
func (r *Redactor) findSpans(text string, lines []int, st *redactState, cut bool) []span {
	hs, own := r.index.scan(text, lines)
	spans := r.ruleSpans(text, lines, hs, nil)
	st.known.learn(r, text, spans, cut)
	return append(st.known.spans(text, spans), own...)
}

// ruleSpans runs each rule of hs on the line of its keyword, hs sorted by
// rule and line as keywordIndex.scan returns them.
func (r *Redactor) ruleSpans(text string, lines []int, hs []hit, spans []span) []span {
	for i := 0; i < len(hs); {
		j := i + 1
		for j < len(hs) && hs[j].rule == hs[i].rule && hs[j].line == hs[i].line {
			j++
		}
		line := lineAt(text, lines, hs[i].line)
		off := lines[hs[i].line]
		ru := &r.rules[hs[i].rule]
		for _, m := range ru.matches(line, off, hs[i:j]) {
			start, end, ok := ru.secret(line, m)
			if ok {
				spans = append(spans, span{off + m[0], off + start, off + end, ru.kind})
			}
		}
		i = j
	}
	return spans
}

// matches returns the submatch indexes of the rule's matches on line, which
// starts at offset off of the text; hs are the rule's hits on it. An
// anchored rule is tried only where its keywords are, which is much cheaper
// than letting the regexp try every position of the line.
func (ru *rule) matches(line string, off int, hs []hit) [][]int {
	if !ru.anchored {
		if ru.lead != nil && !ru.leads(line, off, hs) {
			return nil
		}
		from, to, ok := 0, len(line), false
		if ru.windowed {
			var at []int
			if ru.wordHits {
				at = make([]int, len(hs))
				for i, h := range hs {
					at[i] = h.pos - off
				}
			}
			from, to, ok = ru.win.stretch(line, at)
		}
		if !ok {
			return ru.re.get().FindAllStringSubmatchIndex(line, -1)
		}
		ms := ru.re.get().FindAllStringSubmatchIndex(line[from:to], -1)
		for _, m := range ms {
			for j := range m {
				if m[j] >= 0 {
					m[j] += from
				}
			}
		}
		return ms
	}
	var out [][]int
	for _, h := range hs {
		at := h.pos - off
		if m := ru.re.get().FindStringSubmatchIndex(line[at:]); m != nil {
			for j := range m {
				if m[j] >= 0 {
					m[j] += at
				}
			}
			out = append(out, m)
		}
	}
	return out
}

// leads reports whether the rule's lead pattern matches at one of hs, its
// hits on line (which starts at offset off of the text), or up to back
// bytes before one: when it does not, the line has no match of the rule.
func (ru *rule) leads(line string, off int, hs []hit) bool {
	lead := ru.lead.get()
	for _, h := range hs {
		for at := max(0, h.pos-off-ru.back); at <= h.pos-off; at++ {
			if lead.MatchString(line[at:]) {
				return true
			}
		}
	}
	return false
}

// secret locates the secret in one match m of the rule on line and runs the
// rule's check.
func (ru *rule) secret(line string, m []int) (start, end int, ok bool) {
	start, end = m[0], m[1]
	if ru.firstSet {
		for g := 1; 2*g < len(m); g++ {
			if m[2*g] >= 0 && m[2*g] < m[2*g+1] {
				start, end = m[2*g], m[2*g+1]
				break
			}
		}
	} else if 2*ru.group < len(m) {
		start, end = m[2*ru.group], m[2*ru.group+1]
	}
	if start < 0 || start == end {
		return 0, 0, false
	}
	if ru.valid != nil {
		c := candidate{line: line, match: line[m[0]:m[1]], secret: line[start:end], groups: submatches(line, m)}
		if !ru.valid(c) {
			return 0, 0, false
		}
	}
	start, end = unquote(line, start, end)
	return start, end, true
}

// submatches turns FindStringSubmatchIndex output into strings; unmatched
// groups are empty.
func submatches(s string, m []int) []string {
	g := make([]string, len(m)/2)
	for i := range g {
		if m[2*i] >= 0 {
			g[i] = s[m[2*i]:m[2*i+1]]
		}
	}
	return g
}

// ownLiterals splits the app's credentials into the literal strings to
// redact: each credential and, for multi-line ones (PEM keys, also in their
// JSON-escaped form), each line except the BEGIN/END armour.
func ownLiterals(own []string) []string {
	seen := map[string]bool{}
	var lits []string
	add := func(s string) {
		s = strings.TrimSpace(s)
		if len(s) < minOwnLen || seen[s] || strings.HasPrefix(s, "-----") {
			return
		}
		seen[s] = true
		lits = append(lits, s)
	}
	for _, o := range own {
		if !strings.ContainsAny(o, "\r\n") && !strings.Contains(o, `\n`) {
			add(o)
			continue
		}
		o = strings.NewReplacer(`\r\n`, "\n", `\n`, "\n", "\r\n", "\n", "\r", "\n").Replace(o)
		for _, l := range strings.Split(o, "\n") {
			add(l)
		}
	}
	return lits
}
