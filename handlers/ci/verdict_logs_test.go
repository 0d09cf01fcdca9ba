package ci

import (
	"regexp"
	"strings"
	"testing"
)

// decideLog analyses a log written line by line and weighs it without
// evidence from other runs.
func decideLog(t *testing.T, lines ...string) (Analysis, Verdict) {
	t.Helper()
	a, err := Analyze(strings.NewReader(strings.Join(lines, "\n")+"\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	return a, Decide(a, Evidence{})
}

// The verdict follows what the log shows about the machine, the network,
// a Docker RUN command and the step that failed; its sentence reads as a
// sentence whatever the title, and names no raw log line.
func TestVerdictsOnRealShapedLogs(t *testing.T) {
	tests := []struct {
		name        string
		log         []string
		cause       string // the cause's id
		likely      string
		key         string
		reasonHas   string
		reasonHasNo []string
	}{
		{
			name: "a buildx RUN step with nothing of its output is unclear, not a compile failure",
			log: []string{
				`Error: buildx failed with: ERROR: failed to solve: process "/bin/sh -c go mod download" did not complete successfully: exit code: 1`,
			},
			cause: "docker-run-failed", likely: LikelyUnknown, key: ReasonNoTell,
			reasonHasNo: []string{"compile", "line 1", "points at the change"},
		},
		{
			name: "a link checker's dead links may come from outside the change, not from 'the machine' alone",
			log: []string{
				"$ awesome_bot README.md --allow-redirect",
				"Issues :-(",
				"  [✖] https://example.com/old-page → Status: 404",
				`The command "awesome_bot README.md --allow-redirect" exited with 1.`,
			},
			cause: "link-check", likely: LikelyUnknown, key: ReasonEither, reasonHas: "outside it",
		},
		{
			name: "pytest that collected nothing (exit 5) says so",
			log: []string{
				"2024-03-01T10:00:00.0000000Z ##[group]Run pytest tests/",
				"2024-03-01T10:00:01.0000000Z ============================= test session starts ==============================",
				"2024-03-01T10:00:01.0000000Z platform linux -- Python 3.12.2, pytest-8.1.1, pluggy-1.4.0",
				"2024-03-01T10:00:01.0000000Z rootdir: /home/runner/work/shop/shop",
				"2024-03-01T10:00:01.0000000Z collected 0 items",
				"2024-03-01T10:00:01.0000000Z ",
				"2024-03-01T10:00:01.0000000Z ============================ no tests ran in 0.02s =============================",
				"2024-03-01T10:00:01.0000000Z ##[error]Process completed with exit code 5.",
			},
			cause: "pytest-no-tests", likely: LikelyChange, key: ReasonChange,
			reasonHasNo: []string{"rootdir"},
		},
		{
			name: "a buildx RUN step whose apk add failed with no output shown is unclear",
			log: []string{
				`Error: buildx failed with: error: failed to solve: process "/bin/sh -c apk add git python-dev make g++ gettext" did not complete successfully: exit code: 1`,
			},
			cause: "docker-run-failed", likely: LikelyUnknown, key: ReasonNoTell,
		},
		{
			name: "a RUN command that timed out on the module proxy is the network",
			log: []string{
				"2024-03-01T10:00:00.0000000Z ##[group]Run docker/build-push-action@v5",
				"2024-03-01T10:00:01.0000000Z #8 [builder 4/6] RUN go mod download",
				`2024-03-01T10:00:31.0000000Z #8 30.12 go: github.com/acme/log@v1.1.12: Get "https://proxy.golang.org/github.com/acme/log/@v/v1.1.12.mod": dial tcp 142.250.72.17:443: i/o timeout`,
				`2024-03-01T10:00:31.0000000Z #8 ERROR: process "/bin/sh -c go mod download" did not complete successfully: exit code: 1`,
				`2024-03-01T10:00:31.0000000Z ERROR: failed to solve: process "/bin/sh -c go mod download" did not complete successfully: exit code: 1`,
				`2024-03-01T10:00:32.0000000Z ##[error]buildx failed with: ERROR: failed to solve: process "/bin/sh -c go mod download" did not complete successfully: exit code: 1`,
			},
			cause: "network", likely: LikelyInfrastructure, key: ReasonNetwork, reasonHas: "network",
			reasonHasNo: []string{"A network request failed"},
		},
		{
			name: "a package the base image lacks is not blamed on the change",
			log: []string{
				"2024-03-01T10:00:00.0000000Z ##[group]Run docker/build-push-action@v5",
				"2024-03-01T10:00:01.0000000Z #5 [2/7] RUN apk add git python-dev make g++ gettext",
				"2024-03-01T10:00:01.0000000Z #5 0.312 fetch https://dl-cdn.alpinelinux.org/alpine/v3.19/main/x86_64/APKINDEX.tar.gz",
				"2024-03-01T10:00:02.0000000Z #5 1.604 ERROR: unable to select packages:",
				"2024-03-01T10:00:02.0000000Z #5 1.640   python-dev (no such package):",
				"2024-03-01T10:00:02.0000000Z #5 1.640     required by: world[python-dev]",
				`2024-03-01T10:00:02.0000000Z #5 ERROR: process "/bin/sh -c apk add git python-dev make g++ gettext" did not complete successfully: exit code: 1`,
				`2024-03-01T10:00:03.0000000Z ##[error]buildx failed with: ERROR: failed to solve: process "/bin/sh -c apk add git python-dev make g++ gettext" did not complete successfully: exit code: 1`,
			},
			cause: "os-package-missing", likely: LikelyUnknown,
		},
		{
			name: "apt that cannot locate a package is not blamed on the change",
			log: []string{
				"Step 4/9 : RUN apt-get update && apt-get install -y libssl1.0-dev",
				"Reading package lists...",
				"E: Unable to locate package libssl1.0-dev",
				"The command '/bin/sh -c apt-get update && apt-get install -y libssl1.0-dev' returned a non-zero code: 100",
			},
			cause: "os-package-missing", likely: LikelyUnknown,
		},
		{
			name: "no Docker daemon is the machine, not the network",
			log: []string{
				"~~~ :docker: Checking docker",
				"Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
				":alert: Docker isn't running!",
				"🚨 Error: The command exited with status 1",
			},
			cause: "docker-daemon", likely: LikelyInfrastructure, key: ReasonInfra, reasonHas: "CI machine",
			reasonHasNo: []string{"network", "No Docker daemon"},
		},
		{
			name: "a Jenkins tool installation without its executable is the machine",
			log: []string{
				"Checking out Revision 83d18e6fbd548d1fd2c20cf107ac993b7212ed5a (origin/pr/4870/merge)",
				" > git checkout -f 83d18e6fbd548d1fd2c20cf107ac993b7212ed5a",
				"FATAL: Couldn’t find any executable in /home/jenkins/tools/hudson.tasks.Maven_MavenInstallation/maven-3.6",
				"Build step 'Invoke top-level Maven targets' marked build as failure",
				"Finished: FAILURE",
			},
			cause: "ci-tool-missing", likely: LikelyInfrastructure, key: ReasonInfra,
		},
		{
			name: "Jenkins that cannot run mvn is the machine",
			log: []string{
				"[app] $ mvn clean -B test",
				"FATAL: command execution failed",
				`java.io.IOException: Cannot run program "mvn" (in directory "/var/jenkins_home/workspace/app"): error=2, No such file or directory`,
				"\tat java.lang.ProcessBuilder.start(ProcessBuilder.java:1048)",
				"\tat hudson.Proc$LocalProc.<init>(Proc.java:252)",
				"Build step 'Execute shell' marked build as failure",
				"Finished: FAILURE",
			},
			cause: "ci-tool-missing", likely: LikelyInfrastructure, key: ReasonInfra,
		},
		{
			name: "a full disk does not blame the network",
			log: []string{
				"##[group]Run go build ./...",
				"write /tmp/go-build123/b001/exe/a.out: no space left on device",
				"##[error]Process completed with exit code 1.",
			},
			cause: "disk-full", likely: LikelyInfrastructure, key: ReasonInfra,
			reasonHasNo: []string{"network", "ran out of disk space is"},
		},
		{
			name: "a traceback in an install step is not a test failure of the change",
			log: []string{
				"##[section]Starting: Install Safari Technology Preview",
				"==============================================================================",
				"Task         : Command line",
				"==============================================================================",
				"+ ./wpt install --channel preview --download-only -d . --rename STP safari browser",
				"INFO:install:Now installing safari browser...",
				"INFO:install:Finding STP download URLs",
				"WARNING:install:Did not find any STP URLs",
				"Traceback (most recent call last):",
				`  File "/Users/runner/work/1/s/./wpt", line 10, in <module>`,
				"    wpt.main()",
				`  File "/Users/runner/work/1/s/tools/wpt/install.py", line 89, in run`,
				"    raise ValueError(\"no download URL\")",
				"ValueError: no download URL",
				"##[error]Bash exited with code '1'.",
				"##[section]Finishing: Install Safari Technology Preview",
			},
			cause: "python-traceback", likely: LikelyUnknown, key: ReasonSetupStep,
			reasonHasNo: []string{"test failure"},
		},
		{
			name: "a traceback while the tests run still points at the change",
			log: []string{
				"##[group]Run python -m unittest discover tests",
				"Traceback (most recent call last):",
				`  File "/home/runner/work/app/app/tests/test_cart.py", line 4, in <module>`,
				"    from app.cart import total",
				"ImportError: cannot import name 'total' from 'app.cart'",
				"##[error]Process completed with exit code 1.",
			},
			cause: "python-traceback", likely: LikelyChange, key: ReasonChange, reasonHas: "A test failure like this",
		},
		{
			name: "a compile error names no raw line number",
			log: []string{
				"##[group]Run go build ./...",
				"# example.com/app/cart",
				"cart/total.go:12:2: undefined: price",
				"##[error]Process completed with exit code 1.",
			},
			cause: "go-build", likely: LikelyChange, key: ReasonChange, reasonHas: "A compile failure like this",
		},
	}
	lineNumber := regexp.MustCompile(`\bline \d+`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, v := decideLog(t, tt.log...)
			if a.Cause == nil || a.Cause.ID != tt.cause {
				t.Fatalf("cause = %v, want %s (title %q, why %q)", a.Cause, tt.cause, a.Title, a.Why)
			}
			if v.LikelyCause != tt.likely || (tt.key != "" && v.Key != tt.key) {
				t.Errorf("verdict = %s/%s %q, want %s/%s", v.LikelyCause, v.Key, v.Reason, tt.likely, tt.key)
			}
			if !strings.Contains(v.Reason, tt.reasonHas) {
				t.Errorf("reason %q does not say %q", v.Reason, tt.reasonHas)
			}
			for _, no := range append(tt.reasonHasNo, a.Title) {
				if no != "" && strings.Contains(v.Reason, no) {
					t.Errorf("reason %q says %q", v.Reason, no)
				}
			}
			if lineNumber.MatchString(v.Reason) {
				t.Errorf("reason %q names a raw log line", v.Reason)
			}
		})
	}
}

