package ci

import (
	"strings"
	"testing"
)

// Names, causes and commands come only from what the failing step shows.
func TestClaimsOnlyFromEvidence(t *testing.T) {
	tests := []struct {
		name          string
		log           []string
		category      string
		notEcosystem  string
		titleHas      string
		reproduce     string
		likelyCause   string
		titleHasNotAt string
	}{
		{
			name: "a bare error line is not Rust",
			log: []string{"##[group]Run ./scripts/publish.sh", "Publishing image", "error: could not publish the package",
				"##[error]Process completed with exit code 1."},
			category: "unknown", notEcosystem: "rust", titleHas: "could not publish", reproduce: "./scripts/publish.sh",
			likelyCause: "unknown",
		},
		{
			name: "a registry failure is not the change",
			log: []string{"##[group]Run docker pull ghcr.io/acme/app:1.2.3",
				"Error response from daemon: manifest for ghcr.io/acme/app:1.2.3 not found: manifest unknown: manifest unknown",
				"##[error]Process completed with exit code 1."},
			category: "network", notEcosystem: "rust", titleHas: "registry", likelyCause: "infrastructure",
			reproduce: "", // re-running a pull on one's machine proves nothing about the registry
		},
		{
			name: "a test named after rate limits is no network failure",
			log: []string{"$ bundle exec rake qunit:test", "admin-report::rate limited", ".", "Acceptance: Composer::Create a Topic",
				"Tests timed out", "rake aborted!", `The command "bundle exec rake qunit:test" exited with 1.`},
			category: "unknown", titleHas: "", reproduce: "bundle exec rake qunit:test", likelyCause: "unknown",
		},
		{
			name: "a CMake script's own message while tests run is no configuration failure",
			log: []string{"$ ctest -S ci.cmake", "-- Output to stderr:", "CMake Error at /home/runner/work/app/app/cmake/RunTests.cmake:85 (message):",
				"  functional tests failed with error: 1", `The command "ctest -S ci.cmake" exited with 1.`},
			category: "unknown", titleHas: "", reproduce: "ctest -S ci.cmake", likelyCause: "unknown", titleHasNotAt: "CMake Error",
		},
		{
			name: "npm's report of the environment is not quoted as the title",
			log: []string{"$ npm test", "> eslint .", "  lib/verify.js:0:0: Unexpected token ILLEGAL", "npm ERR! Linux 4.8.12-040812-generic",
				`npm ERR! argv "node" "npm" "test"`, "npm ERR! Test failed.  See above for more details.", `The command "npm test" exited with 1.`},
			category: "unknown", titleHas: "Unexpected token ILLEGAL", reproduce: "npm test", likelyCause: "unknown", titleHasNotAt: "npm ERR!",
		},
		{
			name: "a dependency error a test prints while tests go on is not the cause",
			log: []string{"$ bin/test", "# Running:", "....Bundler could not find compatible versions for gem \"activemodel\":",
				"  In Gemfile:", "    rails was resolved to 5.1.7, which depends on", "", "Finished in 1.2s, 12 runs", "",
				"Run options: --seed 1", "# Running:", "", "........F", "", "Failure:",
				"DBConsoleTest#test_uses_database_yml [test/dbconsole_test.rb:40]:", "Expected \"\" to include \"sqlite>\".",
				`The command "bin/test" exited with 1.`},
			category: "test", titleHas: "Minitest", reproduce: "bin/test", likelyCause: "change", titleHasNotAt: "Bundler",
		},
		{
			name: "a summary line alone is quoted, not named",
			log: []string{"$ ./run-checks", "checking links", "broken link: docs/index.md -> /missing", `The command "./run-checks" exited with 1.`,
				"Done. Your build exited with 1."},
			category: "unknown", titleHas: "broken link", reproduce: "./run-checks", likelyCause: "unknown",
			titleHasNotAt: "exited with",
		},
		{
			name:     "a shell comment is never the command to reproduce",
			log:      []string{"+ # prepare the fixtures", "error: fixture missing", "ERROR: script returned exit code 2"},
			category: "unknown", titleHas: "fixture missing", reproduce: "", likelyCause: "unknown",
		},
		{
			name: "a network failure under a Lisp backtrace is the machine's, not the change's",
			log: []string{"$ ./test-startup.sh", "Contacting host: elpa.gnu.org:443",
				"Opening TLS connection to `elpa.gnu.org'...failed", "Debugger entered--Lisp error: (error \"Could not create connection to elpa.gnu.org:443\")",
				`  signal(error ("Could not create connection to elpa.gnu.org:443"))`,
				`  url-retrieve-synchronously("https://elpa.gnu.org/packages/archive-contents")`,
				`  eval((let ((debug-on-error t)) (load-file user-init-file)))`, "  command-line()",
				`The command "./test-startup.sh" exited with 255.`},
			category: "network", likelyCause: "infrastructure", titleHasNotAt: "eval(",
		},
		{
			name: "a command stopped by timeout(1) ran out of time; the warning printed before it is not why",
			log: []string{"$ timeout 30m ./ci/build.sh", "random  > [2 of 4] Compiling System.Random.Init",
				"random  > src/System/Random/Init.hs:94:5: warning: [-Wdeprecations]",
				"random  >     In the use of `bitSize' (imported from Data.Bits):",
				`random  >     Deprecated: "Use 'finiteBitSize' instead"`, "random  > [3 of 4] Compiling System.Random",
				`The command "timeout 30m ./ci/build.sh" exited with 124.`},
			category: "timeout", titleHas: "time limit", likelyCause: "unknown", titleHasNotAt: "bitSize",
		},
		{
			name: "the machine's report is not the title, the error under it is",
			log: []string{"$ ./build.sh --verbosity=minimal", "Installing .NET CLI...", "Product Information:",
				" Version:            1.1.4", " Commit SHA-1 hash:  d2f3571419", "Runtime Environment:", " OS Name:     Mac OS X",
				" OS Version:  10.12", " OS Platform: Darwin", "An error occurred while installing the build tool.",
				`The command "./build.sh --verbosity=minimal" exited with 1.`},
			category: "unknown", titleHas: "while installing the build tool", reproduce: "./build.sh --verbosity=minimal",
			likelyCause: "unknown", titleHasNotAt: "OS Name",
		},
		{
			name: "a link checker's redirect is not the broken link",
			log: []string{"$ awesome_bot README.md --allow-dupe", "Issues :-(", "> Links ",
				"  01. [L0410] 301 https://github.com/acme/charts  → https://github.com/acme-org/charts ",
				"  02. [L1623] 404 https://www.example-gone.com  ",
				"  03. [L3319] 301 https://www.example.com/books/ios/  → https://www.example.com/books/ios-sixth-edition/ ",
				"> Dupes ", "  None ✓", "Wrote results to ab-results-README.md.json",
				`The command "awesome_bot README.md --allow-dupe" exited with 1.`},
			category: "lint", titleHas: "A link check found links that do not work", reproduce: "awesome_bot README.md --allow-dupe",
			likelyCause: "unknown", titleHasNotAt: "301",
		},
		{
			name: "a dead host in a link checker's report is a finding, not the CI machine's network",
			log: []string{"$ awesome_bot README.md", "Issues :-(", "> Links ",
				"  01. [L0410] 301 https://github.com/acme/charts  → https://github.com/acme-org/charts ",
				"  02. [L3303]  https://mobile.example.co/ Failed to open TCP connection to mobile.example.co:443 (getaddrinfo: Name or service not known)",
				`The command "awesome_bot README.md" exited with 1.`},
			category: "lint", titleHas: "link check", reproduce: "awesome_bot README.md", likelyCause: "unknown",
		},
		{
			name: "a size check's verdict is the title, not its footnote",
			log: []string{"$ yarn test", "Ran all test suites.", "", "  Package size limit has exceeded by 934 B",
				"  Package size: 103.91 KB", "  Size limit:   103 KB", "  With all dependencies, minified and gzipped", "",
				"error Command failed with exit code 3.", `The command "yarn test" exited with 1.`},
			titleHas: "limit has exceeded", category: "unknown", reproduce: "yarn test", likelyCause: "unknown",
			titleHasNotAt: "gzipped",
		},
		{
			name: "a stack frame is not the title, the assertion above it is",
			log: []string{"$ ci/run_tests.sh", "[  ERROR   ] 1 error, listed below:", "[  ERROR   ] test/functional/helpers.lua @ 860: after_each",
				"test/helpers.lua:156: assertion failed!", "", "stack traceback:", "\ttest/helpers.lua:156: in function 'check_logs'",
				"\ttest/functional/helpers.lua:864: in function <test/functional/helpers.lua:860>", "", " 1 ERROR",
				"-- Tests exited non-zero: 1", `The command "ci/run_tests.sh" exited with 1.`},
			category: "unknown", titleHas: "assertion failed", reproduce: "ci/run_tests.sh", likelyCause: "unknown",
			titleHasNotAt: "in function",
		},
		{
			name: "a test that passed is not the title",
			log: []string{"$ make -C test", "Running vis tests", "multiple-cursors/new-start-of-line                PASS",
				"visual-mode/orientation                           FAIL", "selections/new-below-above                        PASS",
				"Tests ok 2/3", `The command "make -C test" exited with 2.`},
			category: "unknown", titleHas: "orientation", reproduce: "make -C test", likelyCause: "unknown", titleHasNotAt: "PASS",
		},
		{
			name: "a module missing for a dependency's own code is not the change's import",
			log: []string{"$ npm install", "> gitbin@1.4.0 postinstall /home/travis/build/acme/app/node_modules/gitbin",
				"> node ./script/download.js", "", "module.js:327", "    throw err;", "    ^", "",
				"Error: Cannot find module 'fast-deep-equal'",
				"    at Function.Module._resolveFilename (module.js:325:15)", "    at Function.Module._load (module.js:276:25)",
				"    at Module.require (module.js:353:17)", "    at require (internal/module.js:12:17)",
				"    at Object.<anonymous> (/home/travis/build/acme/app/node_modules/request/node_modules/ajv/lib/compile/resolve.js:4:13)",
				"    at Module._compile (module.js:409:26)", "npm ERR! code ELIFECYCLE",
				"npm ERR! Failed at the gitbin@1.4.0 postinstall script 'node ./script/download.js'.",
				`The command "npm install" failed and exited with 1 during .`},
			category: "dependency", titleHas: "A dependency could not load the module fast-deep-equal", reproduce: "npm install",
			likelyCause: "unknown",
		},
		{
			name: "a module missing for a dependency, as newer Node lists the require stack",
			log: []string{"##[group]Run npm test", "Error: Cannot find module 'semver'", "Require stack:",
				"- /home/runner/work/app/app/node_modules/@acme/build-tools/lib/check.js",
				"- /home/runner/work/app/app/test/setup.js", "    at Module._resolveFilename (node:internal/modules/cjs/loader:1039:15)",
				"##[error]Process completed with exit code 1."},
			category: "dependency", titleHas: "A dependency could not load the module semver", reproduce: "npm test",
			likelyCause: "unknown",
		},
		{
			name: "a module the project's own file asks for is the change's",
			log: []string{"##[group]Run npm test", "Error: Cannot find module './config'", "Require stack:",
				"- /home/runner/work/app/app/src/server.js", "- /home/runner/work/app/app/node_modules/mocha/lib/cli/run.js",
				"    at Module._resolveFilename (node:internal/modules/cjs/loader:1039:15)",
				"    at Object.<anonymous> (/home/runner/work/app/app/src/server.js:3:16)",
				"##[error]Process completed with exit code 1."},
			category: "dependency", titleHas: "A Node module is missing", reproduce: "npm test", likelyCause: "change",
		},
		{
			name: "a test runner that crashed is a crash, not a shell set-up problem",
			log: []string{"$ ./phpunit --exclude-group tty", "+cd src/Bridge/Twig", "+composer install --no-progress",
				"Generating autoload files", "+/home/travis/build/acme/shop/phpunit --exclude-group tty,benchmark",
				"#!/usr/bin/env php", "bash: line 1: 28142 Segmentation fault      (core dumped) /home/travis/build/acme/shop/phpunit --exclude-group tty,benchmark",
				"", "KO src/Bridge/Twig", `The command "./phpunit --exclude-group tty" exited with 1.`},
			category: "unknown", titleHas: "segmentation fault", reproduce: "./phpunit --exclude-group tty", likelyCause: "unknown",
		},
		{
			name: "a Go nil pointer panic stays a Go panic",
			log: []string{"##[group]Run go test ./...", "panic: runtime error: invalid memory address or nil pointer dereference",
				"[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a2b1c]", "", "goroutine 7 [running]:",
				"example.com/shop/cart.(*Cart).Total(0x0)", "\t/home/runner/work/shop/shop/cart/cart.go:42 +0x1c",
				"FAIL\texample.com/shop/cart\t0.012s", "##[error]Process completed with exit code 1."},
			category: "test", likelyCause: "change", titleHas: "A Go program panicked", reproduce: "go test example.com/shop/cart",
		},
		{
			name: "wget that cannot resolve a host is the network",
			log: []string{"$ make local", "wget -c -O deps/lpeg-1.0.1.tar.gz.part http://www.example.org/lpeg-1.0.1.tar.gz",
				"Resolving www.example.org (www.example.org)... failed: Name or service not known.",
				"wget: unable to resolve host address ‘www.example.org’", "make[1]: *** [deps/lpeg-1.0.1.tar.gz] Error 4",
				"make: *** [local] Error 2", `The command "make local" exited with 2.`},
			category: "network", likelyCause: "infrastructure",
		},
		{
			name: "a unittest failure names its test",
			log: []string{"$ python -m unittest discover -s tests", "..F.", "======================================================================",
				"FAIL: test_total (tests.test_cart.CartTest)", "----------------------------------------------------------------------",
				"Traceback (most recent call last):", `  File "/home/travis/build/acme/shop/tests/test_cart.py", line 12, in test_total`,
				"    self.assertEqual(cart.total(), 30)", "AssertionError: 25 != 30", "",
				"----------------------------------------------------------------------", "Ran 4 tests in 0.003s", "", "FAILED (failures=1)",
				`The command "python -m unittest discover -s tests" exited with 1.`},
			category: "test", titleHas: "Python test test_total failed", reproduce: "python -m unittest tests.test_cart.CartTest.test_total",
			likelyCause: "change",
		},
		{
			name: "a script the job runs that is not there is named in the title",
			log: []string{"$ test/compile-check.sh", "/home/travis/.travis/job_stages: line 78: test/compile-check.sh: No such file or directory",
				`The command "test/compile-check.sh" exited with 127.`},
			category: "configuration", titleHas: "A shell command failed: test/compile-check.sh: No such file or directory",
			reproduce: "", likelyCause: "unknown",
		},
		{
			name: "a test that could not connect to a remote host is the network, not the change",
			log: []string{"$ perl Makefile.PL && make test", `PERL_DL_NONLAZY=1 "/usr/bin/perl" "-MExtUtils::Command::MM" "-e" "test_harness(0, 'blib/lib')" t/*.t`,
				"t/https.t ........ Connection error: Connect timeout at t/https.t line 17.",
				"# Looks like your test exited with 115 before it could output anything.",
				"t/https.t ........ Dubious, test returned 115 (wstat 29440, 0x7300)", "Failed 1/1 subtests", "t/load.t .......... ok",
				"Result: FAIL", `The command "perl Makefile.PL && make test" exited with 2.`},
			category: "network", likelyCause: "infrastructure", titleHasNotAt: "https.t",
		},
		{
			name: "advice for another tool is not given",
			log: []string{"$ sbt ++2.13.12 mimaReportBinaryIssues", "[error] stack trace is suppressed",
				"No matching distribution found for mylib==9.9", `The command "sbt ++2.13.12 mimaReportBinaryIssues" exited with 1.`},
			category: "dependency", reproduce: "sbt ++2.13.12 mimaReportBinaryIssues", likelyCause: "change",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Analyze(strings.NewReader(strings.Join(tt.log, "\n")), nil)
			if err != nil {
				t.Fatal(err)
			}
			v := Decide(a, Evidence{})
			if a.Category != tt.category || (tt.notEcosystem != "" && a.Ecosystem == tt.notEcosystem) ||
				!strings.Contains(a.Title, tt.titleHas) || a.Reproduce != tt.reproduce || v.LikelyCause != tt.likelyCause ||
				(tt.titleHasNotAt != "" && strings.Contains(a.Title, tt.titleHasNotAt)) {
				t.Errorf("got category %q ecosystem %q title %q reproduce %q verdict %q; want category %q, not %q, title with %q, reproduce %q, verdict %q (why %v)",
					a.Category, a.Ecosystem, a.Title, a.Reproduce, v.LikelyCause, tt.category, tt.notEcosystem, tt.titleHas, tt.reproduce, tt.likelyCause, a.Why)
			}
		})
	}
}

