package ci

import (
	"fmt"
	"strings"
	"testing"
)

// noise is n lines a build prints that explain nothing.
func noise(n int, format string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf(format, i)
	}
	return out
}

// covers reports whether the excerpts hold every line from..to.
func covers(ex []Excerpt, from, to int) bool {
	for n := from; n <= to; n++ {
		in := false
		for _, e := range ex {
			in = in || (e.StartLine <= n && n <= e.EndLine)
		}
		if !in {
			return false
		}
	}
	return true
}

// Test and compiler formats of other ecosystems are read as what they
// are, and the window holds them even when much output follows.
func TestToolFormats(t *testing.T) {
	tests := []struct {
		name      string
		command   string
		failure   []string
		category  string
		ecosystem string
		titleHas  string
	}{
		{
			name:    "scalac through sbt",
			command: "sbt ++2.13.1 test:compile",
			failure: []string{"[error] /home/travis/build/acme/shop/src/main/scala/shop/Cart.scala:10:8: object Logger is not a member of package acme.log",
				"[error] import acme.log.Logger", "[error]        ^"},
			category: "compile", ecosystem: "scala", titleHas: "Scala code does not compile",
		},
		{
			name:    "ScalaTest",
			command: "sbt test",
			failure: []string{"[info] - drops requests over the limit *** FAILED ***",
				"[info]   11 did not equal 10 (LimitTest.scala:72)"},
			category: "test", ecosystem: "scala", titleHas: "drops requests over the limit",
		},
		{
			name:    "MiMa",
			command: "sbt mimaReportBinaryIssues",
			failure: []string{"[error]  * class acme.Cart#Item does not have a correspondent in current version",
				`[error]   filter with: ProblemFilters.exclude[MissingClassProblem]("acme.Cart$Item")`},
			category: "compile", ecosystem: "scala", titleHas: "Binary compatibility",
		},
		{
			name:     "Common Test",
			command:  "make ct",
			failure:  []string{"cart_SUITE:adds_items failed on line 195", "Reason: expecting_nack_got_ack"},
			category: "test", ecosystem: "erlang", titleHas: "cart_SUITE:adds_items",
		},
		{
			name:     "GHC",
			command:  "stack build",
			failure:  []string{"src/Shop/Cart.hs:60:64: error:", "    • Couldn't match type ‘Int’ with ‘Text’", "    • In the first argument of ‘add’"},
			category: "compile", ecosystem: "haskell", titleHas: "Cart.hs",
		},
		{
			name:    "Surefire without the [ERROR] prefix",
			command: "mvn test -B",
			failure: []string{"addsItems(com.acme.CartTest)  Time elapsed: 0.02 sec  <<< FAILURE!",
				"java.lang.AssertionError: expected:<1> but was:<2>"},
			category: "test", ecosystem: "java", titleHas: "CartTest",
		},
		{
			name:    "prove",
			command: "prove -j4 t/",
			failure: []string{"[12:45:05] t9502-parse-output.sh ............ Dubious, test returned 1 (wstat 256, 0x100)",
				"Failed 1/13 subtests"},
			category: "test", ecosystem: "generic", titleHas: "t9502-parse-output.sh",
		},
		{
			name:    "xcpretty",
			command: "xcodebuild test -scheme Shop | xcpretty",
			failure: []string{"ShopTests.CartTestCase", "", "  testAddsItems, XCTAssertEqual failed: (\"1\") is not equal to (\"2\")",
				"", "  /Users/runner/work/shop/Tests/CartTests.swift:42"},
			category: "test", ecosystem: "generic", titleHas: "testAddsItems",
		},
		{
			name:    "pytest error at setup, with a spaced parameter id",
			command: "pytest tests",
			failure: []string{"____ ERROR at setup of test_new_command[cmd0-nix-env -iA vim] ____",
				"    @pytest.fixture", "E   fixture 'shell' not found"},
			category: "test", ecosystem: "python", titleHas: "test_new_command[cmd0-nix-env -iA vim]",
		},
		{
			name:    "GHC with -Werror",
			command: "cabal build",
			failure: []string{"src/Shop/Cart.hs:94:10: Warning:", "    No explicit implementation for", "      ‘mappend’", "",
				"<no location info>: ", "Failing due to -Werror."},
			category: "compile", ecosystem: "haskell", titleHas: "-Werror",
		},
		{
			name:    "tasty",
			command: "cabal test",
			failure: []string{"      tables:                          FAIL (0.06s)", "        --- tables.custom", "        +  29 </table>",
				"        -  29 </table"},
			category: "test", ecosystem: "generic", titleHas: "tables",
		},
		{
			name:    "SwiftLint with --strict, the file named from the repository",
			command: "swiftlint lint --strict",
			failure: []string{"/Users/runner/work/shop/shop/Sources/Shop/Cart.swift:88:42: warning: Colon Violation: Colons should be next to the identifier when specifying a type. (colon)",
				"", "/Users/runner/work/shop/shop/Sources/Shop/Cart.swift:91:1: warning: Trailing Whitespace Violation: Lines should not have trailing whitespace. (trailing_whitespace)"},
			category: "lint", ecosystem: "swift", titleHas: "SwiftLint found a problem in Sources/Shop/Cart.swift",
		},
		{
			name:     "xcpretty's cross while the tests run",
			command:  "xcodebuild test -scheme Shop | xcpretty",
			failure:  []string{"    ✗ testAddsItemsToAnEmptyCart, Test crashed"},
			category: "test", ecosystem: "generic", titleHas: "testAddsItemsToAnEmptyCart",
		},
		{
			name:     "an Elixir script that throws",
			command:  "mix run check.exs",
			failure:  []string{`** (throw) "Words not in order \"exjprop\" and \"ex_progress\""`, "    check.exs:9: Acme.Order.check/1", "    (elixir) lib/code.ex:370: Code.require_file/2"},
			category: "test", ecosystem: "elixir", titleHas: "uncaught throw",
		},
		{
			name:     "apt cannot fetch a package list",
			command:  "./script/cibuild",
			failure:  []string{"E: Failed to fetch http://dl.hhvm.com/ubuntu/dists/trusty/main/binary-i386/Packages  404  Not Found [IP: 13.33.164.32 80]", "E: Some index files failed to download. They have been ignored, or old ones used instead.", "Traceback (most recent call last):"},
			category: "network", ecosystem: "apt", titleHas: "apt package source",
		},
		{
			name:    "xUnit console runner",
			command: "./build.sh --target=test",
			failure: []string{"    Acme.Tests.CartTests.Adds_items [FAIL]", "      Assert.Equal() Failure", "      Expected: 1", "      Actual:   0",
				"      Stack Trace:", "        /src/Acme.Tests/CartTests.cs(47,0): at Acme.Tests.CartTests.Adds_items()"},
			category: "test", ecosystem: "dotnet", titleHas: "Acme.Tests.CartTests.Adds_items",
		},
		{
			name:     "stylelint",
			command:  "npm test",
			failure:  []string{"normalize.css", " 49:11  ✖  Expected a leading zero   number-leading-zero", "188:12  ✖  Expected a leading zero   number-leading-zero"},
			category: "lint", ecosystem: "css", titleHas: "number-leading-zero",
		},
		{
			name:    "a remote browser drops out of Karma",
			command: "grunt test",
			failure: []string{"IE 9.0.0 (Windows 7.0.0) ERROR", "  Disconnectedreconnect failed before timeout of 2000ms (ping timeout)",
				"IE 9.0.0 (Windows 7.0.0): Executed 50 of 220 DISCONNECTED (33.106 secs / 1.059 secs)"},
			category: "network", ecosystem: "javascript", titleHas: "Karma lost the connection",
		},
		{
			name:    "QUnit summary of Ember's runner",
			command: "bundle exec rake qunit:test",
			failure: []string{"Module Failed: Acceptance: Admin - Watched Words", "  Test Failed: remove words",
				"    Assertion Failed: TypeError: Cannot read property 'block' of undefined", "      Expected: true, Actual: false"},
			category: "test", ecosystem: "javascript", titleHas: "Admin - Watched Words",
		},
		{
			name:     "a Rust panic in the old format",
			command:  "cargo test",
			failure:  []string{"thread 'main' panicked at 'called `Result::unwrap()` on an `Err` value: NotFound', src/libcore/result.rs:999:5"},
			category: "test", ecosystem: "rust", titleHas: "panicked",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log := append([]string{"$ " + tt.command}, noise(40, "compiling module %d")...)
			from := len(log) + 1
			log = append(log, tt.failure...)
			to := len(log)
			log = append(log, noise(200, "[info] test %d passed")...)
			log = append(log, fmt.Sprintf("The command %q exited with 1.", tt.command))
			a, err := Analyze(strings.NewReader(strings.Join(log, "\n")), nil)
			if err != nil {
				t.Fatal(err)
			}
			if a.Category != tt.category || a.Ecosystem != tt.ecosystem || !strings.Contains(a.Title, tt.titleHas) {
				t.Errorf("got %s/%s %q, want %s/%s with %q (why %v)", a.Category, a.Ecosystem, a.Title,
					tt.category, tt.ecosystem, tt.titleHas, a.Why)
			}
			if !covers(a.Excerpts, from, to) {
				t.Errorf("excerpts %v leave out lines %d-%d", ranges(a.Excerpts), from, to)
			}
		})
	}
}

