package markdown

// Kind says what a Block or a Span is.
type Kind uint8

// Block kinds, then span kinds.
const (
	// Paragraph is rendered text: a paragraph (or a list item's), a heading
	// or a thematic break.
	Paragraph Kind = iota + 1
	// Blank is a line of nothing but spaces and tabs.
	Blank
	// Quote is a block quote: its lines and their lazy continuations.
	Quote
	// Fenced is a fenced code block, fences included.
	Fenced
	// Indented is an indented code block.
	Indented
	// HTML is a raw HTML block that hides or freezes its lines: a comment,
	// or a <pre>, <script>, <style> or <textarea> element.
	HTML
	// CodeSpan is an inline code span, backticks included.
	CodeSpan
	// Comment is an inline HTML comment, "<!--" and "-->" included.
	Comment
)

// String returns the kind's name.
func (k Kind) String() string {
	switch k {
	case Paragraph:
		return "Paragraph"
	case Blank:
		return "Blank"
	case Quote:
		return "Quote"
	case Fenced:
		return "Fenced"
	case Indented:
		return "Indented"
	case HTML:
		return "HTML"
	case CodeSpan:
		return "CodeSpan"
	case Comment:
		return "Comment"
	}
	return "Kind(?)"
}

// IsCode reports whether a block of kind k shows its lines as they are,
// with no Markdown inside: a code block or a raw HTML block.
func (k Kind) IsCode() bool { return k == Fenced || k == Indented || k == HTML }
