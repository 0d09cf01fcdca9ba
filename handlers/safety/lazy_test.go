package safety

import "testing"

// TestRulesCompileOnFirstUse checks that a redactor compiles a rule's
// patterns only once a line holds one of its keywords: a server whose
// workers redact only their own error texts keeps about 5 MB of compiled
// programs out of memory.
func TestRulesCompileOnFirstUse(t *testing.T) {
	// Fresh rules: the shared ones were compiled by the tests before.
	leaks, err := loadGitleaksRules()
	if err != nil {
		t.Fatal(err)
	}
	r := newRedactor(append(compileSpecs(), leaks...), nil, []string{"an-own-secret-value"})
	compiled := func() (n int) {
		for _, ru := range r.rules {
			for _, l := range []*lazyRegexp{ru.re, ru.lead, ru.win.tail} {
				if l != nil && l.re != nil {
					n++
				}
			}
		}
		return n
	}
	if got := r.Redact("dial tcp 127.0.0.1:9: connect: connection refused"); got == "" {
		t.Fatal("empty redaction")
	}
	if n := compiled(); n != 0 {
		t.Errorf("%d patterns compiled for a text that names no rule's keyword", n)
	}
	// A line with gitleaks' slack keyword compiles the rules it names, and
	// they still find their secret.
	line := "SLACK_WEBHOOK=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"
	if got := r.Redact(line); got == line {
		t.Errorf("Slack webhook not redacted: %q", got)
	}
	if compiled() == 0 {
		t.Error("no pattern compiled after a line holding a keyword")
	}
}