// Docker says it cannot find an image locally before every pull; that is
// no failure of the workflow.
func TestDockerPullNoticeIsNoFailure(t *testing.T) {
	log := strings.Join([]string{"$ docker run --rm acme/build:1 make test",
		"Unable to find image 'acme/build:1' locally", "1: Pulling from acme/build", "Status: Downloaded newer image for acme/build:1",
		"thread 'main' panicked at 'index out of bounds', src/parse.rs:12:5",
		`The command "docker run --rm acme/build:1 make test" exited with 101.`}, "\n")
	a, err := Analyze(strings.NewReader(log), nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Category == "configuration" || !strings.Contains(a.Title, "panicked") {
		t.Errorf("got %s %q, want the panic named (why %v)", a.Category, a.Title, a.Why)
	}
}

// A generic error line that names a file and line is a tool's own
// diagnostic, whatever the tool: it holds the window even when the step
// goes on for long after it.
func TestGenericErrorWithPlaceHoldsTheWindow(t *testing.T) {
	tests := []struct{ name, line string }{
		{"colon form", "[error] /src/shop/cart.zig:10:8: expected type 'u8', found 'i32'"},
		{"paren form", "error: lib/Cart.pas(27,15) identifier not found"},
		{"python form", `ERROR: File "tools/gen.py", line 12 is not valid`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log := append([]string{"$ ./build.sh"}, noise(30, "building part %d")...)
			log = append(log, tt.line)
			n := len(log)
			log = append(log, noise(200, "packaging part %d")...)
			log = append(log, `The command "./build.sh" exited with 1.`)
			a, err := Analyze(strings.NewReader(strings.Join(log, "\n")), nil)
			if err != nil {
				t.Fatal(err)
			}
			if !covers(a.Excerpts, n, n) {
				t.Errorf("excerpts %v leave out line %d (why %v)", ranges(a.Excerpts), n, a.Why)
			}
		})
	}
}