// No title ever blames a step that exited with code 0.
func TestNoTitleAboutCodeZero(t *testing.T) {
	log := strings.Join([]string{"$ make lint", "lint ok", `The command "make lint" exited with 0.`,
		"$ popd", "Process exited with code 0", "Done. Your build exited with 0."}, "\n")
	a, err := Analyze(strings.NewReader(log), nil)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(a.Title, "code 0") || strings.Contains(a.Title, "exited with 0") {
		t.Errorf("title %q blames an exit code 0", a.Title)
	}
}

func TestReproduceRunsWhatTheStepRan(t *testing.T) {
	tests := []struct{ suggested, step, want string }{
		{"go test ./timeutil -run 'TestParse'", "go test ./...", "go test ./timeutil -run 'TestParse'"},
		{"cargo build --all-targets", "cargo clippy --all-targets -- -D warnings", "cargo clippy --all-targets -- -D warnings"},
		{"pip install -r requirements.txt", "sbt test", "sbt test"},
		{"npx jest src/a.test.ts", "npm test", "npm test"},
		{"cargo test parse", "# run the tests", ""},
		{"", "make check", "make check"},
		{"", `docker run -v $PWD:/src acme/build \`, ""},
		{"cargo test parse", `cargo test \`, "cargo test parse"},
		{`docker run -v $PWD:/src acme/build \`, `docker run -v $PWD:/src acme/build \`, ""},
		{"", `bash -c "`, ""},
		{"", "make test 2>&1 |", ""},
		{"", `ls tests | parallel 'phpunit {} || (echo -e "\e[41mFAILED\e[0m {}" && exit 1);'`,
			`ls tests | parallel 'phpunit {} || (echo -e "\e[41mFAILED\e[0m {}" && exit 1);'`},
		{"", `echo "it's done" && make`, `echo "it's done" && make`},
		{"", `travis_retry ./sbt ++2.12.8 "core/test"`, `./sbt ++2.12.8 "core/test"`},
		{"", "travis_wait 30 mvn verify", "mvn verify"},
		{"", "$TIMEOUT 35m ci/build.sh", ""},
		{"", "${RUNNER} test", ""},
		{"", "exit 1", ""},
		{"", "false", ""},
	}
	for _, tt := range tests {
		if got := reproduce(tt.suggested, tt.step); got != tt.want {
			t.Errorf("reproduce(%q, %q) = %q, want %q", tt.suggested, tt.step, got, tt.want)
		}
	}
}
