package ci

import (
	"regexp"
	"strings"
)

// Caps on what a scan keeps, so memory does not grow with the log.
const (
	maxRootHits    = 24
	maxOtherHits   = 8
	maxCascadeHits = 4
	maxBlockLines  = 30
)

// hit is one line that matched a cause.
type hit struct {
	line    int
	cause   int
	role    role
	vars    map[string]string
	text    string
	step    string
	command string
	blk     *block
}

// block is a run of consecutive lines kept around one or more hits.
type block struct {
	start, end int // line numbers, inclusive
	lines      []string
	afterLeft  int
	follow     string
	until      *regexp.Regexp
	stop       *regexp.Regexp
	open       bool
}

// scanner holds the state of one streaming pass.
type scanner struct {
	kb           *KnowledgeBase
	n            int
	ring         ring
	steps        stepState
	open         *block
	roots        []*hit
	others       []*hit // override, generic and detail hits
	cascades     []*hit // the last few
	firstCascade *hit
	clean        []byte // the current line's display form, when not plain
	stepLog      stepBuf
	// laterLog keeps the first step that failed after stepLog's.
	laterLog stepBuf
	later    laterFailures
	model    *LineModel
	scratch  *lineScratch
	// repoOffAt is the line at which the repository's patterns ran out
	// of time, 0 while they have not.
	repoOffAt int
	// travis is set once a Travis fold or timer mark was seen: each
	// command of such a log that fails is followed by a line saying so.
	travis bool
	// anchorEnd is the last line of the first error's own lines (its
	// stack, its diff), which the window holds with it; 0 when none.
	anchorEnd int
	// travisCmd is set while the current line is a command Travis runs.
	travisCmd bool
}

func newScanner(kb *KnowledgeBase) *scanner {
	return &scanner{kb: kb, scratch: kb.sc.scratch(), model: builtinModel()}
}

// line processes the next raw line. A plain line is matched on its own
// bytes; no string is made unless it extends an excerpt, names a step or
// matches a cause.
func (s *scanner) line(raw []byte) {
	s.n++
	stamped := stripTimestamp(raw)
	content := skipTravisMarks(stamped)
	if len(content) != len(stamped) {
		s.travis = true
	}
	s.travisCmd = s.travis && isTravisCommand(content)
	s.ring.push(s.n, raw)
	text, body, lits := s.prepare(raw, content)
	var took *block
	if s.open != nil {
		took = s.extend(string(text))
	}
	if s.steps.inScript && s.steps.scriptLine(text) {
		s.stepLog.rename(strings.TrimPrefix(s.steps.step, "Run "))
	}
	if mayBeStep(content) {
		s.steps.observe(text)
	}
	kind, code, name := stepMark(text)
	s.followStep(kind, name, text)
	gate := func() bool { return s.kb.pf.hit(content) }
	if i, vars := s.kb.classifyBody(body, lits, took != nil, gate, s.scratch); i >= 0 && !s.chatter(i, text) {
		if s.stepLog.failed == nil {
			s.stepLog.markHit(s.n, s.kb.rules[i].role)
		}
		s.record(i, vars, string(text), took)
	}
	if s.repoOffAt == 0 && s.scratch.repo.off {
		s.repoOffAt = s.n
	}
	if kind == markExit {
		s.endStep(code)
	}
}

// prepare returns the display form of raw (see cleanLine), reusing
// memory: content itself when it is plain, checked in the same pass that
// looks for the screen's literals. It also returns the text to match (see
// matchBody) and whether s.scratch.found lists the literals in it.
func (s *scanner) prepare(raw, content []byte) (text, body []byte, lits bool) {
	body = matchBody(content)
	lits, plain := s.kb.sc.found.findPlain(content, len(content)-len(body), s.scratch)
	// A stamped line is shown without its stamp (appendClean).
	if plain && (len(body) == len(content) || len(dropStamp(content)) == len(content)) {
		return content, body, lits
	}
	s.clean = appendClean(s.clean[:0], raw)
	body = matchBody(s.clean)
	return s.clean, body, s.kb.sc.found.find(body, s.scratch)
}