// A next step never promises a command that the comment may not show: the
// command to reproduce comes on its own line only when the log has it.
// The phrases are each language's words for "the command below" as the
// translations wrote them.
func TestNextStepsPromiseNoCommand(t *testing.T) {
	promises := map[string]*regexp.Regexp{
		"en":      regexp.MustCompile(`(?i)command (below|above)|below command|named below`),
		"de":      regexp.MustCompile(`Befehl (unten|oben)|untenstehende`),
		"es":      regexp.MustCompile(`comando de (abajo|arriba)`),
		"fr":      regexp.MustCompile(`commande ci-(dessous|dessus)`),
		"pt-BR":   regexp.MustCompile(`comando (abaixo|acima)`),
		"ja":      regexp.MustCompile(`(下|上)のコマンド`),
		"zh-Hans": regexp.MustCompile(`(下面|上面)的命令`),
	}
	for _, c := range Builtin().Causes() {
		for tag, re := range promises {
			steps := c.NextSteps
			if tag != "en" {
				steps = Translations(tag)[c.ID].NextSteps
			}
			for _, s := range steps {
				if re.MatchString(s) {
					t.Errorf("%s (%s): %q promises a command", c.ID, tag, s)
				}
			}
		}
	}
}

// RSpec lists the command that re-runs each failed example; when the log
// shows no step command, that is the command offered.
func TestRSpecRerunCommandOffered(t *testing.T) {
	log := []string{
		" |23:30:29| app |main ✗| → docker container run -it acme/rails_app:v1 rspec",
		"...........F.............",
		"",
		"Failures:",
		"",
		"  1) ProgressUpdateJob#perform sets the progress to 100 when more pages were read than the book has",
		"     Failure/Error: expect { described_class.new.perform(book.id) }.to change { book.reload.progress }.from(nil).to(100)",
		"       expected `book.reload.progress` to have changed to 100, but is now 115",
		"     # ./spec/jobs/progress_update_job_spec.rb:18:in `block (3 levels) in <main>'",
		"",
		"Finished in 1.46 seconds (files took 2.65 seconds to load)",
		"25 examples, 1 failure",
		"",
		"Failed examples:",
		"",
		"rspec ./spec/jobs/progress_update_job_spec.rb:13 # ProgressUpdateJob#perform sets the progress to 100 when more pages were read than the book has",
	}
	a, v := decideLog(t, log...)
	if a.Cause == nil || a.Cause.ID != "rspec-failure" || v.LikelyCause != LikelyChange {
		t.Fatalf("cause %v, verdict %+v", a.Cause, v)
	}
	if want := "rspec ./spec/jobs/progress_update_job_spec.rb:13"; a.Reproduce != want {
		t.Errorf("reproduce = %q, want %q", a.Reproduce, want)
	}
	// Without the list there is nothing to offer, and the step stands alone.
	a, _ = decideLog(t, log[:12]...)
	if a.Reproduce != "" {
		t.Errorf("reproduce without RSpec's list = %q, want none", a.Reproduce)
	}
	// A step's own rspec command still wins, with the example's place.
	a, _ = decideLog(t, append([]string{"##[group]Run bundle exec rspec"}, log[1:]...)...)
	if want := "bundle exec rspec ./spec/jobs/progress_update_job_spec.rb:13"; a.Reproduce != want {
		t.Errorf("reproduce with a step command = %q, want %q", a.Reproduce, want)
	}
}

