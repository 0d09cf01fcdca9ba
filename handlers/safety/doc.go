// Package safety holds the two nets every PR Coach output passes through,
// on every path that posts: secret redaction, so no credential from a log,
// a comment or the model leaves the app, and the output contract for
// comment bodies, so nothing posted can ping, embed or link where it
// should not.
//
// Redaction combines three layers: the app's own credentials matched
// literally, a focused set of patterns for the credential kinds that show up
// in CI logs (see rules.go), and gitleaks' default rule set. A secret is
// replaced by a placeholder such as [REDACTED:github-token]; line breaks are
// never added or removed, so line numbers of a redacted log stay valid.
//
// Sanitize enforces the output contract on Markdown the app posts: no live
// @-mentions, no images, links only to GitHub and the repository, no raw HTML
// except the app's marker and <details>/<summary> folds, closing keywords
// defused, bidi and zero-width characters removed and the length capped.
package safety
