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
