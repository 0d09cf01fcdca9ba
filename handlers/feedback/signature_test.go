package feedback

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// signatureCases are key error lines as two or more runs of the same
// failure print them, from many ecosystems, with the signature they share.
var signatureCases = []struct {
	name string
	runs []string
	want string
}{
	{"Go test failure with its duration", []string{
		"--- FAIL: TestParseConfig (0.03s)",
		"--- FAIL: TestParseConfig (1.27s)",
	}, "--- FAIL: TestParseConfig (<dur>)"},
	{"Go nil pointer with addresses", []string{
		"panic: runtime error: invalid memory address or nil pointer dereference [signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x4f2a1c]",
		"panic: runtime error: invalid memory address or nil pointer dereference [signal SIGSEGV: segmentation violation code=0x2 addr=0x0 pc=0x5a0b3e]",
	}, "panic: runtime error: invalid memory address or nil pointer dereference [signal SIGSEGV: segmentation violation code=<hex> addr=<hex> pc=<hex>]"},
	{"Go t.TempDir path", []string{
		"    config_test.go:42: open /tmp/TestLoad3471829/001/config.yaml: no such file or directory",
		"config_test.go:44: open /tmp/TestLoad998877/002/config.yaml: no such file or directory",
	}, "config_test.go:<n>: open <tmp>/config.yaml: no such file or directory"},
	{"Go dial to a random port", []string{
		"dial tcp 127.0.0.1:54321: connect: connection refused",
		"dial tcp 127.0.0.1:40123: connect: connection refused",
	}, "dial tcp <addr>: connect: connection refused"},
	{"Go test timeout", []string{"panic: test timed out after 10m0s", "panic: test timed out after 5m30s"}, "panic: test timed out after <dur>"},
	{"Actions step with runner timestamp", []string{
		"2024-05-01T12:34:56.1234567Z ##[error]Process completed with exit code 137.",
		"Process completed with exit code 137.",
	}, "Process completed with exit code 137."},
	{"pytest tmp_path", []string{
		"E       FileNotFoundError: [Errno 2] No such file or directory: '/tmp/pytest-of-runner/pytest-3/test_export0/out.csv'",
		"E   FileNotFoundError: [Errno 2] No such file or directory: '/tmp/pytest-of-runner/pytest-11/test_export1/out.csv'",
	}, "E FileNotFoundError: [Errno 2] No such file or directory: '<tmp>/out.csv'"},
	{"Python tempfile on macOS and Linux", []string{
		"PermissionError: [Errno 13] Permission denied: '/tmp/tmpa1b2c3d4/lock'",
		"PermissionError: [Errno 13] Permission denied: '/private/var/folders/x8/k2_l4m0000gn/T/tmpq9z_x1yy/lock'",
	}, "PermissionError: [Errno 13] Permission denied: '<tmp>/lock'"},
	{"Python object address and port", []string{
		"ConnectionError: HTTPConnectionPool(host='localhost', port=38411): Max retries exceeded (<HTTPConnection object at 0x7f3a2c1b4d90>: [Errno 111] Connection refused)",
		"ConnectionError: HTTPConnectionPool(host='localhost', port=41002): Max retries exceeded (<HTTPConnection object at 0x7f99e0a1c2b0>: [Errno 111] Connection refused)",
	}, "ConnectionError: HTTPConnectionPool(host='localhost', port=<n>): Max retries exceeded (<HTTPConnection object at <hex>>: [Errno 111] Connection refused)"},
	{"Maven surefire summary", []string{
		"[ERROR] Tests run: 12, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 3.512 s <<< FAILURE! - in com.example.OrderServiceTest",
		"[ERROR] Tests run: 12, Failures: 2, Errors: 0, Skipped: 1, Time elapsed: 0.98 s <<< FAILURE! - in com.example.OrderServiceTest",
	}, "[ERROR] Tests run: <n>, Failures: <n>, Errors: <n>, Skipped: <n>, Time elapsed: <dur> <<< FAILURE! - in com.example.OrderServiceTest"},
	{"Java identity hash codes", []string{
		"java.lang.AssertionError: expected:<com.example.Order@1b6d3586> but was:<com.example.Order@4554617c>",
		"java.lang.AssertionError: expected:<com.example.Order@7a81197d> but was:<com.example.Order@5ca881b5>",
	}, "java.lang.AssertionError: expected:<com.example.Order@<hex>> but was:<com.example.Order@<hex>>"},
	{"JUnit temporary folder", []string{
		"java.io.IOException: Unable to create temporary file /tmp/junit8423497523455/report.xml",
		"java.io.IOException: Unable to create temporary file /tmp/junit112233/report.xml",
	}, "java.io.IOException: Unable to create temporary file <tmp>/report.xml"},
	{"Gradle test executor number", []string{
		"Could not complete execution for Gradle Test Executor 17.",
		"Could not complete execution for Gradle Test Executor 4.",
	}, "Could not complete execution for Gradle Test Executor <n>."},
	{"Kotlin compile error on Linux and macOS runners", []string{
		"e: file:///home/runner/work/app/app/src/main/kotlin/Main.kt:12:5 Unresolved reference: foo",
		"e: file:///Users/runner/work/app/app/src/main/kotlin/Main.kt:14:5 Unresolved reference: foo",
	}, "e: file://<src>/src/main/kotlin/Main.kt:<n>:<n> Unresolved reference: foo"},
	{"npm debug log name", []string{
		"npm ERR! A complete log of this run can be found in: /home/runner/.npm/_logs/2024-05-01T12_34_56_789Z-debug-0.log",
		"npm ERR! A complete log of this run can be found in: /home/runner/.npm/_logs/2025-11-30T08_01_02_003Z-debug-1.log",
	}, "npm ERR! A complete log of this run can be found in: /home/runner/.npm/_logs/<time>-debug-<n>.log"},
	{"jest suite duration", []string{"FAIL src/components/Cart.test.tsx (12.345 s)", "FAIL src/components/Cart.test.tsx (8.1 s)"}, "FAIL src/components/Cart.test.tsx (<dur>)"},
	{"Node connection to IPv4 or IPv6 loopback", []string{"Error: connect ECONNREFUSED ::1:5432", "Error: connect ECONNREFUSED 127.0.0.1:5432"}, "Error: connect ECONNREFUSED <addr>"},
	{"jest haste map cache", []string{
		"Error: Cannot find module '/tmp/jest_rs/haste-map-8f2a1c9e0d3b4a5f-2b1c/index.js'",
		"Error: Cannot find module '/tmp/jest_dx/haste-map-0a1b2c3d4e5f6a7b-9f8e/index.js'",
	}, "Error: Cannot find module '<tmp>/index.js'"},
	{"Rust panic location moves", []string{
		"thread 'tests::parse_empty' panicked at src/parser.rs:88:9:",
		"thread 'tests::parse_empty' panicked at src/parser.rs:91:13:",
	}, "thread 'tests::parse_empty' panicked at src/parser.rs:<n>:<n>:"},
	{"Rust compiler error code kept", []string{"error[E0308]: mismatched types", "\x1b[1m\x1b[31merror[E0308]\x1b[0m: mismatched types"}, "error[E0308]: mismatched types"},
	{"Rails database port", []string{
		`ActiveRecord::ConnectionNotEstablished: connection to server at "127.0.0.1", port 5432 failed: Connection refused`,
		`ActiveRecord::ConnectionNotEstablished: connection to server at "172.18.0.2", port 5433 failed: Connection refused`,
	}, `ActiveRecord::ConnectionNotEstablished: connection to server at "<addr>", port <n> failed: Connection refused`},
	{"RSpec example line", []string{"rspec ./spec/models/user_spec.rb:42 # User validates email", "rspec ./spec/models/user_spec.rb:47 # User validates email"}, "rspec ./spec/models/user_spec.rb:<n> # User validates email"},
	{"C compile error", []string{
		"src/parser.c:123:17: error: 'tok' undeclared (first use in this function)",
		"src/parser.c:130:9: error: 'tok' undeclared (first use in this function)",
	}, "src/parser.c:<n>:<n>: error: 'tok' undeclared (first use in this function)"},
	{"AddressSanitizer pid and addresses", []string{
		"==12345==ERROR: AddressSanitizer: heap-use-after-free on address 0x602000000010 at pc 0x55d4c3b2a1f0 bp 0x7ffc8a1b2c30 sp 0x7ffc8a1b2c28",
		"==871==ERROR: AddressSanitizer: heap-use-after-free on address 0x603000000a40 at pc 0x5612ab3c9e10 bp 0x7ffd00112230 sp 0x7ffd00112228",
	}, "==<n>==ERROR: AddressSanitizer: heap-use-after-free on address <hex> at pc <hex> bp <hex> sp <hex>"},
	{".NET test duration in ms or s", []string{"  Failed MyApp.Tests.OrderTests.Total_IsSum [12 ms]", "  Failed MyApp.Tests.OrderTests.Total_IsSum [1 s]"}, "Failed MyApp.Tests.OrderTests.Total_IsSum [<dur>]"},
	{".NET compile error on Linux and Windows runners", []string{
		"/home/runner/work/app/app/src/Program.cs(14,9): error CS0103: The name 'Foo' does not exist in the current context [/home/runner/work/app/app/src/App.csproj]",
		`D:\a\app\app\src\Program.cs(15,9): error CS0103: The name 'Foo' does not exist in the current context [D:\a\app\app\src\App.csproj]`,
	}, "<src>/src/Program.cs(<n>,<n>): error CS0103: The name 'Foo' does not exist in the current context [<src>/src/App.csproj]"},
	{".NET temporary file on Windows", []string{
		`System.IO.IOException: The process cannot access the file 'C:\Users\RUNNER~1\AppData\Local\Temp\tmp4F2A.tmp' because it is being used by another process.`,
		`System.IO.IOException: The process cannot access the file 'C:\Users\RUNNER~1\AppData\Local\Temp\tmp9C1.tmp' because it is being used by another process.`,
	}, "System.IO.IOException: The process cannot access the file '<tmp>/<tmpname>.tmp' because it is being used by another process."},
	{"PHP memory exhausted", []string{
		"PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes) in /home/runner/work/shop/shop/vendor/composer/ClassLoader.php on line 576",
		"PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 4096 bytes) in /home/runner/work/shop/shop/vendor/composer/ClassLoader.php on line 576",
	}, "PHP Fatal error: Allowed memory size of <n> bytes exhausted (tried to allocate <n> bytes) in <src>/vendor/composer/ClassLoader.php on line <n>"},
	{"sbt total time and date", []string{
		"[error] Total time: 42 s, completed May 1, 2024, 12:34:56 PM",
		"[error] Total time: 7 s, completed Jun 3, 2024, 9:01:02 AM",
	}, "[error] Total time: <dur>, completed <date>, <time>"},
	{"Scala compile error", []string{
		"[error] /home/runner/work/x/x/src/main/scala/Foo.scala:12:5: not found: value bar",
		"[error] /home/runner/work/x/x/src/main/scala/Foo.scala:19:5: not found: value bar",
	}, "[error] <src>/src/main/scala/Foo.scala:<n>:<n>: not found: value bar"},
	{"GHC error code kept", []string{
		"src/Lib.hs:14:7: error: [GHC-88464] Variable not in scope: foo :: Int -> Int",
		"src/Lib.hs:15:7: error: [GHC-88464] Variable not in scope: foo :: Int -> Int",
	}, "src/Lib.hs:<n>:<n>: error: [GHC-88464] Variable not in scope: foo :: Int -> Int"},
	{"XCTest duration in seconds", []string{
		"Test Case '-[AppTests.LoginTests testLogin]' failed (0.523 seconds).",
		"Test Case '-[AppTests.LoginTests testLogin]' failed (12.0 seconds).",
	}, "Test Case '-[AppTests.LoginTests testLogin]' failed (<dur>)."},
	{"Actions run script in the runner's _temp", []string{
		"/home/runner/work/_temp/3f2b1c8e-9a7d-4e6f-b5c4-a3d2e1f0a9b8.sh: line 3: make: command not found",
		"/home/runner/work/_temp/0d9e8f7a-6b5c-4d3e-a2f1-e0d9c8b7a6f5.sh: line 3: make: command not found",
	}, "<tmp>/<uuid>.sh: line <n>: make: command not found"},
	{"xcodebuild process and thread IDs are not an address", []string{
		"2019-07-08 22:26:27.058 xcodebuild[3101:9336]  IDETestOperationsObserverDebug: Writing diagnostic log for test session to:",
		"2019-07-23 14:21:34.571 xcodebuild[3111:8516]  IDETestOperationsObserverDebug: Writing diagnostic log for test session to:",
	}, "<time> xcodebuild[<n>:<n>] IDETestOperationsObserverDebug: Writing diagnostic log for test session to:"},
	{"IPv6 address in brackets", []string{"listen tcp [::1]:8080: bind: address already in use", "listen tcp [fe80::1%eth0]:39211: bind: address already in use"}, "listen tcp <addr>: bind: address already in use"},
	{"Hugo log date with slashes", []string{
		`ERROR 2019/08/01 15:12:45 [en] REF_NOT_FOUND: Ref "/docs/4.3/getting-started/introduction": page not found`,
		`ERROR 2019/08/02 10:08:16 [en] REF_NOT_FOUND: Ref "/docs/4.3/getting-started/introduction": page not found`,
	}, `ERROR <time> <time> [en] REF_NOT_FOUND: Ref "/docs/<n>/getting-started/introduction": page not found`},
	{"git fetch timeout", []string{
		"fatal: unable to access 'https://github.com/acme/app.git/': Failed to connect to github.com port 443 after 130123 ms: Connection timed out",
		"fatal: unable to access 'https://github.com/acme/app.git/': Failed to connect to github.com port 443 after 129874 ms: Connection timed out",
	}, "fatal: unable to access 'https://github.com/acme/app.git/': Failed to connect to github.com port <n> after <dur>: Connection timed out"},
}

