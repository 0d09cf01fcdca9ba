package ci

import (
	"io"
	"regexp"
	"slices"
	"strings"
)

// ScoredLine is a kept line of the failing step with its features, as the
// line scorer sees it.
type ScoredLine struct {
	N     int
	Text  string
	Feats []uint32
}

// features turns the kept runs into scorer input.
func (f *failedStep) features() [][]ScoredLine {
	out := make([][]ScoredLine, 0, len(f.runs))
	for _, run := range f.runs {
		lines := make([]ScoredLine, len(run))
		for i, l := range run {
			var prev, next []byte
			if i > 0 {
				prev = []byte(run[i-1].text)
			}
			if i+1 < len(run) {
				next = []byte(run[i+1].text)
			}
			lc := lineContext{fromStart: l.n - f.start, toEnd: f.end - l.n,
				afterCommand: f.commandLine > 0 && l.n >= f.commandLine, role: l.role}
			lines[i] = ScoredLine{N: l.n, Text: l.text,
				Feats: lineFeatures(nil, prev, []byte(l.text), next, lc)}
		}
		out = append(out, lines)
	}
	return out
}

// StepLines reads a log as Analyze does and returns the kept lines of the
// step that failed (the whole log when no step failed), in runs of
// consecutive lines. cmd/trainlines trains the line scorer on them.
func StepLines(r io.Reader) ([][]ScoredLine, error) {
	s := newScanner(Builtin())
	err := s.scan(r)
	f := s.failingStep()
	if f == nil {
		return nil, err
	}
	return f.features(), err
}

// Window is the run of lines chosen to explain a failure.
type Window struct {
	Run, From, To int // run index, first and last index in the run
	// Key is the index in the run of the highest-scoring line.
	Key int
}

// BestWindow picks the run of at most excerptBudget consecutive kept lines
// whose scores add up to the most. ok is false when there are no lines.
func BestWindow(runs [][]ScoredLine, m *LineModel) (w Window, ok bool) {
	return bestWindow(runs, m, excerptBudget, 0, 0)
}

// anchorBefore is how many lines before the line a window must hold it
// holds too: the header or command a first error follows.
const anchorBefore = 2

// aboveWeight scales the scores of the lines before a first error a
// window must hold, so that a window reads down from the error.
const aboveWeight = 0.25

// bestWindow picks the run of at most size consecutive kept lines whose
// scores add up to the most; when a run holds line must, only windows
// holding it and the anchorBefore lines before it count, and of those,
// when until is after must, only the ones that reach until (or as far
// towards it as size allows).
func bestWindow(runs [][]ScoredLine, m *LineModel, size, must, until int) (w Window, ok bool) {
	if must > 0 {
		for r, run := range runs {
			if run[0].N <= must && must <= run[len(run)-1].N {
				w, ok = bestWindow(runs[r:r+1], m, size, -must, until)
				w.Run = r
				return w, ok
			}
		}
	}
	best := -1.0
	for r, run := range runs {
		p := make([]float64, len(run))
		for i, l := range run {
			// Squared, so that a few lines the scorer is sure of outweigh
			// many it is lukewarm about.
			q := m.Score(l.Feats)
			p[i] = q * q
			if must < 0 && l.N < -must-anchorBefore {
				// Above the first error a window shows what led to it,
				// below it what it is; read from the error down.
				p[i] *= aboveWeight
			}
		}
		// The lines a window must hold when must < 0: from the few before
		// it to until, as far as the size allows.
		from := max(run[0].N, -must-anchorBefore)
		sum := 0.0
		for i := range run {
			sum += p[i]
			lo := max(0, i-size+1)
			if i >= size {
				sum -= p[i-size]
			}
			if must < 0 && (run[lo].N > from || run[i].N < max(-must, min(until, from+size-1, run[len(run)-1].N))) {
				continue
			}
			if sum > best+1e-9 {
				best, ok = sum, true
				w = Window{Run: r, From: lo, To: i}
			}
		}
		if ok && w.Run == r {
			w.Key = w.From
			for i := w.From; i <= w.To; i++ {
				if p[i] > p[w.Key] {
					w.Key = i
				}
			}
		}
	}
	return w, ok
}

