package command

import "strings"

// paragraph yields the lines of the paragraph starting at line l that begin
// outside a code span or inline HTML comment. It returns the line after the
// paragraph, and false when the consumer stopped.
func (w *walker) paragraph(l int) (int, bool) {
	end := w.paragraphEnd(l)
	clear(w.noCloser)
	w.noCommentEnd = false
	col := 0
	for l < end {
		if col == 0 && !w.yield(l) {
			return 0, false
		}
		l, col = w.scanLine(l, col, end)
	}
	return end, true
}

// scanLine reads line l from col and returns the next position where a line
// start can be judged: the start of the next line, or the position just past
// a code span or HTML comment that ends on a later line. Both end within
// the paragraph (which ends at line end), or are not what they seemed.
func (w *walker) scanLine(l, col, end int) (int, int) {
	line := w.lines[l]
	for col < len(line) {
		switch {
		case line[col] == '\\' && col+1 < len(line) && isASCIIPunct(line[col+1]):
			col += 2
		case line[col] == '`':
			n := runLen(line[col:], '`')
			cl, cc, ok := w.closer(l, col+n, end, n)
			switch {
			case !ok:
				col += n
			case cl > l:
				return cl, cc + n
			default:
				col = cc + n
			}
		case strings.HasPrefix(line[col:], "<!--"):
			// From col+2, so that the short forms <!--> and <!---> close too.
			cl, cc, ok := w.commentEnd(l, col+2, end)
			switch {
			case !ok:
				col += 4
			case cl > l:
				return cl, cc + 3
			default:
				col = cc + 3
			}
		default:
			col++
		}
	}
	return l + 1, 0
}

// closer finds the backtick run of exactly n that closes a code span opened
// before (l, col), within the paragraph ending at line end.
func (w *walker) closer(l, col, end, n int) (int, int, bool) {
	if w.noCloser[n] {
		return 0, 0, false
	}
	for ; l < end; l, col = l+1, 0 {
		line := w.lines[l]
		for {
			i := strings.IndexByte(line[col:], '`')
			if i < 0 {
				break
			}
			i += col
			m := runLen(line[i:], '`')
			if m == n {
				return l, i, true
			}
			col = i + m
		}
	}
	// Searches only move forward, so no later run of n can close either.
	if w.noCloser == nil {
		w.noCloser = make(map[int]bool)
	}
	w.noCloser[n] = true
	return 0, 0, false
}

// commentEnd returns the position of the first "-->" at or after (l, col),
// before line end.
func (w *walker) commentEnd(l, col, end int) (int, int, bool) {
	if w.noCommentEnd {
		return 0, 0, false
	}
	for ; l < end; l, col = l+1, 0 {
		if col > len(w.lines[l]) {
			continue
		}
		if i := strings.Index(w.lines[l][col:], "-->"); i >= 0 {
			return l, col + i, true
		}
	}
	w.noCommentEnd = true // as for closer: no later search can succeed
	return 0, 0, false
}

// isASCIIPunct reports whether Markdown lets a backslash escape c.
func isASCIIPunct(c byte) bool {
	return strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}
