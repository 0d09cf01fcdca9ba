package app

import (
	"regexp"
	"strings"
)

// urlQuery finds the query (and fragment) of a URL in free text. Log
// download URLs carry a short-lived signature there.
var urlQuery = regexp.MustCompile(`(?i)(\bhttps?://[^\s"'<>?#]*)[?#][^\s"'<>]*`)

// withoutQueries removes the query and fragment of every URL in s.
func withoutQueries(s string) string {
	if !strings.Contains(s, "://") {
		return s
	}
	return urlQuery.ReplaceAllString(s, "${1}?…")
}

// scrubbedError is an error whose text lost its URL queries and secrets,
// and which still unwraps to the original for errors.Is and errors.As.
type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }

// scrubError returns err with a text fit for a log line, a stored row and
// River's job record: URL queries removed and secrets redacted.
func scrubError(err error, redact func(string) string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	clean := withoutQueries(msg)
	if redact != nil {
		clean = redact(clean)
	}
	if clean == msg {
		return err
	}
	return &scrubbedError{msg: clean, err: err}
}
