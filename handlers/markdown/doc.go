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
// and list items with their markers.
//
// Where it knows less than CommonMark, it says so here. Other HTML blocks
// (<div>, CDATA, any tag alone on a line) are read as text, which errs
// towards showing (and so sanitising or scoring) more. Inline HTML tags and
// autolinks are not read, so a backtick inside one may open a code span,
// which errs towards code. A block quote that opens right after a list
// item's marker ("- > a") is read as list item text. The spec comparison in
// spec_test.go measures the rest (set MARKDOWN_SPEC_JSON to run it).
//
// Each reader decides what to do with what it is told: the command parser
// hides quotes and lazy lines, the tone scorer treats a lazy line as the
// writer's own words (Block.IsLazy), and the sanitiser sanitises quotes and
// keeps only fenced code as it is.
//
// Why not github.com/yuin/goldmark (CommonMark with source offsets): on
// the command parser's 64 KiB bodies (handlers/command/bench_test.go) a
// goldmark parse and AST walk took 1.5 to 32 ms, 3 to 80 times this
// reader (0.2 to 1.1 ms); its AST gives no offsets for quote markers or
// code span backticks, which every caller needs; and on the CommonMark
// spec's examples for what it reads (see spec_test.go) this reader agrees
// on fences 29/29, indented code 12/12, block quotes 25/25, code spans
// 20/22, raw HTML 20/20 and HTML blocks 41/44, its misses all hiding more.
//
// The package is pure: no I/O and no state.
package markdown
