package handlers

import (
	"strings"
	"testing"

	"github.com/prcoach/prcoach/handlers/ci"
	"github.com/prcoach/prcoach/prompts"
)

func explainLines(t *testing.T, lines ...string) Explanation {
	t.Helper()
	ex, err := ExplainLog(strings.NewReader(strings.Join(lines, "\n")+"\n"), "ci.log")
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

// The comment offers a command only where the log holds one, and no next
// step leans on a command that is not there.
func TestCommentOffersOnlyCommandsTheLogHolds(t *testing.T) {
	rspec := []string{
		"...........F.............",
		"",
		"Failures:",
		"",
		"  1) Cart#total adds the prices",
		"     Failure/Error: expect(cart.total).to eq(30)",
		"       expected: 30",
		"            got: 20",
		"     # ./spec/models/cart_spec.rb:9:in `block (2 levels) in <top (required)>'",
		"",
		"Finished in 0.51 seconds (files took 1.2 seconds to load)",
		"12 examples, 1 failure",
	}
	failed := []string{"", "Failed examples:", "", "rspec ./spec/models/cart_spec.rb:7 # Cart#total adds the prices"}
	jest := []string{
		"#!/bin/bash -eo pipefail",
		"npm test",
		"",
		"> app@1.0.0 test",
		"> jest",
		"",
		"FAIL src/sum.test.js",
		"  ● adds 1 + 2",
		"    expect(received).toBe(expected) // Object.is equality",
		"    Expected: 3",
		"    Received: 4",
		"Tests:       1 failed, 1 total",
		"",
		"Exited with code exit status 1",
	}
	tests := []struct {
		name, reproduce string
		log             []string
	}{
		{"RSpec without its list of failed examples", "", rspec},
		{"RSpec with its list of failed examples", "rspec ./spec/models/cart_spec.rb:7", append(append([]string{}, rspec...), failed...)},
		// CircleCI prints the step's command ("npm test") under its shell
		// line, so the log holds the command that ran the test.
		{"Jest on CircleCI", "npm test -- -t 'adds 1 + 2'", jest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ex := explainLines(t, tc.log...)
			c := ex.Comment
			if strings.Contains(c, "command below") || strings.Contains(c, "command above") {
				t.Errorf("a step promises a command:\n%s", c)
			}
			line := "Reproduce it locally: `" + tc.reproduce + "`"
			if tc.reproduce == "" && strings.Contains(c, "Reproduce it locally") {
				t.Errorf("a command the log does not hold is offered:\n%s", c)
			}
			if tc.reproduce != "" && !strings.Contains(c, line) {
				t.Errorf("comment does not offer %q:\n%s", line, c)
			}
			if !strings.Contains(c, "Run only this") {
				t.Errorf("no next step says which test to run:\n%s", c)
			}
		})
	}
}

// A verdict reason never uses the title as its subject, in any language:
// a machine problem and a network problem get sentences of their own, and
// a change's failure names its kind, not a line of the raw log.
func TestReasonsReadWithoutTheTitle(t *testing.T) {
	logs := map[string][]string{
		"disk": {"##[group]Run go build ./...", "write /tmp/go-build1/b001/exe/a.out: no space left on device",
			"##[error]Process completed with exit code 1."},
		"network": {"##[group]Run go mod download",
			`go: github.com/acme/log@v1.1.12: Get "https://proxy.golang.org/github.com/acme/log/@v/v1.1.12.mod": dial tcp 142.250.72.17:443: i/o timeout`,
			"##[error]Process completed with exit code 1."},
		"change": {"##[group]Run go build ./...", "# example.com/app/cart", "cart/total.go:12:2: undefined: price",
			"##[error]Process completed with exit code 1."},
	}
	for _, lang := range prompts.Languages() {
		reasons := map[string]string{}
		for kind, log := range logs {
			ex := explainLines(t, log...)
			fc := describe(prompts.FailingCheck{Name: "ci"}, ex.Analysis, ex.Verdict, lang)
			reasons[kind] = fc.Reason
			if fc.Reason == "" || strings.Contains(fc.Reason, fc.Title) || strings.Contains(fc.Reason, ex.Analysis.Title) {
				t.Errorf("%s %s: reason %q uses the title %q", lang, kind, fc.Reason, fc.Title)
			}
			if want := ex.Verdict.Key; lang != "en" && fc.Reason == ex.Verdict.Reason {
				t.Errorf("%s %s: reason %s stayed in English: %q", lang, kind, want, fc.Reason)
			}
		}
		if reasons["disk"] == reasons["network"] {
			t.Errorf("%s: a full disk and a network failure get the same reason %q", lang, reasons["disk"])
		}
		if strings.Contains(reasons["change"], "3") {
			t.Errorf("%s: the change's reason names a log line: %q", lang, reasons["change"])
		}
	}
	if en := explainLines(t, logs["disk"]...).Verdict; en.Key != ci.ReasonInfra || strings.Contains(en.Reason, "network") {
		t.Errorf("a full disk: %+v", en)
	}
}

// When nothing in the log names a known failure, the comment speaks about
// the log, not about PR Coach's own patterns or advice, in every language.
func TestUnplacedFailureSpeaksOfTheLog(t *testing.T) {
	logs := map[string][]string{
		"no cause": {"starting the widget sprocket", "widget sprocket misaligned by 3 teeth", "giving up now"},
		"generic error": {"##[group]Run ./build.sh", "error: widget sprocket misaligned by 3 teeth",
			"##[error]Process completed with exit code 1."},
	}
	for _, lang := range prompts.Languages() {
		for kind, log := range logs {
			ex := explainLines(t, log...)
			fc := describe(prompts.FailingCheck{Name: "ci"}, ex.Analysis, ex.Verdict, lang)
			for _, text := range append([]string{fc.Reason, fc.Explanation}, fc.NextSteps...) {
				if strings.Contains(text, "PR Coach") {
					t.Errorf("%s %s: %q speaks of PR Coach, not of the failure", lang, kind, text)
				}
			}
		}
	}
	if v := explainLines(t, logs["no cause"]...).Verdict; v.Key != ci.ReasonNoMatch {
		t.Errorf("a log with no known failure: verdict %+v, want the no-match reason", v)
	}
	if a := explainLines(t, logs["generic error"]...).Analysis; a.Cause == nil || a.Cause.ID != "generic-error" {
		t.Errorf("a bare error line: cause %+v, want generic-error", a.Cause)
	}
}