// A Go test whose subtest failed says nothing of its own; the failing
// subtest's messages, far below it among passing ones, are what the
// window holds and the title names.
func TestGoSubtestFailureIsTheCause(t *testing.T) {
	log := []string{"$ go test -v ./...", "--- FAIL: TestSort (0.02s)"}
	log = append(log, noise(80, "    --- PASS: TestSort/case_%d (0.00s)")...)
	from := len(log) + 1
	log = append(log, "    --- FAIL: TestSort/empty_input (0.00s)", "        sort_test.go:31: got [b a], want [a b]")
	to := len(log)
	log = append(log, noise(40, "    --- PASS: TestSort/more_%d (0.00s)")...)
	log = append(log, "FAIL", "FAIL\texample.com/sort\t0.03s", `The command "go test -v ./..." exited with 1.`)
	a, err := Analyze(strings.NewReader(strings.Join(log, "\n")), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Title, "TestSort/empty_input") || !covers(a.Excerpts, from, to) {
		t.Errorf("got %q with excerpts %v, want TestSort/empty_input and lines %d-%d (why %v)",
			a.Title, ranges(a.Excerpts), from, to, a.Why)
	}
}

// When only the CI system's line saying the step failed matched, the
// window ends at what the step printed last, not at that line and the
// timer marks before it: the budget goes to the output above.
func TestExitLineAloneLeavesTheBudgetToOutput(t *testing.T) {
	log := append([]string{"travis_time:start:1a\x1b[0K$ make -C test"}, noise(60, " configured option %d: yes")...)
	from := len(log) + 1
	log = append(log, noise(46, "motions/case-%02d                              ERROR")...)
	log = append(log, "Tests ok 0/46", "make: *** [test] Error 1")
	to := len(log)
	log = append(log, "", "travis_time:end:1a:start=1,finish=2,duration=1", "",
		`The command "make -C test" exited with 2.`)
	a, err := Analyze(strings.NewReader(strings.Join(log, "\n")), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !covers(a.Excerpts, from, to) {
		t.Errorf("excerpts %v leave out lines %d-%d (why %v)", ranges(a.Excerpts), from, to, a.Why)
	}
}

// A crate's build script that failed is named, and the window holds its
// --- stderr, which comes after a long --- stdout.
func TestCargoBuildScriptShowsItsStderr(t *testing.T) {
	log := append([]string{"$ cargo build --verbose"}, noise(40, "   Compiling crate%d v0.1.0")...)
	log = append(log, "error: failed to run custom build command for `pcre2-sys v0.2.0`",
		"process didn't exit successfully: `/target/debug/build/pcre2-sys-7d79/build-script-build` (exit code: 101)", "--- stdout")
	log = append(log, noise(40, "cargo:rerun-if-env-changed=PCRE2_VAR_%d")...)
	from := len(log) + 1
	log = append(log, "--- stderr",
		"thread 'main' panicked at 'called `Result::unwrap()` on an `Err` value: Os { code: 2, kind: NotFound }', src/libcore/result.rs:999:5",
		"note: Run with `RUST_BACKTRACE=1` environment variable to display a backtrace.")
	to := len(log)
	log = append(log, "warning: build failed, waiting for other jobs to finish...", "error: build failed",
		`The command "cargo build --verbose" exited with 101.`)
	a, err := Analyze(strings.NewReader(strings.Join(log, "\n")), nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Category != "compile" || !strings.Contains(a.Title, "build script of pcre2-sys v0.2.0") || !covers(a.Excerpts, from, to) {
		t.Errorf("got %s %q with excerpts %v, want compile, the crate named and lines %d-%d (why %v)",
			a.Category, a.Title, ranges(a.Excerpts), from, to, a.Why)
	}
}
