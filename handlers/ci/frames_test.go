package ci

import (
	"strings"
	"testing"
)

// The lines a CI system prints around its steps, and the time of day it
// puts before each line, are never what a title quotes.
func TestTitleSkipsCIFrames(t *testing.T) {
	tests := []struct {
		name    string
		log     []string
		hasNot  []string
		wantHas string
	}{
		{
			name: "azure section marks",
			log: []string{"##[section]Starting: Build the archive", "==============================================================================",
				"Task         : Xcode", "Version      : 5.231.5", "==============================================================================",
				"[command]/usr/bin/xcodebuild -workspace Shop.xcworkspace -scheme Shop archive", "** ARCHIVE FAILED **",
				"##[error]Error: The process '/usr/bin/xcodebuild' failed with exit code 65",
				"##[section]Finishing: Build the archive"},
			hasNot: []string{"Finishing", "Starting", "Task"},
		},
		{
			name: "jenkins clock prefix and build step summary",
			log: []string{"Started by an SCM change", "09:12:01 + ./ci/check-api.sh", "09:12:02 Checking the public API against api.txt",
				"09:12:03 Two exported functions lack a doc comment: cart.Total, cart.Add", "09:12:03 ",
				"09:12:03 Build step 'Execute shell' marked build as failure", "09:12:04 Finished: FAILURE"},
			hasNot: []string{"Build step", "09:12", "Finished"}, wantHas: "lack a doc comment",
		},
		{
			name: "gitlab runner banner",
			log: []string{"Running with gitlab-runner 16.4.1 (d89a789a)", "  on shared-runner-7 xZ1yQ2w3", "Preparing the \"docker\" executor",
				"Using Docker executor with image node:20 ...", "section_start:1700000000:step_script", "$ npm run build",
				"Build script found a missing asset: logo.svg", "section_end:1700000010:step_script",
				"ERROR: Job failed: exit code 1"},
			hasNot: []string{"gitlab-runner", "shared-runner", "section_"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Analyze(strings.NewReader(strings.Join(tt.log, "\n")), nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tt.hasNot {
				if strings.Contains(a.Title, s) {
					t.Errorf("title %q quotes %q (why %v)", a.Title, s, a.Why)
				}
			}
			if !strings.Contains(a.Title, tt.wantHas) {
				t.Errorf("title %q lacks %q (why %v)", a.Title, tt.wantHas, a.Why)
			}
		})
	}
}

func TestCIFrameIsNoKeyLine(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"##[section]Finishing: Run tests", true},
		{"##[group]Run npm test", true},
		{"Starting: Install dependencies", true},
		{"[Pipeline] stage", true},
		{"section_end:1700000010:step_script", true},
		{"Running with gitlab-runner 16.4.1 (d89a789a)", true},
		{`Preparing the "docker+machine" executor`, true},
		{"--- :docker: Build the image", true},
		{"~~~ Running commands", true},
		{"--- FAIL: TestCart (0.01s)", false},
		{"Starting the server failed: port 8080 in use", false},
		{"Started by an SCM change", true},
		{"Running on build-agent-2 in /var/lib/jenkins/workspace/shop", true},
		{"> git fetch --tags --progress -- https://github.com/acme/shop.git", true},
		{"Script contents:", true},
		{"========================== Starting Command Output ===========================", true},
	}
	for _, tt := range tests {
		if got := notAKeyLine(tt.line); got != tt.want {
			t.Errorf("notAKeyLine(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestTitleQuoteDropsClock(t *testing.T) {
	tests := []struct{ line, want string }{
		{"20:44:19 Two exported functions lack a doc comment", "Two exported functions lack a doc comment"},
		{"7:51:34 PM: npm error code ERESOLVE", "npm error code ERESOLVE"},
		{"[2024-03-02T07:42:18.160Z] [ERROR] Tests run: 4, Failures: 1", "Tests run: 4, Failures: 1"},
		{"10:30 meeting notes missing", "10:30 meeting notes missing"},
	}
	for _, tt := range tests {
		if got := titleQuote(tt.line); got != tt.want {
			t.Errorf("titleQuote(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

// A Buildkite section header names a section; it is no command, so it is
// never offered to reproduce the failure.
func TestBuildkiteSectionIsNoCommand(t *testing.T) {
	tests := []struct {
		name, step, reproduce string
		log                   []string
	}{
		{
			name: "section then command", step: ":rspec: Specs", reproduce: "bundle exec rspec",
			log: []string{"--- :bundler: Installing gems", "$ bundle install", "Bundle complete! 42 Gemfile dependencies.",
				"+++ :rspec: Specs", "$ bundle exec rspec spec/cart_spec.rb", "Cart rejects negative totals (FAILED - 1)",
				"Failures:", "  1) Cart rejects negative totals", "     Failure/Error: expect(cart.total).to eq(0)", "",
				"🚨 Error: The command exited with status 1"},
		},
		{
			name: "section alone", step: ":pipeline: Upload", reproduce: "",
			log: []string{"+++ :pipeline: Upload", "Reading .buildkite/pipeline.yml", "Pipeline upload failed: step 3 has no command",
				"🚨 Error: The command exited with status 1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Analyze(strings.NewReader(strings.Join(tt.log, "\n")), nil)
			if err != nil {
				t.Fatal(err)
			}
			if a.Step != tt.step || a.Reproduce != tt.reproduce {
				t.Errorf("step %q reproduce %q, want step %q reproduce %q (why %v)", a.Step, a.Reproduce, tt.step, tt.reproduce, a.Why)
			}
		})
	}
}

// When no step says it failed, the whole log is one step; it is named
// after the part the first error was printed in, not the last part the
// log reached, and the added lines of a test's diff are no commands.
func TestStepNamedWhereTheErrorIs(t *testing.T) {
	tests := []struct {
		name, step, reproduce string
		log                   []string
	}{
		{
			name: "jenkins stage before a later one", step: "Unit tests",
			log: []string{"[Pipeline] stage", "[Pipeline] { (Unit tests)", "[Pipeline] sh", "+ ./gradlew test --offline",
				"error: could not open the fixtures database", "[Pipeline] }", "[Pipeline] // stage", "[Pipeline] stage",
				"[Pipeline] { (Publish reports)", "[Pipeline] junit", "Recording test results", "[Pipeline] }", "[Pipeline] // stage",
				"[Pipeline] End of Pipeline"},
		},
		{
			name: "a diff under a test failure is not the step", step: "vendor/bin/phpunit", reproduce: "vendor/bin/phpunit",
			log: []string{"$ vendor/bin/phpunit", "1) Acme\\CartTest::testItems", "Failed asserting that two arrays are equal.",
				"--- Expected", "+++ Actual", "@@ @@", " Array (", "-    [2] => 'pear'", "+    [2] => 'plum'", " )", "",
				"FAILURES!", "Tests: 12, Assertions: 30, Failures: 1."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Analyze(strings.NewReader(strings.Join(tt.log, "\n")), nil)
			if err != nil {
				t.Fatal(err)
			}
			if a.Step != tt.step || tt.reproduce != "" && a.Reproduce != tt.reproduce {
				t.Errorf("step %q reproduce %q, want step %q reproduce %q (why %v)", a.Step, a.Reproduce, tt.step, tt.reproduce, a.Why)
			}
		})
	}
}

func TestIsBuildkiteHeader(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"--- :docker: Build the image", true},
		{"+++ :rspec: Specs", true},
		{"~~~ Running commands", true},
		{"+++ Actual", false},
		{"--- Expected", false},
		{"--- config/app.yml\t2024-05-01 10:00:00.000000000 +0000", false},
		{"--- FAIL: TestCart (0.01s)", false},
		{"--- stderr", false},
	}
	for _, tt := range tests {
		if got := isBuildkiteHeader([]byte(tt.line)); got != tt.want {
			t.Errorf("isBuildkiteHeader(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// Jenkins says which build step failed; what its post-build actions print
// after that does not explain the failure. Its marks are read behind a
// timestamper's time too.
func TestJenkinsStepEnds(t *testing.T) {
	tests := []struct {
		name, step, titleHas, titleHasNot string
		log                               []string
	}{
		{
			name: "freestyle job with a post-build task", titleHasNot: "workspace",
			log: []string{"Started by upstream project \"shop-ci\"", "[shop] $ /bin/bash -e /tmp/jenkins123.sh", "+ make check",
				"loading the fixtures failed: tests/fixtures/cart.json is not valid JSON", "make: *** [check] Error 1",
				"Build step 'Execute shell' marked build as failure", "Performing Post build task...",
				"Exception when executing the batch command : no workspace from node agent-4", "Build step 'Post build task' marked build as failure",
				"Finished: FAILURE"},
		},
		{
			name: "pipeline with a clock timestamper", step: "Build", titleHas: "schema is out of date",
			log: []string{"10:00:01 [Pipeline] stage", "10:00:01 [Pipeline] { (Build)", "10:00:02 [Pipeline] sh",
				"10:00:02 + ./build.sh", "10:00:09 error: the generated schema is out of date", "10:00:09 [Pipeline] }",
				"10:00:09 [Pipeline] // stage", "10:00:09 [Pipeline] stage", "10:00:09 [Pipeline] { (Deploy)",
				"10:00:09 Stage \"Deploy\" skipped due to earlier failure(s)", "10:00:10 ERROR: script returned exit code 1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Analyze(strings.NewReader(strings.Join(tt.log, "\n")), nil)
			if err != nil {
				t.Fatal(err)
			}
			if tt.step != "" && a.Step != tt.step || !strings.Contains(a.Title, tt.titleHas) ||
				tt.titleHasNot != "" && strings.Contains(a.Title, tt.titleHasNot) || a.Note != "" {
				t.Errorf("step %q title %q note %q, want step %q, title with %q and without %q, no note (why %v)",
					a.Step, a.Title, a.Note, tt.step, tt.titleHas, tt.titleHasNot, a.Why)
			}
		})
	}
}

// The script a CI system echoes before running it is what ran: it gives
// the command to reproduce and is never quoted as what went wrong.
func TestEchoedScriptIsTheCommand(t *testing.T) {
	tests := []struct {
		name, step, reproduce, titleHasNot, titleHas2 string
		log                                           []string
	}{
		{
			name: "azure command line task", step: "Lint", reproduce: "ruff check src --output-format junit -o lint.xml",
			titleHasNot: "ruff check", titleHas2: "exited with code 1",
			log: []string{"##[section]Starting: Lint", "==============================================================================",
				"Task         : Command line", "Version      : 2.231.1", "==============================================================================",
				"Generating script.", "Script contents:", "ruff check src --output-format junit -o lint.xml",
				"========================== Starting Command Output ===========================",
				"/usr/bin/bash --noprofile --norc /home/vsts/work/_temp/1a2b3c.sh", "##[error]Bash exited with code '1'.",
				"##[section]Finishing: Lint"},
		},
		{
			name: "actions script echoed in its group", step: "./ci/check-generated.sh", reproduce: "./ci/check-generated.sh",
			titleHasNot: "check-generated",
			log: []string{"##[group]Run ./ci/check-generated.sh", "./ci/check-generated.sh", "shell: /usr/bin/bash -e {0}", "##[endgroup]",
				"regenerating the protobuf code", "the generated code differs from the committed code", "##[error]Process completed with exit code 1."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Analyze(strings.NewReader(strings.Join(tt.log, "\n")), nil)
			if err != nil {
				t.Fatal(err)
			}
			if a.Step != tt.step || a.Reproduce != tt.reproduce || strings.Contains(a.Title, tt.titleHasNot) ||
				!strings.Contains(a.Title, tt.titleHas2) {
				t.Errorf("step %q reproduce %q title %q; want step %q reproduce %q, title without %q (why %v)",
					a.Step, a.Reproduce, a.Title, tt.step, tt.reproduce, tt.titleHasNot, a.Why)
			}
		})
	}
}

// CircleCI prints a run step's command under its shell line; that is the
// command to reproduce, not what went wrong.
func TestCircleCICommand(t *testing.T) {
	log := []string{"#!/bin/bash -eo pipefail", "npx jest --ci --runInBand", "PASS src/cart.test.js",
		"FAIL src/order.test.js", "  ● Order › totals include tax", "", "    expect(received).toBe(expected) // Object.is equality",
		"", "    Expected: 108", "    Received: 100", "", "Tests:       1 failed, 41 passed, 42 total", "",
		"Exited with code exit status 1"}
	a, err := Analyze(strings.NewReader(strings.Join(log, "\n")), nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Reproduce == "" || !strings.HasPrefix(a.Reproduce, "npx jest") || strings.Contains(a.Title, "npx jest --ci") || a.Category != "test" {
		t.Errorf("title %q category %q reproduce %q; want a test failure reproduced with npx jest (why %v)", a.Title, a.Category, a.Reproduce, a.Why)
	}
}
