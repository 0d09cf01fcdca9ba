// Package settings reads a repository's PR Coach settings,
// .github/prcoach.yml, and answers the questions handlers ask of them.
//
// The file is read from the repository's default branch only, never from a
// pull request's head, so a change cannot silence or reconfigure the app
// for itself. When the repository has no file, the same path in the
// owner's ".github" repository (owner/.github, file .github/prcoach.yml,
// read from that repository's default branch) is used, the way Probot's
// configuration plugin looks up organisation-wide settings; when neither
// exists the built-in defaults apply.
//
// Parsing is strict: the file must start with "version: 1", unknown keys,
// wrong types and bad values are errors that name the line, the key and
// the fix. A mistake never stops the app: the [Loader] hands back the
// defaults together with a [ParseError] that a handler reports once to the
// repository. An empty file (or one holding only comments) is such a
// mistake too: it says "version: 1 is required", because a file that
// exists was meant to say something.
package settings
