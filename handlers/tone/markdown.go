package tone

import "strings"

// blockKind says how a run of lines is treated: prose is scored and
// reworded, quotes and code are kept verbatim and never scored.
type blockKind int

const (
	prose blockKind = iota
	quote
	code
)

// block is a run of whole lines of one kind; text keeps the original line
// endings so the blocks concatenate back to the input.
type block struct {
	kind blockKind
	text string
}

// splitBlocks cuts Markdown into prose, quoted lines (">") and code
// (fenced with ``` or ~~~, or indented by four spaces after a blank line).
func splitBlocks(text string) []block {
	type run struct {
		kind       blockKind
		start, end int
	}
	var runs []run
	pos := 0
	add := func(k blockKind, line string) {
		if n := len(runs); n > 0 && runs[n-1].kind == k {
			runs[n-1].end = pos + len(line)
			return
		}
		runs = append(runs, run{k, pos, pos + len(line)})
	}
	var fence string // the open fence marker, "" outside a fence
	prevBlank := true
	for _, line := range strings.SplitAfter(text, "\n") {
		if line == "" {
			continue
		}
		bare := strings.TrimRight(line, "\r\n")
		trimmed := strings.TrimLeft(bare, " ")
		indent := len(bare) - len(trimmed)
		switch {
		case fence != "":
			add(code, line)
			if indent < 4 && strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, fence[:1]) == "" {
				fence = ""
			}
		case indent < 4 && (strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~")):
			fence = openFence(trimmed)
			add(code, line)
		case indent < 4 && strings.HasPrefix(trimmed, ">"):
			add(quote, line)
		case bare != "" && (indent >= 4 || strings.HasPrefix(bare, "\t")) && (prevBlank || len(runs) > 0 && runs[len(runs)-1].kind == code):
			add(code, line)
		default:
			add(prose, line)
		}
		prevBlank = strings.TrimSpace(bare) == ""
		pos += len(line)
	}
	out := make([]block, len(runs))
	for i, r := range runs {
		out[i] = block{kind: r.kind, text: text[r.start:r.end]}
	}
	return out
}

// openFence returns the run of fence characters that opens a fenced block.
func openFence(trimmed string) string {
	c := trimmed[0]
	n := 0
	for n < len(trimmed) && trimmed[n] == c {
		n++
	}
	return trimmed[:n]
}

// span is a half-open byte range of a string.
type span struct{ start, end int }

// codeSpans finds inline code spans: a run of n backticks up to the next run
// of exactly n backticks. An unmatched run is literal text.
func codeSpans(s string) []span {
	var out []span
	for i := 0; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		n := runLen(s, i)
		closeAt := -1
		for j := i + n; j < len(s); {
			if s[j] != '`' {
				j++
				continue
			}
			m := runLen(s, j)
			if m == n {
				closeAt = j
				break
			}
			j += m
		}
		if closeAt < 0 {
			i += n
			continue
		}
		out = append(out, span{i, closeAt + n})
		i = closeAt + n
	}
	return out
}

func runLen(s string, i int) int {
	n := 0
	for i+n < len(s) && s[i+n] == '`' {
		n++
	}
	return n
}

// proseText returns the prose of a comment with quotes and code blocks
// removed, code spans replaced by the word "Code" and links by "Link" (capitalised so a
// sentence after a period still starts), so
// rules see the sentence shape but none of the technical content.
func proseText(text string) string {
	var b strings.Builder
	for _, bl := range splitBlocks(text) {
		if bl.kind != prose {
			b.WriteString("\n")
			continue
		}
		b.WriteString(maskProse(bl.text))
	}
	return b.String()
}

// maskProse replaces code spans and URLs in a prose block.
func maskProse(s string) string {
	var b strings.Builder
	last := 0
	for _, sp := range codeSpans(s) {
		b.WriteString(maskURLs(s[last:sp.start]))
		b.WriteString("Code")
		last = sp.end
	}
	b.WriteString(maskURLs(s[last:]))
	return b.String()
}

func maskURLs(s string) string {
	return urlRE().ReplaceAllString(s, "Link")
}
