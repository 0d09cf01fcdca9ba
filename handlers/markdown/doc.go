// Package markdown is PR Coach's one reader of comment Markdown: it tells
// which bytes of a body GitHub renders as text and which it shows as code,
// quotes or hides. The command parser, the tone scorer and the output
// sanitiser all read comments through it, so one comment is never code to
// one of them and prose to another.
//
// It follows CommonMark (and so GitHub) for what decides that:
//
//   - Lines end at "\r\n", "\r" or "\n". Leading tabs advance to the next
//     multiple of 4 columns.
//   - Fenced code blocks: three or more backticks or tildes indented less
//     than 4 columns (a backtick fence's info string holds no backtick),
//     closed by a fence of the same character at least as long with nothing
//     but spaces after it. An unclosed fence runs to the end of the text, or
//     to the end of the list item or block quote it opened in.
//   - Indented code blocks: 4 or more columns in from the margin (or from a
//     list item's content), where a paragraph is not being continued.
//   - Block quotes: lines starting with `>` (nested `> >` too), and the lazy
//     continuation lines that follow quoted paragraph text without a blank
//     line. A quote's content is read again as Markdown (Block.Inner).
//   - HTML blocks that hide or freeze their lines: comments (`<!--` to the
//     first `-->`, across blank lines), and <pre>, <script>, <style> and
//     <textarea> elements up to any of their end tags.
//   - Inline code spans (a run of n backticks up to the next run of exactly
//     n in the same paragraph; a backslash-escaped backtick opens none) and
//     inline HTML comments (ending within their paragraph), whichever starts
//     first.
//
// Everything else is Paragraph text: paragraphs, headings, thematic breaks
// and list items with their markers. Other HTML blocks are read as text,
// which errs towards showing (and so sanitising or scoring) more.
//
// The package is pure: no I/O, no state, no allocation beyond its results.
package markdown
