package ci

import (
	"strings"
	"testing"
)

func TestTitleQuote(t *testing.T) {
	tests := []struct{ name, line, want string }{
		{"short line as it is", "broken link: docs/index.md -> /missing", "broken link: docs/index.md -> /missing"},
		{"bracketed level left out", "[error] Failed: Total 16, Failed 2, Errors 0, Passed 14", "Failed: Total 16, Failed 2, Errors 0, Passed 14"},
		{"Actions error mark left out", "##[error]Something failed", "Something failed"},
		{"a level word stays", "ERROR: One or more tests failed", "ERROR: One or more tests failed"},
		{"long path cut to its end", "[error] /home/travis/build/acme/shop/src/main/scala/shop/Cart.scala:10:8: not found: type Item",
			"…/shop/Cart.scala:10:8: not found: type Item"},
		{"long line cut after a word",
			"the generated header for the payments module no longer fits the schema that the gateway expects from every client",
			"the generated header for the payments module no longer fits the schema that the gateway…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := titleQuote(tt.line); got != tt.want {
				t.Errorf("titleQuote(%q) = %q, want %q", tt.line, got, tt.want)
			}
		})
	}
}

// A line of one long word is cut at the limit, not left whole.
func TestTitleQuoteCutsOneLongWord(t *testing.T) {
	got := titleQuote(strings.Repeat("x", 300))
	if n := len([]rune(got)); n != maxQuote+1 || !strings.HasSuffix(got, "…") {
		t.Errorf("got %d characters %q, want %d and a trailing …", n, got, maxQuote+1)
	}
}

func TestInRepository(t *testing.T) {
	tests := []struct{ name, path, want string }{
		{"travis linux", "/home/travis/build/acme/shop/src/cart.c", "src/cart.c"},
		{"travis macos", "/Users/travis/build/acme/app/Sources/Cart.swift", "Sources/Cart.swift"},
		{"actions linux", "/home/runner/work/shop/shop/pkg/cart.go", "pkg/cart.go"},
		{"actions windows", `D:\a\shop\shop\src\Cart.cs`, `src\Cart.cs`},
		{"gitlab", "/builds/acme/shop/lib/cart.rb", "lib/cart.rb"},
		{"jenkins", "/var/lib/jenkins/workspace/shop-pr/src/Cart.java", "src/Cart.java"},
		{"relative path as it is", "src/cart.c", "src/cart.c"},
		{"another absolute path as it is", "/usr/include/stdio.h", "/usr/include/stdio.h"},
		{"the checkout folder alone as it is", "/home/travis/build/acme/shop/", "/home/travis/build/acme/shop/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := inRepository(tt.path); got != tt.want {
				t.Errorf("inRepository(%q) = %q, want %q", tt.path, got, tt.want)
			}
		})
	}
}

