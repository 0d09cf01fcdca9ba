package ci

import (
	"fmt"
	"strings"
)

// Display rules for excerpt text. Matching reads the cleaned lines as they
// are; only the text shown to people is tidied here, so that each shown
// line still stands for the log line of the same number.

// maxRepeatBlock is the longest block of lines looked for as a repeat.
const maxRepeatBlock = 10

// minRepeatHidden is the fewest lines a repeat must hide to be collapsed:
// a short repeat (a rethrown frame, a retry printed twice) reads fine as
// it is, and its lines stay in the excerpt's range.
const minRepeatHidden = 20

// tidy returns the excerpts as they are shown: GitHub Actions group markers
// left out, and a block of lines that repeats right after itself shown
// once, its last line saying how often it repeats. A repeat splits the
// excerpt in two around the copies left out.
func tidy(ex []Excerpt) []Excerpt {
	out := make([]Excerpt, 0, len(ex))
	for _, e := range ex {
		lines := strings.Split(e.Text, "\n")
		if len(lines) != e.EndLine-e.StartLine+1 {
			out = append(out, e)
			continue
		}
		for i, l := range lines {
			lines[i] = unmark(l)
		}
		out = append(out, collapse(e, lines)...)
	}
	return out
}

// unmark leaves out an Actions "##[group]" or "##[endgroup]" marker, and
// Travis's fold and timer marks, which are all a line holds when they are
// left in it (see skipTravisMarks).
func unmark(l string) string {
	if strings.HasPrefix(l, "travis_fold:") || strings.HasPrefix(l, "travis_time:") {
		return ""
	}
	if rest, ok := strings.CutPrefix(l, "##[group]"); ok {
		return rest
	}
	if strings.HasPrefix(l, "##[endgroup]") {
		return strings.TrimPrefix(l, "##[endgroup]")
	}
	return l
}

// collapse splits an excerpt around repeated blocks, keeping one copy of
// each with a note of the count.
func collapse(e Excerpt, lines []string) []Excerpt {
	var out []Excerpt
	from := 0 // first index of the part not yet emitted
	for i := 0; i < len(lines); {
		k, copies := repeatAt(lines, i)
		if copies < 2 {
			i++
			continue
		}
		last := i + k - 1
		kept := append([]string(nil), lines[from:last+1]...)
		kept[len(kept)-1] += repeatNote(k, copies-1, e.StartLine+i+copies*k-1)
		part := Excerpt{StartLine: e.StartLine + from, EndLine: e.StartLine + last, Text: strings.Join(kept, "\n")}
		out = append(out, withFocus(part, e.Focus, e.StartLine+i, k, copies))
		i += copies * k
		from = i
	}
	if from < len(lines) {
		part := Excerpt{StartLine: e.StartLine + from, EndLine: e.EndLine, Text: strings.Join(lines[from:], "\n")}
		out = append(out, withFocus(part, e.Focus, 0, 0, 0))
	}
	return out
}

// repeatAt finds the block starting at i that repeats right after itself
// the most lines' worth: its length and how many copies there are in a
// row (1 when none repeats, or when the copies after the first hide fewer
// than minRepeatHidden lines). A block of blank or letterless lines does
// not count.
func repeatAt(lines []string, i int) (k, copies int) {
	bestK, bestCopies := 1, 1
	for size := 1; size <= maxRepeatBlock && i+2*size <= len(lines); size++ {
		if !saysSomething(lines[i : i+size]) {
			continue
		}
		c := 1
		for i+(c+1)*size <= len(lines) && sameBlock(lines, i, i+c*size, size) {
			c++
		}
		if (c-1)*size < minRepeatHidden {
			continue
		}
		if c*size > bestCopies*bestK {
			bestK, bestCopies = size, c
		}
	}
	return bestK, bestCopies
}

func sameBlock(lines []string, a, b, size int) bool {
	for j := 0; j < size; j++ {
		if lines[a+j] != lines[b+j] {
			return false
		}
	}
	return true
}

func saysSomething(block []string) bool {
	for _, l := range block {
		if letters(l) > 0 {
			return true
		}
	}
	return false
}

// repeatNote is what the last line of a repeated block's one shown copy
// says.
func repeatNote(k, more, through int) string {
	times := "times"
	if more == 1 {
		times = "time"
	}
	if k == 1 {
		return fmt.Sprintf("   [repeated %d more %s, through line %d]", more, times, through)
	}
	return fmt.Sprintf("   [the %d lines above repeated %d more %s, through line %d]", k, more, times, through)
}

// withFocus keeps the focus line in the part that shows it; a focus in
// the copies left out (copies blocks of k lines from line blockStart)
// moves to the same line of the copy shown.
func withFocus(part Excerpt, focus, blockStart, k, copies int) Excerpt {
	switch {
	case focus >= part.StartLine && focus <= part.EndLine:
		part.Focus = focus
	case k > 0 && focus >= blockStart && focus < blockStart+copies*k:
		part.Focus = blockStart + (focus-blockStart)%k
	}
	return part
}
