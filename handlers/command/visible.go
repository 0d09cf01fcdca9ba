package command

import (
	"iter"

	"github.com/prcoach/prcoach/handlers/markdown"
)

// visibleLines yields, in order, each line of body that starts in visible
// text, as package markdown reads it: in a paragraph outside quotes, code
// blocks, raw HTML blocks, code spans and HTML comments.
func visibleLines(body string) iter.Seq[markdown.Line] {
	return func(yield func(markdown.Line) bool) {
		var buf []markdown.Span
		for b := range markdown.Blocks(body) {
			if b.Kind != markdown.Paragraph {
				continue
			}
			buf = markdown.AppendInline(buf[:0], b.Lines)
			spans := buf
			for _, ln := range b.Lines {
				// Spans are in order, so the first that ends past the line's
				// start is the only one that may cover it.
				for len(spans) > 0 && spans[0].End <= ln.Start {
					spans = spans[1:]
				}
				if len(spans) > 0 && spans[0].Start < ln.Start {
					continue
				}
				if !yield(ln) {
					return
				}
			}
		}
	}
}