// npm's peer-dependency conflict is not fixed by a new lockfile: the advice
// is to align the versions, and --legacy-peer-deps comes only with its risk.
func TestERESOLVEAdvice(t *testing.T) {
	a, v := decideLog(t,
		"##[group]Run npm ci",
		"npm ERR! code ERESOLVE",
		"npm ERR! ERESOLVE could not resolve",
		"npm ERR!",
		"npm ERR! While resolving: @material-ui/core@4.12.4",
		"npm ERR! Found: @types/react@18.0.28",
		"npm ERR! node_modules/@types/react",
		`npm ERR!   @types/react@"^18.0.14" from the root project`,
		"npm ERR!",
		`npm ERR! Could not resolve dependency:`,
		`npm ERR! peerOptional @types/react@"^16.8.6 || ^17.0.0" from @material-ui/core@4.12.4`,
		"##[error]Process completed with exit code 1.",
	)
	if a.Cause == nil || a.Cause.ID != "npm-peer-conflict" || v.LikelyCause != LikelyChange {
		t.Fatalf("cause %v, verdict %+v", a.Cause, v)
	}
	steps := strings.Join(a.Cause.NextSteps, "\n")
	if strings.Contains(steps, "commit the updated lockfile") {
		t.Errorf("next steps offer a new lockfile as the fix:\n%s", steps)
	}
	if !strings.Contains(a.Cause.NextSteps[0], "Align the versions") {
		t.Errorf("first step %q does not say to align the versions", a.Cause.NextSteps[0])
	}
	if last := a.Cause.NextSteps[len(a.Cause.NextSteps)-1]; !strings.Contains(last, "--legacy-peer-deps") || !strings.Contains(last, "stopgap") || !strings.Contains(last, "break") {
		t.Errorf("--legacy-peer-deps is not offered as a stopgap with its risk: %q", last)
	}
	// A lockfile that does not match package.json keeps its own advice.
	a, _ = decideLog(t, "##[group]Run npm ci",
		"npm ERR! `npm ci` can only install packages when your package.json and package-lock.json or npm-shrinkwrap.json are in sync.",
		"##[error]Process completed with exit code 1.")
	if a.Cause == nil || a.Cause.ID != "npm-resolve" || !strings.Contains(a.Cause.NextSteps[0], "lockfile") {
		t.Errorf("an out-of-sync lockfile: cause %v", a.Cause)
	}
}
