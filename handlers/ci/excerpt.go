package ci

import (
	"slices"
	"strings"
)

// excerpts chooses the blocks to show, within excerptBudget lines: the
// primary error's lines, the naming hit's lines, a few further root errors,
// and the last consequence line when nothing else was found.
func (s *scanner) excerpts(primary, named *hit) []Excerpt {
	var chosen []*block
	lines := 0
	take := func(b *block) bool {
		if b == nil || slices.Contains(chosen, b) {
			return false
		}
		n := b.end - b.start + 1
		if lines+n > excerptBudget {
			if len(chosen) > 0 {
				return false
			}
			b = trimBlock(b, excerptBudget)
			n = excerptBudget
		}
		chosen = append(chosen, b)
		lines += n
		return true
	}
	take(primary.blk)
	take(named.blk)
	roots := 1
	for _, h := range s.roots {
		if roots >= maxRootBlocks {
			break
		}
		if take(h.blk) {
			roots++
		}
	}
	if len(s.roots) == 0 {
		for _, h := range s.others {
			if h.role == roleGeneric && len(chosen) < maxRootBlocks {
				take(h.blk)
			}
		}
	}
	return merge(chosen)
}

// trimBlock keeps the first n lines of b.
func trimBlock(b *block, n int) *block {
	c := *b
	c.lines = c.lines[:n]
	c.end = c.start + n - 1
	return &c
}

// merge sorts blocks by line and joins overlapping or adjacent ones.
func merge(blocks []*block) []Excerpt {
	slices.SortFunc(blocks, func(a, b *block) int { return a.start - b.start })
	var out []Excerpt
	var cur []string
	start, end := 0, -1
	flush := func() {
		if len(cur) > 0 {
			out = append(out, Excerpt{StartLine: start, EndLine: end, Text: strings.Join(cur, "\n")})
		}
	}
	for _, b := range blocks {
		if len(cur) > 0 && b.start <= end+1 {
			for i, t := range b.lines {
				if n := b.start + i; n > end {
					cur = append(cur, t)
					end = n
				}
			}
			continue
		}
		flush()
		cur = append([]string(nil), b.lines...)
		start, end = b.start, b.end
	}
	flush()
	if out == nil {
		out = []Excerpt{}
	}
	return out
}
