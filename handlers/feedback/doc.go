// Package feedback holds what PR Coach learns from the people it coaches
// and from a repository's own failures, without the database or the
// comment templates:
//
//   - Signatures: a failure's key error line normalised so two runs of the
//     same failure agree and different failures do not (SignatureOf).
//   - History: per repository and signature, how often the failure was
//     seen, on which PRs, how often the same commit passed on a re-run,
//     whether the base branch failed too and whether maintainers called it
//     flaky; and the evidence and verdict hint that follow (History.Evidence).
//     HistoryStore is the storage a database implements.
//   - Votes: the 👍 and 👎 people (never bots, never the app) gave a comment,
//     tallied as the current set per person so reading twice never counts
//     twice (Tally), kept per comment with labels and never bodies (Record).
//   - ReactionReader: reads those reactions from GitHub for a list of
//     comments, a page at a time, stopping at a rate limit; DueForSweep
//     picks the comments a gentle periodic sweep reads.
//   - Summarize and MetricSeries: the dashboard's "Helpful" figures,
//     worst-rated first, and the prcoach_feedback_total series.
//   - Corrections: a maintainer's `/explain wrong`, and Repeats, so a
//     corrected claim is not made again on that PR.
//
// VoteStore, HistoryStore and CorrectionStore are the storage a database
// implements; nothing here keeps state of its own.
package feedback
