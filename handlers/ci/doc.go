// Package ci reads CI logs and explains why a build failed.
//
// It is the pure analysis core of PR Coach: a single streaming pass over a
// raw log (GitHub Actions job logs, plain logs of other CI systems, or a
// check run's own output) finds the few lines that say why the build
// failed, classifies the cause against a knowledge base kept as embedded
// YAML, and [Decide] weighs that together with evidence from other runs to
// say whether the change itself is the likely cause.
//
// Memory stays bounded whatever the log's size: lines are read through a
// fixed buffer, a line longer than [MaxLineKept] bytes is kept as a prefix
// only, a ring of recent lines gives context, and only a bounded number of
// matches is kept.
//
// Speed comes from not running regular expressions on lines that cannot
// match: a screen checks every pattern's necessary conditions on the raw
// bytes first (how an anchored match starts, a required literal verified in
// full, the byte that must follow it), and a line without ANSI sequences or
// control bytes is matched in place, without a copy or a string. The
// literals are looked for at every second byte position (each is keyed by
// two adjacent windows), in the same pass that tells a plain line.
//
// Line numbers are 1-based and count lines of the raw input split on
// "\r\n", "\r" or "\n"; a final separator does not start another line.
package ci