func TestNotAKeyLine(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"+ make test", true},
		{"+t/validator --trace2_event_file=/tmp/x", true},
		{"$ npm test", true},
		{"--- a/layers/+lang/ruby/README.org", true},
		{"@@ -543,7 +543,7 @@", true},
		{"flag provided but not defined: -trace2_event_file", false},
		{"--- FAIL: TestSort (0.00s)", false},
		{"error: could not compile `parser`", false},
		{"npm ERR! Test failed.  See above for more details.", true},
		{"npm ERR! Linux 4.8.12-040812-generic", true},
		{"make: *** [test] Error 1", true},
		{"npm ERR! 404 Not Found - GET https://registry.npmjs.org/left-pad", false},
	}
	for _, tt := range tests {
		if got := notAKeyLine(tt.line); got != tt.want {
			t.Errorf("notAKeyLine(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestTitleRank(t *testing.T) {
	tests := []struct {
		line string
		want int
	}{
		{"at Object.filter (/home/runner/work/app/app/node_modules/walk/index.js:72:15)", rankPoor},
		{"at org.acme.CartTest.total(CartTest.java:41)", rankPoor},
		{`File "/usr/lib/python3/dist-packages/nose/case.py", line 197, in runTest`, rankPoor},
		{"/home/travis/build/acme/shop/lib/tasks/qunit.rake:92:in `block in <main>'", rankPoor},
		{"test/helpers.lua:156: in function 'check_logs'", rankPoor},
		{`eval((let ((debug-on-error t)) (load-file user-init-file)))`, rankPoor},
		{`(let ((debug-on-error t) (url-show-status nil)) (load-file user-init-file))`, rankPoor},
		{"Calls: test_check ... lapply -> FUN -> source_file -> eval", rankPoor},
		{"Linting 'Cart.swift' (12/240)", rankPoor},
		{"selections/new-below-above                        PASS", rankPoor},
		{"OS Name:     Mac OS X", rankPoor},
		{`"symbol_kind": "source.lang.swift.decl.function.free",`, rankPoor},
		{"diff --git a/src/cart.c b/src/cart.c", rankPoor},
		{"Congratulations!  All commits are properly signed with the DCO!", rankPoor},
		{"Successfully built 3bd5ba0a82f0", rankPoor},
		{"Step 39 : COPY . /go/src/github.com/acme/app", rankPoor},
		{"ERROR: script returned exit code -1", rankPoor},
		{"gcc -o lua lua.o liblua.a -lm -ldl", rankPoor},
		{"src/Init.hs:94:5: warning: [-Wdeprecations]", rankPoor},
		{"12. [L3319] 301 https://example.com/a  → https://example.com/b", rankPoor},
		{"[16:43:46] t9200-cvs.sh ......... skipped: cvs not found", rankPoor},
		{`ERROR: "lint:css" exited with 1.`, rankPoor},
		{`Error: "CMake failed with error code: '1'.`, rankPoor},
		{`##[error]Bash exited with code '1'.`, rankPoor},
		{"#!/bin/bash -eo pipefail", rankPoor},
		{"Task         : Command line", rankPoor},
		{"[debug]task result: Failed", rankPoor},
		{"##[debug]Exit code 1 received from tool '/bin/bash'", rankPoor},
		{"-- Configuring incomplete, errors occurred!", rankFailure},
		{"^---- failure generated from test/lint/lint-whitespace.sh", rankPoor},
		{"Undocumented declarations:", rankNeutral},
		{"| ~SPC m t t~ | run the test at point |", rankPoor},
		{"** Running the tests", rankPoor},
		{"## Failed tests", rankStatus},
		{"** (Mix) mix format failed due to --check-formatted.", rankFailure},
		{"Makefile:252: recipe for target 'test_formatted' failed", rankStatus},
		{"lib/verify/check.js:0:0: /home/travis/build/acme/app/node_modules/parser/lib/token.js:56", rankNeutral},
		{"visual-mode/orientation                           FAIL", rankFailure},
		{"[  ERROR   ] 1 error, listed below:", rankStatus},
		{"FAIL\texample.com/shop/cart [build failed]", rankStatus},
		{"06. [L1623] 404 https://www.example-gone.com", rankFailure},
		{"Package size limit has exceeded by 934 B", rankFailure},
		{"An error occured while installing Cake.", rankFailure},
		{"src/cart/cart_test.go:4: log redeclared as imported package name", rankFailure},
		{"test/helpers.lua:156: assertion failed!", rankFailure},
		{"flag provided but not defined: -trace2_event_file", rankFailure},
		{"src/cart.c:12:5: warning: unused variable 'n' [-Werror=unused-variable]", rankFailure},
		{"Tests: 0 failures, 12 passed", rankPoor},
	}
	for _, tt := range tests {
		if got := titleRank(tt.line); got != tt.want {
			t.Errorf("titleRank(%q) = %d, want %d", tt.line, got, tt.want)
		}
	}
}

// The title quotes the window's line that says what went wrong, over one
// the scorer rates higher that only sits next to it; a window of poor
// lines alone is quoted by none.
func TestKeyLinePrefersWhatWentWrong(t *testing.T) {
	m := &LineModel{W: make([]float32, 1<<ModelBits)}
	m.W[1], m.W[2] = 3, 1
	run := []ScoredLine{
		{N: 1, Text: " OS Name:     Mac OS X", Feats: []uint32{1}},
		{N: 2, Text: "An error occurred while installing the tool.", Feats: []uint32{2}},
		{N: 3, Text: "  at Object.load (/src/node_modules/x/index.js:4:13)", Feats: []uint32{1}},
	}
	s := &scanner{model: m}
	if got, _ := s.keyLine(run, Window{From: 0, To: 2, Key: 0}); got != "An error occurred while installing the tool." {
		t.Errorf("keyLine = %q, want the error line", got)
	}
	poor := []ScoredLine{run[0], run[2]}
	if got, _ := s.keyLine(poor, Window{From: 0, To: 1, Key: 0}); got != "" {
		t.Errorf("keyLine of poor lines = %q, want none", got)
	}
}
