package ci

import (
	"strings"
	"testing"
)

// Failures of the CI machinery and of the toolchain, shaped like the
// output of GitLab, Jenkins, Azure Pipelines, Actions and Gradle, are
// named for what they are, and never blamed on the change.
func TestCIAndToolchainFailures(t *testing.T) {
	tests := []struct {
		name          string
		log           []string
		cause         string // cause id, "" for none
		titleHas      string
		titleHasNot   string
		likelyCause   string
		notLikelyCase string
	}{
		{
			name: "gitlab runner fails to prepare the environment",
			log: []string{"Running with gitlab-runner 15.11.0 (436955cb)", "  on build-box-3 T2x9aBcD", "Preparing the \"shell\" executor",
				"Using Shell executor...", "Preparing environment", "ERROR: Job failed: prepare environment: exit code 1. Check https://docs.gitlab.com/runner/shells/index.html#shell-profile-loading for more information"},
			cause: "gitlab-runner-failure", titleHas: "GitLab runner", likelyCause: "infrastructure",
		},
		{
			name: "gitlab system failure of a kubernetes pod",
			log: []string{"Running with gitlab-runner 16.2.0 (782e15da)", "Preparing the \"kubernetes\" executor",
				"Waiting for pod gitlab-runner/runner-x1y2-project-9-concurrent-0 to be running, status is Pending",
				"ERROR: Job failed (system failure): prepare environment: waiting for pod running: timed out waiting for pod to start"},
			cause: "gitlab-runner-failure", likelyCause: "infrastructure",
		},
		{
			name: "a push the registry refuses inside a python wrapper is not the change",
			log: []string{"[2023-05-02T10:11:12.345Z] + python3 ci/publish_image.py --tag nightly",
				"[2023-05-02T10:11:13.001Z] The push refers to repository [docker.io/acme/api]",
				"[2023-05-02T10:11:13.101Z] 3f1a2b3c4d5e: Preparing",
				"[2023-05-02T10:11:14.202Z] denied: requested access to the resource is denied",
				"[2023-05-02T10:11:14.300Z] Traceback (most recent call last):",
				"[2023-05-02T10:11:14.300Z]   File \"ci/publish_image.py\", line 40, in <module>",
				"[2023-05-02T10:11:14.300Z]     subprocess.check_call([\"docker\", \"push\", image])",
				"[2023-05-02T10:11:14.301Z] subprocess.CalledProcessError: Command '['docker', 'push', 'acme/api:nightly']' returned non-zero exit status 1.",
				"ERROR: script returned exit code 1"},
			cause: "registry-denied", titleHas: "registry", titleHasNot: "Python", notLikelyCase: "change",
		},
		{
			name: "a pull that needs a login",
			log: []string{"##[group]Run docker pull ghcr.io/acme/private-base:2", "Error response from daemon: Head \"https://ghcr.io/v2/acme/private-base/manifests/2\": unauthorized",
				"unauthorized: authentication required", "##[error]Process completed with exit code 1."},
			cause: "registry-denied", notLikelyCase: "change",
		},
		{
			name: "cargo panicking in its own sources",
			log: []string{"##[group]Run cargo test --workspace", "   Compiling serde v1.0.190", "error: Broken pipe (os error 32)",
				"thread 'main' panicked at 'already borrowed: BorrowMutError', src/tools/cargo/src/cargo/core/compiler/job_queue.rs:412:9",
				"note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace", "##[error]Process completed with exit code 101."},
			cause: "rust-toolchain-panic", titleHas: "toolchain", notLikelyCase: "change",
		},
		{
			name: "rustc internal compiler error",
			log: []string{"$ cargo build --release", "   Compiling shop v0.3.0 (/home/runner/work/shop/shop)",
				"error: internal compiler error: compiler/rustc_middle/src/ty/layout.rs:1012:21: unexpected type", "",
				"thread 'rustc' panicked at compiler/rustc_middle/src/util/bug.rs:36:26:", `The command "cargo build --release" exited with 101.`},
			cause: "rust-toolchain-panic", notLikelyCase: "change",
		},
		{
			name: "the project's own panic stays the project's",
			log: []string{"$ cargo test", "running 3 tests", "thread 'cart::tests::total' panicked at src/cart.rs:41:9:",
				"assertion `left == right` failed", "  left: 25", " right: 30", "test cart::tests::total ... FAILED",
				`The command "cargo test" exited with 101.`},
			cause: "rust-panic", likelyCause: "change",
		},
		{
			name: "azure task whose tool failed with a code",
			log: []string{"##[section]Starting: Archive", "[command]/usr/bin/xcodebuild -scheme Shop archive", "** ARCHIVE FAILED **",
				"##[error]Error: The process '/usr/bin/xcodebuild' failed with exit code 65", "##[section]Finishing: Archive"},
			cause: "exit-code", titleHasNot: "Finishing",
		},
		{
			name: "jenkins losing the step's wrapper",
			log: []string{"[Pipeline] { (Install)", "[Pipeline] sh", "+ npm ci", "added 812 packages in 41.2s",
				"wrapper script does not seem to be touching the log file in /var/lib/jenkins/workspace/shop@tmp/durable-5e6f7a8b",
				"(JENKINS-48300: if on an extremely laggy filesystem, consider -Dorg.jenkinsci.plugins.durabletask.BourneShellScript.HEARTBEAT_CHECK_INTERVAL=86400)",
				"[Pipeline] }", "[Pipeline] // stage", "[Pipeline] End of Pipeline", "ERROR: script returned exit code -1", "Finished: FAILURE"},
			cause: "jenkins-agent-lost", titleHasNot: "-1", likelyCause: "infrastructure",
		},
		{
			name: "jenkins exit code alone is a summary",
			log: []string{"[Pipeline] sh", "+ ./ci/lint.sh", "lint: 3 files are not formatted: cart.go, order.go, pay.go",
				"[Pipeline] }", "ERROR: script returned exit code 3", "Finished: FAILURE"},
			cause: "exit-code", titleHas: "not formatted",
		},
		{
			name: "pip pointed at a requirements file that is not there",
			log: []string{"##[group]Run python -m pip install -r ci/requirements.txt", "Requirement already satisfied: pip in /opt/hostedtoolcache/Python/3.11.4/x64/lib/python3.11/site-packages (23.1.2)",
				"ERROR: Could not open requirements file: [Errno 2] No such file or directory: 'ci/requirements.txt'", "Error: Process completed with exit code 1."},
			cause: "pip-requirements-missing", titleHas: "ci/requirements.txt", likelyCause: "change",
		},
		{
			name: "maven given a property without -D",
			log: []string{"$ mvn -B verify .skipITs=true", "[INFO] Scanning for projects...", "[INFO] BUILD FAILURE",
				"[ERROR] Unknown lifecycle phase \".skipITs=true\". You must specify a valid lifecycle phase or a goal in the format <plugin-prefix>:<goal>",
				"[ERROR] -> [Help 1]", `The command "mvn -B verify .skipITs=true" exited with 1.`},
			cause: "maven-lifecycle", titleHas: "Maven", likelyCause: "change",
		},
		{
			name: "gradle's failure banner is gradle's",
			log: []string{"##[group]Run ./gradlew assembleRelease", "> Task :app:compileReleaseKotlin FAILED",
				"FAILURE: Build failed with an exception.", "", "* What went wrong:", "Execution failed for task ':app:compileReleaseKotlin'.",
				"> Compilation error. See log for more details", "", "* Try:", "> Run with --stacktrace option to get the stack trace.",
				"##[error]Process completed with exit code 1."},
			cause: "gradle-what-went-wrong", titleHas: "Gradle", titleHasNot: "FAILURE",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Analyze(strings.NewReader(strings.Join(tt.log, "\n")), nil)
			if err != nil {
				t.Fatal(err)
			}
			v := Decide(a, Evidence{})
			id := ""
			if a.Cause != nil {
				id = a.Cause.ID
			}
			if id != tt.cause || !strings.Contains(a.Title, tt.titleHas) ||
				tt.titleHasNot != "" && strings.Contains(a.Title, tt.titleHasNot) ||
				tt.likelyCause != "" && v.LikelyCause != tt.likelyCause || tt.notLikelyCase != "" && v.LikelyCause == tt.notLikelyCase {
				t.Errorf("cause %q title %q verdict %q; want cause %q, title with %q and without %q, verdict %q and not %q (why %v)",
					id, a.Title, v.LikelyCause, tt.cause, tt.titleHas, tt.titleHasNot, tt.likelyCause, tt.notLikelyCase, a.Why)
			}
		})
	}
}

// When a test tool's summary is all the log shows of a failure, the first
// test it names is the title, not the exit code after it.
func TestSummaryNamingATest(t *testing.T) {
	log := []string{"##[group]Run pytest -q", "=========================== short test summary info ============================",
		"FAILED tests/test_cart.py::test_total - AssertionError: assert 25 == 30",
		"FAILED tests/test_cart.py::test_empty - KeyError: 'items'",
		"========================= 2 failed, 40 passed in 3.21s =========================",
		"##[error]Process completed with exit code 1."}
	a, err := Analyze(strings.NewReader(strings.Join(log, "\n")), nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Category != "test" || !strings.Contains(a.Title, "test_total") || a.Reproduce != "pytest 'tests/test_cart.py::test_total'" {
		t.Errorf("category %q title %q reproduce %q; want test, test_total, pytest 'tests/test_cart.py::test_total' (why %v)", a.Category, a.Title, a.Reproduce, a.Why)
	}
}
