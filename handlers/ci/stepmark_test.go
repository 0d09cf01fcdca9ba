package ci

import (
	"strings"
	"testing"
)

func TestStepMark(t *testing.T) {
	tests := []struct {
		name string
		line string
		kind markKind
		code int
		text string
	}{
		{"travis failure", `The command "make test" exited with 2.`, markExit, 2, ""},
		{"travis success", `The command "npm test" exited with 0.`, markExit, 0, ""},
		{"travis multi-line command end", `" exited with 255.`, markExit, 255, ""},
		{"travis final line is not a step", `Done. Your build exited with 1.`, markNone, 0, ""},
		{"actions failure", `##[error]Process completed with exit code 1.`, markExit, 1, ""},
		{"actions step", `##[group]Run go test ./...`, markStart, 0, "go test ./..."},
		{"actions other group", `##[group]Runner Image`, markNone, 0, ""},
		{"gitlab job failed", `ERROR: Job failed: exit code 1`, markExit, 1, ""},
		{"gitlab section", `section_start:1560896352:step_script`, markName, 0, "step_script"},
		{"jenkins sh failed", `ERROR: script returned exit code 2`, markExit, 2, ""},
		{"jenkins stage", `[Pipeline] { (Build)`, markName, 0, "Build"},
		{"azure bash", `##[error]Bash exited with code '1'.`, markExit, 1, ""},
		{"azure step", `##[section]Starting: Run tests`, markStart, 0, "Run tests"},
		{"circleci", `Exited with code exit status 1`, markExit, 1, ""},
		{"buildkite", `🚨 Error: The command exited with status 1`, markExit, 1, ""},
		{"buildkite header names only", `--- :go: Test`, markSection, 0, ":go: Test"},
		{"diff header is no step", `--- a/main.go`, markNone, 0, ""},
		{"travis command", `$ make test`, markCommand, 0, "make test"},
		{"shell trace", `+ go vet ./...`, markCommand, 0, "go vet ./..."},
		{"error text is no mark", `error: something exited badly`, markNone, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kind, code, text := stepMark([]byte(tt.line))
			if kind != tt.kind || code != tt.code || text != tt.text {
				t.Errorf("stepMark(%q) = %d, %d, %q; want %d, %d, %q", tt.line, kind, code, text, tt.kind, tt.code, tt.text)
			}
		})
	}
}

func TestCannotFail(t *testing.T) {
	for cmd, want := range map[string]bool{
		"mvn -B verify --fail-never":  true,
		"./lint.sh || true":           true,
		"set +e; make check":          true,
		"make test":                   false,
		"true && make test":           false,
		"grep -q x file || echo miss": false,
	} {
		if got := cannotFail(cmd); got != want {
			t.Errorf("cannotFail(%q) = %v, want %v", cmd, got, want)
		}
	}
}

// Errors of a step that went well never explain the failure: only the
// step that exited non-zero is read.
func TestFailingStepOnly(t *testing.T) {
	log := strings.Join([]string{
		"$ mvn -B install --fail-never",
		"[ERROR] Failed to execute goal on project old: compilation failure",
		"[ERROR] /src/Old.java:[3,1] cannot find symbol",
		`The command "mvn -B install --fail-never" exited with 0.`,
		"$ ./gradlew check",
		"> Task :compileJava FAILED",
		"error: class file has wrong version 61.0, should be 55.0",
		"BUILD FAILED in 3s",
		`The command "./gradlew check" exited with 1.`,
		"$ echo after",
		"error: this runs after the failure",
	}, "\n")
	a, err := Analyze(strings.NewReader(log), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range a.Excerpts {
		if e.StartLine < 5 || e.EndLine > 9 {
			t.Errorf("excerpt %d-%d leaves the failing step (lines 5-9): %q", e.StartLine, e.EndLine, e.Text)
		}
	}
	if !holdsText(a.Excerpts, "class file has wrong version") {
		t.Errorf("excerpts %+v miss the failing step's error", a.Excerpts)
	}
	if a.Step != "./gradlew check" {
		t.Errorf("step %q, want ./gradlew check", a.Step)
	}
	for _, f := range a.Findings {
		if f.Line < 5 || f.Line > 9 {
			t.Errorf("finding outside the failing step: %+v", f)
		}
	}
}

func TestIsTrace(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"+ make test", true},
		{"+ ./scripts/run-tests.sh --fast", true},
		{"+ set -e", false},
		{"+ lfw-a.tgz: successfully checked", false},
		{"+ 3 files, 2 folders", false},
		{"+", false},
		{"$ make test", false},
		{"+    [2] => 'expected'", false},
		{"+        'proxy' => 'tcp://proxy:443'", false},
		{"+	assertEquals(3, $total);", false},
		{"+ [[ -f build/app ]]", true},
	}
	for _, tt := range tests {
		if got := isTrace([]byte(tt.line)); got != tt.want {
			t.Errorf("isTrace(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// Output that starts with "+ " or is a program's "--- stderr" section
// does not rename the step it is printed in.
func TestOutputIsNoStep(t *testing.T) {
	log := strings.Join([]string{"$ ./ci/test.sh", "+ data.tgz: successfully checked", "--- stdout", "--- stderr",
		"error: widget.c is missing", `The command "./ci/test.sh" exited with 1.`}, "\n")
	a, err := Analyze(strings.NewReader(log), nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Step != "./ci/test.sh" || a.Reproduce != "./ci/test.sh" {
		t.Errorf("step %q reproduce %q, want ./ci/test.sh for both", a.Step, a.Reproduce)
	}
}

// On Travis a command that fails is followed by a line saying so, so an
// error printed by an earlier command that ended without one (an install
// step's noise) is not why the build failed; a program's own "$ cmd"
// line (yarn's, colored) starts no command.
func TestTravisCommandsThatEndQuietlyWentWell(t *testing.T) {
	log := strings.Join([]string{
		"travis_fold:start:install\x1b[0Ktravis_time:start:1a2b\x1b[0K$ ./install-tools.sh",
		"/home/travis/.travis/job_stages: line 476: yarn: command not found",
		"travis_time:end:1a2b:start=1,finish=2,duration=1\x1b[0Ktravis_fold:end:install",
		"travis_time:start:3c4d\x1b[0K$ ./build.sh",
		"building",
		"\x1b[2K\x1b[1G\x1b[2m$ /home/travis/build/acme/shop/node_modules/.bin/tsc -p .\x1b[22m",
		"src/cart.ts(12,5): error TS2322: Type 'string' is not assignable to type 'number'.",
		"\x1b[2K\x1b[1G\x1b[31merror\x1b[39m Command failed with exit code 2.",
		"travis_time:end:3c4d:start=2,finish=3,duration=1\x1b[0K",
		"\x1b[31;1mThe command \"./build.sh\" exited with 2.\x1b[0m",
	}, "\n")
	a, err := Analyze(strings.NewReader(log), nil)
	if err != nil {
		t.Fatal(err)
	}
	if covers(a.Excerpts, 2, 2) || !covers(a.Excerpts, 7, 7) {
		t.Errorf("excerpts %v, want line 7 and not line 2 (why %v)", ranges(a.Excerpts), a.Why)
	}
	if a.Step != "./build.sh" {
		t.Errorf("step %q, want ./build.sh", a.Step)
	}
}
