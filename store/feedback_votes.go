package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/prcoach/prcoach/handlers/feedback"
)

// Votes on PR Coach's comments: one row per comment in
// prcoach_feedback_votes with its labels (never its body) and the current
// tally of people's 👍 and 👎.

var _ feedback.VoteStore = (*Store)(nil)

// bit stores a bool as 0 or 1 in either dialect.
func bit(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Label stores what a comment said when PR Coach posts or updates it,
// keeping its tally.
func (s *Store) Label(ctx context.Context, c feedback.CommentRef, l feedback.Labels, postedAt time.Time) error {
	defer s.shared()()
	doc, err := json.Marshal(l)
	if err != nil {
		return fmt.Errorf("labelling a comment: %w", err)
	}
	if _, err := s.exec(ctx, `INSERT INTO prcoach_feedback_votes (comment_id, review, repo, pr, labels, posted_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (comment_id, review) DO UPDATE SET
			labels = excluded.labels, posted_at = excluded.posted_at, repo = excluded.repo, pr = excluded.pr`,
		c.ID, bit(c.Review), c.Repo, c.PR, string(doc), postedAt.UnixMilli()); err != nil {
		return fmt.Errorf("labelling a comment: %w", err)
	}
	return nil
}

// SaveTally replaces the comment's tally with t, read at readAt; it never
// adds to the old one.
func (s *Store) SaveTally(ctx context.Context, c feedback.CommentRef, t feedback.Tally, readAt time.Time) error {
	defer s.shared()()
	if _, err := s.exec(ctx, `INSERT INTO prcoach_feedback_votes (comment_id, review, repo, pr, up, down, read_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (comment_id, review) DO UPDATE SET
			up = excluded.up, down = excluded.down, read_at = excluded.read_at`,
		c.ID, bit(c.Review), c.Repo, c.PR, t.Up, t.Down, readAt.UnixMilli()); err != nil {
		return fmt.Errorf("saving a comment's votes: %w", err)
	}
	return nil
}

// MarkCorrected notes that a maintainer said `/explain wrong` about the
// comment.
func (s *Store) MarkCorrected(ctx context.Context, c feedback.CommentRef) error {
	defer s.shared()()
	if _, err := s.exec(ctx, `INSERT INTO prcoach_feedback_votes (comment_id, review, repo, pr, corrected)
		VALUES (?, ?, ?, ?, 1) ON CONFLICT (comment_id, review) DO UPDATE SET corrected = 1`,
		c.ID, bit(c.Review), c.Repo, c.PR); err != nil {
		return fmt.Errorf("marking a comment corrected: %w", err)
	}
	return nil
}

// Records returns the records of comments on PRs of repo ("" for every
// repository), oldest comment first.
func (s *Store) Records(ctx context.Context, repo string) ([]feedback.Record, error) {
	return s.FeedbackRecords(ctx, RecordQuery{Repo: repo})
}

// RecordQuery picks vote records; zero fields pick all.
type RecordQuery struct {
	Repo string
	// PostedSince keeps comments posted or updated at or after it.
	PostedSince time.Time
	// ReadBefore keeps comments whose votes were last read before it
	// (never read included).
	ReadBefore time.Time
	// Limit keeps the most recently posted ones (0: no limit).
	Limit int
}

// FeedbackRecords returns the vote records q picks, oldest comment first:
// a bounded read for the dashboard and the sweep.
func (s *Store) FeedbackRecords(ctx context.Context, q RecordQuery) ([]feedback.Record, error) {
	defer s.shared()()
	query := `SELECT comment_id, review, repo, pr, labels, up, down, corrected, posted_at, read_at FROM prcoach_feedback_votes WHERE 1 = 1`
	var args []any
	if q.Repo != "" {
		query += ` AND repo = ?`
		args = append(args, q.Repo)
	}
	if !q.PostedSince.IsZero() {
		query += ` AND posted_at >= ?`
		args = append(args, q.PostedSince.UnixMilli())
	}
	if !q.ReadBefore.IsZero() {
		query += ` AND read_at < ?`
		args = append(args, q.ReadBefore.UnixMilli())
	}
	query += ` ORDER BY posted_at DESC, comment_id DESC`
	if q.Limit > 0 {
		query += ` LIMIT ?`
		args = append(args, q.Limit)
	}
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("reading votes: %w", err)
	}
	defer rows.Close()
	var out []feedback.Record
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading votes: %w", err)
	}
	slices.Reverse(out)
	return out, nil
}