func TestSignatureOfSameFailure(t *testing.T) {
	for _, tc := range signatureCases {
		t.Run(tc.name, func(t *testing.T) {
			first := SignatureOf(tc.runs[0])
			if diff := cmp.Diff(tc.want, first.Text); diff != "" {
				t.Errorf("SignatureOf(%q).Text (-want +got):\n%s", tc.runs[0], diff)
			}
			for _, run := range tc.runs[1:] {
				if got := SignatureOf(run); got != first {
					t.Errorf("runs of one failure disagree:\n  %q → %+v\n  %q → %+v", tc.runs[0], first, run, got)
				}
			}
		})
	}
}

func TestSignaturesOfDifferentFailuresDiffer(t *testing.T) {
	byID := map[string]string{}
	for _, tc := range signatureCases {
		s := SignatureOf(tc.runs[0])
		if other, ok := byID[s.ID]; ok {
			t.Errorf("%q and %q share signature %q", tc.name, other, s.Text)
		}
		byID[s.ID] = tc.name
	}
}

func TestSignaturesKeepWhatNamesTheFailure(t *testing.T) {
	// Each pair has the same shape but is another failure.
	pairs := []struct{ name, a, b string }{
		{"undeclared name", "src/parser.c:123:17: error: 'tok' undeclared", "src/parser.c:123:17: error: 'buf' undeclared"},
		{"Rust error code", "error[E0308]: mismatched types", "error[E0599]: mismatched types"},
		{"C# error code", "Program.cs(14,9): error CS0103: unknown", "Program.cs(14,9): error CS0246: unknown"},
		{"TypeScript error code", "src/a.ts(3,1): error TS2345: bad argument", "src/a.ts(3,1): error TS2322: bad argument"},
		{"GHC error code", "error: [GHC-88464] not in scope", "error: [GHC-83865] not in scope"},
		{"exit code", "Process completed with exit code 1.", "Process completed with exit code 137."},
		{"exit status", "subprocess.CalledProcessError: returned non-zero exit status 2.", "subprocess.CalledProcessError: returned non-zero exit status 127."},
		{"errno", "OSError: [Errno 28] No space left on device", "OSError: [Errno 13] No space left on device"},
		{"HTTP status before its reason", "npm ERR! 404 Not Found - GET https://registry.npmjs.org/left-pad", "npm ERR! 403 Forbidden - GET https://registry.npmjs.org/left-pad"},
		{"HTTP status after HTTP/1.1", "< HTTP/1.1 502", "< HTTP/1.1 503"},
		{"signal", "FATAL: killed by signal 9", "FATAL: killed by signal 11"},
		{"Go test name", "--- FAIL: TestParseConfig (0.03s)", "--- FAIL: TestParseFlags (0.03s)"},
		{"Python module", "ModuleNotFoundError: No module named 'requests'", "ModuleNotFoundError: No module named 'yaml'"},
		{"digits in a name", "error: package sha256 not found", "error: package sha512 not found"},
		{"URL escape", "GET https://registry.npmjs.org/@acme%2fwidgets", "GET https://registry.npmjs.org/@acme%40widgets"},
		{"file under a temporary folder", "open /tmp/TestLoad1/001/config.yaml: no such file", "open /tmp/TestLoad1/001/data.json: no such file"},
		{"plain words are not temporary names", "missing template file", "missing temperature file"},
	}
	for _, p := range pairs {
		t.Run(p.name, func(t *testing.T) {
			a, b := SignatureOf(p.a), SignatureOf(p.b)
			if a.ID == b.ID {
				t.Errorf("%q and %q share signature %q", p.a, p.b, a.Text)
			}
		})
	}
}

func TestSignatureOfEdges(t *testing.T) {
	for _, line := range []string{"", "   ", "2024-05-01T12:34:56.1234567Z ", "\x1b[0m"} {
		if s := SignatureOf(line); !s.IsZero() || s.ID != "" {
			t.Errorf("SignatureOf(%q) = %+v, want the zero Signature", line, s)
		}
	}
	long := SignatureOf("error: " + strings.Repeat("é", 5000))
	if n := utf8.RuneCountInString(long.Text); n != MaxSignatureLen {
		t.Errorf("long line: signature of %d characters, want %d", n, MaxSignatureLen)
	}
	if bad := SignatureOf("error: \xff\xfe broken"); !utf8.ValidString(bad.Text) {
		t.Errorf("invalid UTF-8 kept in %q", bad.Text)
	}
	if s := SignatureOf("error\x1b[: a stray escape and a bell\a"); s.Text != "error[: a stray escape and a bell" {
		t.Errorf("control characters kept: %q", s.Text)
	}
	if s := SignatureOf("error: x"); len(s.ID) != 16 {
		t.Errorf("ID %q, want 16 hex digits", s.ID)
	}
}