// chatter reports whether a network or infrastructure match is only a
// program's own debug or info log record (a retry it logged while its
// tests ran), which is no evidence that the network failed the build.
func (s *scanner) chatter(cause int, text []byte) bool {
	c := &s.kb.causes[cause]
	if c.Category != "network" || s.kb.rules[cause].role == roleOverride {
		return false
	}
	return logLevel.Match(text[:min(len(text), 80)])
}

var logLevel = regexp.MustCompile(`(?i)(?:^|[\s\[|(])(?:debug|trace|info|notice)(?:[\s\]|):]|$)|level=(?:debug|trace|info)\b|^[DI]\d{4} `)

// record keeps a hit within the caps and opens or joins a block for it.
// took is the block that already holds this line, if any.
func (s *scanner) record(cause int, vars map[string]string, text string, took *block) {
	r := &s.kb.rules[cause]
	h := &hit{line: s.n, cause: cause, role: r.role, vars: vars, text: text,
		step: s.steps.step, command: s.steps.command}
	switch {
	case r.role == roleRoot && len(s.roots) < maxRootHits:
		s.roots = append(s.roots, h)
	case r.role == roleCascade:
		if s.firstCascade == nil {
			s.firstCascade = h
		}
		if len(s.cascades) == maxCascadeHits {
			copy(s.cascades, s.cascades[1:])
			s.cascades = s.cascades[:maxCascadeHits-1]
		}
		s.cascades = append(s.cascades, h)
	case r.role != roleRoot && len(s.others) < maxOtherHits:
		s.others = append(s.others, h)
	default:
		return
	}
	if took != nil {
		h.blk = took
		if took.open {
			took.afterLeft = max(took.afterLeft, s.kb.causes[cause].After)
		}
		return
	}
	if r.role == roleDetail {
		return
	}
	s.closeOpen()
	h.blk = s.newBlock(cause, text)
	if h.blk.open {
		s.open = h.blk
	}
}

// newBlock starts a block at the current line with context from the ring.
func (s *scanner) newBlock(cause int, text string) *block {
	c := &s.kb.causes[cause]
	r := &s.kb.rules[cause]
	b := &block{start: s.n, end: s.n, afterLeft: c.After, follow: c.Follow,
		until: r.until, stop: r.stop, open: c.After > 0}
	for n := s.n - c.Before; n < s.n; n++ {
		if raw, ok := s.ring.get(n); ok {
			if len(b.lines) == 0 {
				b.start = n
			}
			b.lines = append(b.lines, cleanLine(raw))
		}
	}
	b.lines = append(b.lines, text)
	return b
}

// extend offers the current cleaned line to the open block and returns the
// block if it took the line.
func (s *scanner) extend(t string) *block {
	b := s.open
	if b.afterLeft <= 0 || len(b.lines) >= maxBlockLines || (b.stop != nil && b.stop.MatchString(t)) {
		s.closeOpen()
		return nil
	}
	indented := t == "" || t[0] == ' ' || t[0] == '\t'
	last := false
	switch b.follow {
	case "indented":
		if !indented {
			s.closeOpen()
			return nil
		}
	case "nonblank":
		if t == "" {
			s.closeOpen()
			return nil
		}
	case "traceback":
		last = !indented
	}
	b.lines = append(b.lines, t)
	b.end = s.n
	b.afterLeft--
	if last || (b.until != nil && b.until.MatchString(t)) {
		s.closeOpen()
	}
	return b
}

// closeOpen ends the open block, dropping trailing blank lines.
func (s *scanner) closeOpen() {
	b := s.open
	if b == nil {
		return
	}
	for len(b.lines) > 1 && isBlank(b.lines[len(b.lines)-1]) {
		b.lines = b.lines[:len(b.lines)-1]
		b.end--
	}
	b.open = false
	s.open = nil
}

func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '\t' {
			return false
		}
	}
	return true
}