// WindowExcerpt is the excerpt a window shows, without blank lines at its
// ends.
func WindowExcerpt(run []ScoredLine, w Window) Excerpt {
	from, to := w.From, w.To
	for from < to && strings.TrimSpace(run[from].Text) == "" {
		from++
	}
	for to > from && strings.TrimSpace(run[to].Text) == "" {
		to--
	}
	texts := make([]string, 0, to-from+1)
	for _, l := range run[from : to+1] {
		texts = append(texts, l.Text)
	}
	return Excerpt{StartLine: run[from].N, EndLine: run[to].N, Text: strings.Join(texts, "\n")}
}

// withWindow adds to the excerpts already chosen (cut to the failing step,
// lines lo to hi) the window of the step's lines the scorer rates highest,
// within what is left of the budget. It also returns the window's
// highest-scoring line. The excerpt holding line focus (or else the
// window's best line) is marked to be shown from there. A negative focus
// -n only makes the window hold line n; the best line is shown first.
func (s *scanner) withWindow(runs [][]ScoredLine, fixed []Excerpt, lo, hi, focus int) ([]Excerpt, string) {
	anchor := focus
	if focus < 0 {
		anchor, focus = -focus, 0
	}
	fixed = clip(fixed, lo, hi)
	used := 0
	for _, e := range fixed {
		used += e.EndLine - e.StartLine + 1
	}
	if len(runs) == 0 || used >= excerptBudget {
		return nonNil(fixed), ""
	}
	var w Window
	var ok bool
	if anchor >= lo && anchor <= hi {
		// The whole budget goes to one window around the first error,
		// placed where the scorer rates the lines highest.
		w, ok = bestWindow(runs, s.model, excerptBudget, anchor, s.anchorEnd)
		if ok {
			fixed = nil
		}
	}
	if !ok {
		w, ok = bestWindow(runs, s.model, excerptBudget-used, 0, 0)
	}
	if !ok {
		return nonNil(fixed), ""
	}
	win := WindowExcerpt(runs[w.Run], w)
	if strings.TrimSpace(win.Text) == "" {
		return nonNil(fixed), ""
	}
	out := mergeExcerpts(append(slices.Clone(fixed), win))
	key, keyN := s.keyLine(runs[w.Run], w)
	if focus < lo || focus > hi {
		focus = s.firstStrong(runs[w.Run], w)
	}
	if keyN >= 0 {
		focus = keepInView(focus, keyN)
	}
	for i := range out {
		if focus >= out[i].StartLine && focus <= out[i].EndLine {
			out[i].Focus = focus
		}
	}
	return out, key
}

// keepInView moves an excerpt's focus as little as it takes for line n,
// the one the title quotes, to be shown in view and not only folded: the
// comment opens the view 3 lines above the focus and shows 15
// (prompts.Excerpt.InView).
func keepInView(focus, n int) int {
	switch {
	case n > focus+11:
		return n - 11
	case n < focus-3:
		return n + 3
	}
	return focus
}

// strongShare is how near the best line's score a line must come to be
// shown first in its stead.
const strongShare = 0.5

// firstStrong is the line to show first in a window: the earliest whose
// score comes near the best one's. What explains a failure usually starts
// with its first telling line and reads down from there; the best line is
// often a summary at the end.
func (s *scanner) firstStrong(run []ScoredLine, w Window) int {
	best := s.model.Score(run[w.Key].Feats)
	for i := w.From; i < w.Key; i++ {
		if strings.TrimSpace(run[i].Text) != "" && s.model.Score(run[i].Feats) >= strongShare*best {
			return run[i].N
		}
	}
	return run[w.Key].N
}

// keyLine is the window's line a title quotes: of the lines that say
// something (12 letters or more, so not "[ERROR]" alone, and see
// notAKeyLine), the highest-scoring one that says something went wrong,
// else the highest-scoring one that is not a poor title (see titleRank);
// "" when every such line is a poor title. When no line says something it
// is the window's best line.
// It also returns the key line's number in the log: -1 when it is "" or
// when no line says something (the window's best line stands in).
func (s *scanner) keyLine(run []ScoredLine, w Window) (string, int) {
	best, bestN, bestP, bestRank, said := "", -1, -1.0, rankPoor, false
	for i := w.From; i <= w.To; i++ {
		t := bodyOf(run[i].Text)
		if letters(t) < 12 || notAKeyLine(t) || s.scriptEcho(t) {
			continue
		}
		said = true
		rank := titleRank(t)
		if rank == rankPoor {
			continue
		}
		if p := s.model.Score(run[i].Feats); rank > bestRank || rank == bestRank && p > bestP {
			best, bestN, bestP, bestRank = t, run[i].N, p, rank
		}
	}
	if !said {
		return strings.TrimSpace(run[w.Key].Text), -1
	}
	return best, bestN
}

