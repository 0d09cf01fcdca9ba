package ci

// stepRing is how many recent lines of the current step are kept. A line
// that leaves it is at least stepRing lines before the step's end.
const stepRing = 2048

// Snapshots keep windows around matched error lines that left the ring.
const (
	snapBefore = 5
	snapLines  = 50
	maxSnaps   = 3
)

// stepText is one kept line of a step: its number, cleaned text, and
// whether the knowledge base matched it.
type stepText struct {
	n    int
	text string
	role uint8 // 1 + the role of the knowledge-base rule it matched, 0 for none
}

// failedStep is the step a log failed in, with the lines kept of it:
// windows around early errors and the step's last lines, each a run of
// consecutive lines in order.
type failedStep struct {
	start, end int
	name       string
	command    string
	code       int // -1 when no exit code was seen
	runs       [][]stepText
	// commandLine is the line of the step's last command, 0 if none.
	commandLine int
}

// stepBuf follows the steps of a log as it streams and keeps the first step
// that failed. The current step's lines sit in a fixed ring whose storage
// is reused; lines that leave it are kept only around matched errors.
type stepBuf struct {
	start       int // first line of the current step
	name        string
	command     string
	commandLine int
	fromStart   bool // name comes from a step header, not a command
	nums        [stepRing]int
	text        [stepRing][]byte
	role        [stepRing]uint8
	count       int // lines of the current step pushed
	snaps       [][]stepText
	snapEnd     int
	failed      *failedStep
}

func (b *stepBuf) slot(n int) int { return (n - 1) % stepRing }

// push adds line n (cleaned) to the current step, first keeping a window
// of the line about to leave the ring when an error follows it closely.
func (b *stepBuf) push(n int, t []byte) {
	if b.count == 0 {
		b.start = n
	}
	i := b.slot(n)
	if b.count >= stepRing {
		b.evict(b.nums[i])
	}
	b.nums[i] = n
	b.text[i] = appendCut(b.text[i][:0], t)
	b.role[i] = 0
	b.count++
}

// markHit records that a knowledge-base rule of role r matched line n.
func (b *stepBuf) markHit(n int, r role) {
	if i := b.slot(n); b.count > 0 && b.nums[i] == n {
		b.role[i] = uint8(r) + 1
	}
}

// evict is called for line e about to leave the ring.
func (b *stepBuf) evict(e int) {
	if len(b.snaps) >= maxSnaps || e <= b.snapEnd {
		return
	}
	first := e
	if h := e + snapBefore; !b.isHit(h) {
		if !b.isHit(e) {
			return
		}
	}
	var run []stepText
	for n := first; n < first+snapLines && n < b.start+b.count; n++ {
		i := b.slot(n)
		run = append(run, stepText{n: n, text: string(b.text[i]), role: b.role[i]})
	}
	b.snaps = append(b.snaps, run)
	b.snapEnd = first + len(run) - 1
}

func (b *stepBuf) isHit(n int) bool {
	i := b.slot(n)
	return n >= b.start && n < b.start+b.count && b.nums[i] == n && b.role[i] > 0
}

// reset starts a new step at the next pushed line: the current one went
// well, so nothing of it can explain the failure.
func (b *stepBuf) reset() {
	b.count = 0
	b.snaps = nil
	b.snapEnd = 0
	b.commandLine = 0
}

// name sets the step's name, or its command when command is true.
func (b *stepBuf) label(n int, s string, command bool) {
	if command {
		b.command, b.commandLine = s, n
		if !b.fromStart {
			b.name = s
		}
		return
	}
	b.name, b.command, b.commandLine, b.fromStart = s, "", 0, true
}

// rename gives the current step, named by a header, a better name once
// the header is fully read.
func (b *stepBuf) rename(name string) {
	if b.failed == nil && b.fromStart {
		b.name = name
	}
}

// freeze keeps the current step as the failed one, ending at line end.
func (b *stepBuf) freeze(end, code int) {
	if b.failed != nil {
		return
	}
	f := &failedStep{start: b.start, end: end, name: b.name, command: b.command, code: code,
		commandLine: b.commandLine}
	if b.count == 0 {
		f.start = end
	}
	ringStart := max(b.start, b.start+b.count-stepRing)
	for _, sn := range b.snaps {
		for len(sn) > 0 && sn[len(sn)-1].n >= ringStart {
			sn = sn[:len(sn)-1]
		}
		if len(sn) > 0 {
			f.runs = append(f.runs, sn)
		}
	}
	var run []stepText
	for n := ringStart; n < b.start+b.count && n <= end; n++ {
		i := b.slot(n)
		run = append(run, stepText{n: n, text: string(b.text[i]), role: b.role[i]})
	}
	if len(run) > 0 {
		f.runs = append(f.runs, run)
	}
	b.failed = f
}

// appendCut appends t to dst cut to maxText bytes at a character boundary,
// marked with " …" when cut, as excerpts show long lines.
func appendCut(dst, t []byte) []byte {
	if len(t) <= maxText {
		return append(dst, t...)
	}
	cut := maxText
	for cut > 0 && t[cut]&0xc0 == 0x80 {
		cut--
	}
	return append(append(dst, t[:cut]...), " …"...)
}
