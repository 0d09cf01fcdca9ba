package command

import (
	"strings"
	"testing"
)

func TestUsage(t *testing.T) {
	u := Usage()
	for _, want := range []string{"`/explain`", "`/explain help`", "check's name", "review thread", "`/explain flaky`", "`/explain wrong`", "Maintainers"} {
		if !strings.Contains(u, want) {
			t.Errorf("Usage() lacks %q:\n%s", want, u)
		}
	}
	if strings.Contains(u, "@") {
		t.Errorf("Usage() has an @, which could mention someone:\n%s", u)
	}
	if n := strings.Count(u, "!"); n > 0 {
		t.Errorf("Usage() has %d exclamation marks; the voice is calm", n)
	}
	if lines := strings.Count(u, "\n") + 1; lines > 10 {
		t.Errorf("Usage() is %d lines; keep it under 10", lines)
	}
	// Usage quotes commands in code spans, so quoting it back never triggers one.
	if r := Parse(u); r.Kind != Ignore {
		t.Errorf("Parse(Usage()) = %+v, want Ignore", r)
	}
}