// scriptEcho reports whether t is a line of the step's script that the CI
// system echoed before running it (under Actions' "##[group]Run …" or
// Azure's "Script contents:"): what ran, not what went wrong.
func (s *scanner) scriptEcho(t string) bool {
	if t == "" {
		return false
	}
	if f := s.stepLog.failed; f != nil && t == strings.TrimSpace(f.command) || t == strings.TrimSpace(s.steps.command) {
		return true
	}
	return slices.Contains(s.steps.script, t)
}

// notAKeyLine reports whether a line says what ran, what differs or that
// something failed rather than what went wrong: a "+ cmd" trace, a
// "$ cmd" line, a diff's headers and added lines, a summary line, or a
// line the CI system prints around the steps (see ciFrame).
func notAKeyLine(t string) bool {
	for _, p := range []string{"+", "$ ", "--- a/", "--- /", "@@ "} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return summaryLine.MatchString(t) || ciFrame.MatchString(t) ||
		(strings.HasPrefix(t, "--- ") || strings.HasPrefix(t, "~~~ ")) && isBuildkiteHeader([]byte(t))
}

// ciFrame finds the lines a CI system prints around a job's steps, which
// name a step or the machine but never say what went wrong: Azure
// Pipelines' "##[section]Starting: Build" and "Finishing: Build", Actions'
// "##[group]" lines, Jenkins' "[Pipeline] stage", GitLab's section marks
// and its runner banner ("Running with gitlab-runner 16.1.0",
// `Preparing the "docker" executor`), and the lines that open a Jenkins
// job ("Started by an SCM change", "Running on agent-2 in /var/…",
// "Building in workspace …", " > git fetch …"), and the header of an
// Azure Pipelines script task ("Script contents:", the shell it starts).
var ciFrame = regexp.MustCompile(`^(?:##\[(?:section|group|endgroup|command)\]|(?:Starting|Finishing): |\[Pipeline\] |section_(?:start|end):\d+:|Running with gitlab-runner |Preparing the "[\w+-]+" executor|Using (?:Docker|Shell|Kubernetes) executor\b|Started by |Running on \S+ in /|Building (?:remotely )?(?:on \S+ )?in workspace |Obtained \S+ from git |Running in Durability level|> git |Generating script\.$|Script contents:|=+ Starting Command Output =+$|/(?:usr/)?bin/(?:ba)?sh --noprofile --norc )`)

// summaryLine finds lines a tool prints about a failure whatever it was:
// npm's report of the environment and its "Test failed. See above",
// make's "*** Error 2".
var summaryLine = regexp.MustCompile(`^npm ERR! (?:Test failed|Linux|Darwin|Windows_NT|argv|node v|npm {1,2}v|code |errno |syscall |path |A complete log|Please include|Tell the author|You can get|Or if that|This is most likely|not with npm|There is likely|Exit status|Failed at the)|^make(?:\[\d+\])?: \*\*\* `)

// clip cuts excerpts to lines lo to hi.
func clip(ex []Excerpt, lo, hi int) []Excerpt {
	var out []Excerpt
	for _, e := range ex {
		lines := strings.Split(e.Text, "\n")
		from, to := max(e.StartLine, lo), min(e.EndLine, hi)
		if from > to || len(lines) != e.EndLine-e.StartLine+1 {
			continue
		}
		out = append(out, Excerpt{StartLine: from, EndLine: to,
			Text: strings.Join(lines[from-e.StartLine:to-e.StartLine+1], "\n")})
	}
	return out
}

func nonNil(ex []Excerpt) []Excerpt {
	if ex == nil {
		return []Excerpt{}
	}
	return ex
}

// mergeExcerpts sorts excerpts by line and joins overlapping or adjacent
// ones.
func mergeExcerpts(ex []Excerpt) []Excerpt {
	slices.SortFunc(ex, func(a, b Excerpt) int { return a.StartLine - b.StartLine })
	var out []Excerpt
	for _, e := range ex {
		if n := len(out); n > 0 && e.StartLine <= out[n-1].EndLine+1 {
			last := &out[n-1]
			if e.EndLine > last.EndLine {
				lines := strings.Split(e.Text, "\n")
				skip := last.EndLine - e.StartLine + 1
				last.Text += "\n" + strings.Join(lines[skip:], "\n")
				last.EndLine = e.EndLine
			}
			continue
		}
		out = append(out, e)
	}
	return out
}
