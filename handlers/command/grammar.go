package command

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/prcoach/prcoach/handlers/markdown"
)

// MaxNameLen is the longest check name, in characters, that /explain accepts.
const MaxNameLen = 200

// word is the command, in lower case.
const word = "/explain"

// Problems, in plain words. They never quote the user's text, so a reply can
// carry them without escaping.
const (
	problemOption = "`/explain` doesn't take options. On its own it explains every failing check; followed by a check's name, it explains that one."
	problemLong   = "That check name is longer than 200 characters, which is longer than any check's name."
	problemHidden = "The check name has invisible or control characters in it; typing it again usually clears them."
	problemQuotes = "The quotes around the check name don't match up."
	problemEmptyQ = "The quotes after `/explain` are empty; put the check's name inside them, or leave them out."
)

// parseLine reads one visible line; ok is false when it is not a command.
func parseLine(line string) (Result, bool) {
	ind, rest := markdown.Indentation(line)
	if ind >= 4 || !markdown.HasPrefixFold(rest, word) {
		return Result{}, false
	}
	end := strings.IndexFunc(rest, unicode.IsSpace)
	if end < 0 {
		end = len(rest)
	}
	// The first word is /explain, perhaps with sentence punctuation; any
	// other tail makes another word (/explainer, /explain-all, /explain.go).
	if strings.Trim(rest[len(word):end], ".!?:,;") != "" {
		return Result{}, false
	}
	r := classify(rest[end:])
	r.Raw = line
	return r, true
}

// classify decides the kind from the text after the command word.
func classify(args string) Result {
	arg := strings.TrimSpace(args)
	switch {
	case arg == "":
		return Result{Kind: Explain}
	case isHelp(arg):
		return Result{Kind: Help}
	case isWord(arg, "flaky"):
		return Result{Kind: Flaky}
	}
	if rest, ok := afterWord(arg, "wrong"); ok {
		return parseWrong(rest)
	}
	name, problem := checkName(arg)
	if problem != "" {
		return Result{Kind: Malformed, Problem: problem}
	}
	return Result{Kind: Explain, Arg: name}
}

// isHelp reports whether arg asks for usage.
func isHelp(arg string) bool {
	return strings.EqualFold(strings.TrimRight(arg, ".!?"), "help") ||
		strings.EqualFold(arg, "--help") || arg == "-h"
}

// checkName validates a check-name argument and strips its quotes. It
// returns the name, or a problem.
func checkName(arg string) (string, string) {
	switch {
	case !utf8.ValidString(arg) || strings.ContainsFunc(arg, hidden):
		return "", problemHidden
	case arg[0] == '-':
		return "", problemOption
	}
	name, problem := stripQuotes(arg)
	switch {
	case problem != "":
		return "", problem
	case utf8.RuneCountInString(name) > MaxNameLen:
		return "", problemLong
	}
	return name, ""
}

// hidden reports characters that have no place in a check name: control and
// format characters (zero-width spaces, bidirectional overrides) and line or
// paragraph separators.
func hidden(r rune) bool {
	return unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)
}

// stripQuotes removes one layer of matching quotes, or a run of backticks
// matched by an equal run, from around arg.
func stripQuotes(arg string) (string, string) {
	open, size := utf8.DecodeRuneInString(arg)
	want, ok := closingQuote(open)
	if !ok {
		return arg, ""
	}
	if open == '`' {
		size = len(arg) - len(strings.TrimLeft(arg, "`"))
	}
	inner := arg[size:]
	closing := strings.Repeat(string(want), size/utf8.RuneLen(open))
	if !strings.HasSuffix(inner, closing) {
		return "", problemQuotes
	}
	name := strings.TrimSpace(strings.TrimSuffix(inner, closing))
	if name == "" {
		return "", problemEmptyQ
	}
	return name, ""
}

// closingQuote returns the quote that closes open, and whether open is one.
func closingQuote(open rune) (rune, bool) {
	switch open {
	case '"', '\'', '`':
		return open, true
	case '“':
		return '”', true
	case '‘':
		return '’', true
	}
	return 0, false
}
