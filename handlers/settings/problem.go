package settings

import (
	"fmt"
	"slices"
	"strings"

	"github.com/prcoach/prcoach/handlers/typo"
)

// Problem is one mistake in a settings file, worded for the repository's
// maintainers.
type Problem struct {
	// Line is the 1-based line the mistake is on; 0 when it is about the
	// whole file.
	Line int `json:"line,omitempty"`
	// Key is the setting's path, such as "tone.threshold" or
	// "known_failures[2].pattern" (list positions count from 1); empty when
	// the mistake is not about one key.
	Key string `json:"key,omitempty"`
	// Message says what is wrong and how to fix it, as a full sentence.
	Message string `json:"message"`
}

// String renders the problem as "line 4, tone.mode: message".
func (p Problem) String() string { return p.In("en") }

// ParseError is a settings file that could not be used. It is the
// repository's own mistake, not a failure to retry: the caller goes on with
// the defaults and tells the repository once (Source.SHA changes with each
// version of the file, so "once" can be per version).
type ParseError struct {
	// Source is where the file was read from; zero for [Parse] alone.
	Source Source `json:"source"`
	// Problems are every mistake found, in file order where practical.
	Problems []Problem `json:"problems"`
	// Language is the reply language the file asks for when that setting
	// itself is sound ("en" otherwise): the defaults apply, but what PR
	// Coach writes, these problems included, is in that language.
	Language string `json:"language,omitempty"`
}

// Error lists every problem, one per line, after a line that names the
// file.
func (e *ParseError) Error() string { return e.In("en") }

// defaults are the settings that apply while the file has mistakes: the
// defaults, in the language the file asks for.
func (e *ParseError) defaults() Settings {
	s := Default()
	if e.Language != "" {
		s.language = e.Language
	}
	return s
}

// problems collects mistakes while a file is checked.
type problems struct {
	list []Problem
	// lines maps a key path to the line it is on.
	lines map[string]int
	// typed holds the keys whose value has the wrong type: YAML leaves a
	// zero in their place, which must not be judged again as a value.
	typed map[string]bool
}

// addType records that key's value has the wrong type.
func (ps *problems) addType(line int, key, format string, args ...any) {
	if ps.typed == nil {
		ps.typed = map[string]bool{}
	}
	ps.typed[key] = true
	ps.addAt(line, key, format, args...)
}

// add records a problem with a value at the line of key (or of its nearest
// parent), unless the key or a parent already has the wrong type.
func (ps *problems) add(key, format string, args ...any) {
	for k := key; k != ""; k = parentKey(k) {
		if ps.typed[k] {
			return
		}
	}
	ps.list = append(ps.list, Problem{Line: ps.line(key), Key: key, Message: fmt.Sprintf(format, args...)})
}

// addAt records a problem at an explicit line.
func (ps *problems) addAt(line int, key, format string, args ...any) {
	ps.list = append(ps.list, Problem{Line: line, Key: key, Message: fmt.Sprintf(format, args...)})
}

// line finds the line of key, falling back to its parents.
func (ps *problems) line(key string) int {
	for key != "" {
		if l, ok := ps.lines[key]; ok {
			return l
		}
		key = parentKey(key)
	}
	return 0
}

// parentKey drops the last part of a key path: "a.b[2]" → "a.b" → "a".
func parentKey(key string) string {
	if i := strings.LastIndexAny(key, ".["); i >= 0 {
		return key[:i]
	}
	return ""
}

// err returns the problems as a *ParseError, or nil when there are none.
func (ps *problems) err() *ParseError {
	if len(ps.list) == 0 {
		return nil
	}
	list := slices.Clone(ps.list)
	slices.SortStableFunc(list, func(a, b Problem) int { return a.Line - b.Line })
	return &ParseError{Problems: list}
}

// suggest returns ` Did you mean "x"?` for the known name closest to got,
// or "" when none is close.
func suggest(got string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if strings.EqualFold(k, got) {
			return fmt.Sprintf(" Did you mean %q?", k)
		}
		if d := distance(strings.ToLower(got), k); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" Did you mean %q?", best)
}

// distance is the typo distance between a and b, capped for long inputs
// (names longer than 64 bytes are never a typo of a setting).
func distance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64
	}
	return typo.Distance([]rune(a), []rune(b))
}