// scanRecord reads one row of FeedbackRecords' query.
func scanRecord(rows *sql.Rows) (feedback.Record, error) {
	var r feedback.Record
	var review, corrected int
	var labels string
	var posted, read int64
	if err := rows.Scan(&r.Comment.ID, &review, &r.Comment.Repo, &r.Comment.PR, &labels,
		&r.Tally.Up, &r.Tally.Down, &corrected, &posted, &read); err != nil {
		return r, fmt.Errorf("reading votes: %w", err)
	}
	if err := json.Unmarshal([]byte(labels), &r.Labels); err != nil {
		return r, fmt.Errorf("reading a comment's labels: %w", err)
	}
	r.Comment.Review, r.Corrected = review == 1, corrected == 1
	r.PostedAt, r.ReadAt = millis(posted), millis(read)
	return r, nil
}

// millis turns stored Unix milliseconds into a time, 0 into the zero time.
func millis(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms)
}

// InstallationFor returns the installation that covers repo ("owner/name"):
// the one installed on its owner's account, else the one its latest
// delivery came from; 0 when none is known.
func (s *Store) InstallationFor(ctx context.Context, repo string) (int64, error) {
	defer s.shared()()
	owner, _, _ := strings.Cut(repo, "/")
	var id int64
	err := s.queryRow(ctx, `SELECT COALESCE(MAX(id), 0) FROM prcoach_installations WHERE LOWER(account) = LOWER(?)`, owner).Scan(&id)
	if err == nil && id == 0 {
		err = s.queryRow(ctx, `SELECT COALESCE(MAX(installation_id), 0) FROM prcoach_deliveries WHERE repository = ?`, repo).Scan(&id)
	}
	if err != nil {
		return 0, fmt.Errorf("finding the installation of %s: %w", repo, err)
	}
	return id, nil
}

// Corrections: maintainers' `/explain wrong`, one row per person and
// comment in prcoach_feedback_corrections.

var _ feedback.CorrectionStore = (*Store)(nil)

// AddCorrection keeps c, replacing the same person's earlier correction of
// the same comment.
func (s *Store) AddCorrection(ctx context.Context, c feedback.Correction) error {
	defer s.shared()()
	doc, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("keeping a correction: %w", err)
	}
	if _, err := s.exec(ctx, `INSERT INTO prcoach_feedback_corrections (comment_id, review, actor, repo, pr, correction, at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (comment_id, review, actor) DO UPDATE SET
			correction = excluded.correction, at = excluded.at`,
		c.Comment.ID, bit(c.Comment.Review), strings.ToLower(c.Actor), c.Comment.Repo, c.Comment.PR,
		string(doc), c.At.UnixMilli()); err != nil {
		return fmt.Errorf("keeping a correction: %w", err)
	}
	return nil
}

// Corrections returns the corrections of comments on a pull request,
// oldest first.
func (s *Store) Corrections(ctx context.Context, repo string, pr int) ([]feedback.Correction, error) {
	defer s.shared()()
	rows, err := s.query(ctx, `SELECT correction FROM prcoach_feedback_corrections WHERE repo = ? AND pr = ? ORDER BY at, comment_id`, repo, pr)
	if err != nil {
		return nil, fmt.Errorf("reading corrections: %w", err)
	}
	defer rows.Close()
	var out []feedback.Correction
	for rows.Next() {
		var doc string
		var c feedback.Correction
		if err := rows.Scan(&doc); err != nil {
			return nil, fmt.Errorf("reading corrections: %w", err)
		}
		if err := json.Unmarshal([]byte(doc), &c); err != nil {
			return nil, fmt.Errorf("reading a correction: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading corrections: %w", err)
	}
	return out, nil
}

// ForgetComment drops the vote record of a comment that no longer exists
// on GitHub, so the sweep stops asking for it.
func (s *Store) ForgetComment(ctx context.Context, c feedback.CommentRef) error {
	defer s.shared()()
	if _, err := s.exec(ctx, `DELETE FROM prcoach_feedback_votes WHERE comment_id = ? AND review = ?`, c.ID, bit(c.Review)); err != nil {
		return fmt.Errorf("forgetting a deleted comment: %w", err)
	}
	return nil
}
