// Package command parses PR Coach's `/explain` command out of a comment body:
// a pull request comment, a review's body or a review comment.
//
// Parsing is strict, so the app never answers a command nobody gave. A line
// is a command when, as GitHub renders the Markdown (read by package
// markdown, which tone and safety share), it starts with the word
// `/explain` (any case) in visible text:
//
//   - Line endings are "\r\n", "\r" or "\n"; Result.Line counts lines that
//     way, from 1. A byte-order mark at the start of the body is ignored.
//   - Up to 3 columns of leading spaces or tabs are allowed (a tab advances
//     to the next multiple of 4). Four or more columns make an indented code
//     block in Markdown, so such a line is never a command, even where
//     Markdown would render it as text.
//   - The first word must be `/explain`, optionally followed by sentence
//     punctuation (`/explain.`, `/explain:`); `/explainer`, `/explain-all`
//     and `/explain.go` are other words and are ignored. A mid-line
//     `/explain` is not a command.
//   - Quoted lines (`>`, nested `> >`) never count, and neither does a line
//     that directly follows quoted text without a blank line: Markdown's lazy
//     continuation renders it inside the quote (a heading, list item, fence
//     or raw HTML block ends the quote instead).
//   - Fenced code blocks (three or more backticks or tildes; the closing
//     fence uses the same character and is at least as long; an unclosed
//     fence runs to the end, or to the end of the list item or quote it
//     opened in; a fence may open right after a list item's marker),
//     indented code blocks and code spans (including ones that run across
//     the lines of a paragraph) hide the lines they cover.
//   - So do HTML comments: one that starts a line runs to its `-->` across
//     blank lines, or to the end of the body; one that starts mid-line ends
//     within its paragraph or is plain text. Raw <pre>, <script>, <style>
//     and <textarea> blocks hide their lines too.
//
// Where the Markdown is ambiguous the parser errs towards Ignore: a missed
// command costs a retype, a false one costs a reply nobody asked for.
//
// Only the first command line counts. Its rest, trimmed, decides the kind:
// nothing means Explain everything, `help` (any case, also `--help`, `-h`)
// means Help, `flaky` alone means Flaky, `wrong` as the first word means
// Wrong with the rest as its Reason (`/explain wrong: the runner ran out of
// disk`), anything else is a check name, with one layer of surrounding
// quotes or backticks removed (so `/explain "flaky"` and `/explain flaky
// tests` name checks). Flaky and Wrong are for maintainers only; see
// Kind.MaintainersOnly. Options (`--all`), names longer than
// MaxNameLen characters, control or invisible characters, invalid UTF-8 and
// unmatched or empty quotes are Malformed, and so is a reason longer than
// MaxReasonLen or with such characters, with a Problem in plain words that
// never repeats the user's text.
package command
