package settings

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/prcoach/prcoach/handlers/tone"
)

// view is what handlers can observe of Settings, probed with fixed inputs.
type view struct {
	ToneMode     string
	ToneEnabled  bool
	Threshold    float64
	ToneCap      int
	ExplainCap   int
	Language     string
	Explained    []string // of probeChecks
	IgnoredUsers []string // of probeUsers
	MayExplain   []string // of probeAssociations, "+author" when isPRAuthor
	ByPermission bool
	Known        []string // ids
}

var (
	probeChecks       = []string{"build", "CI / test (ubuntu-latest)", "codecov/patch", "docs", "lint"}
	probeUsers        = []string{"alice", "dependabot[bot]", "renovate[bot]", "Bob"}
	probeAssociations = []string{"OWNER", "MEMBER", "COLLABORATOR", "CONTRIBUTOR", "NONE"}
)

func viewOf(s Settings) view {
	v := view{ToneMode: s.ToneMode(), ToneEnabled: s.ToneEnabled(), Threshold: s.Threshold(),
		ToneCap: s.ToneRepliesPerPR(), ExplainCap: s.ExplainRepliesPerPR(), Language: s.Language(),
		ByPermission: s.ExplainByPermission()}
	for _, c := range probeChecks {
		if s.ExplainsCheck(c) {
			v.Explained = append(v.Explained, c)
		}
	}
	for _, u := range probeUsers {
		if s.IgnoresUser(u) {
			v.IgnoredUsers = append(v.IgnoredUsers, u)
		}
	}
	for _, a := range probeAssociations {
		for _, author := range []bool{false, true} {
			if s.MayExplain(a, author) {
				if author {
					a += "+author"
				}
				v.MayExplain = append(v.MayExplain, a)
			}
		}
	}
	for _, c := range s.KnownFailures() {
		v.Known = append(v.Known, c.ID)
	}
	return v
}

func TestDefault(t *testing.T) {
	want := view{ToneMode: "reply", ToneEnabled: true, Threshold: tone.DefaultThreshold, ToneCap: 5,
		ExplainCap: 10, Language: "en", Explained: probeChecks, ByPermission: true,
		MayExplain: []string{"OWNER", "OWNER+author", "MEMBER", "MEMBER+author", "COLLABORATOR",
			"COLLABORATOR+author", "CONTRIBUTOR+author", "NONE+author"}}
	if diff := cmp.Diff(want, viewOf(Default())); diff != "" {
		t.Errorf("Default() (-want +got):\n%s", diff)
	}
}

func TestParseValid(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want func(v *view) // changes from the defaults
	}{
		{"only the version", "version: 1\n", func(v *view) {}},
		{"empty groups keep the defaults", "version: 1\nchecks:\ntone:\nexplain:\n", func(v *view) {}},
		{"ignore checks by glob", "version: 1\nchecks:\n  ignore: [\"codecov/*\", DOCS]\n", func(v *view) {
			v.Explained = []string{"build", "CI / test (ubuntu-latest)", "lint"}
		}},
		{"only some checks, star crosses slashes and spaces", "version: 1\nchecks:\n  only: [\"ci /*\"]\n", func(v *view) {
			v.Explained = []string{"CI / test (ubuntu-latest)"}
		}},
		{"ignore wins over only", "version: 1\nchecks:\n  only: [\"*\"]\n  ignore: [lint, \"?uild\"]\n", func(v *view) {
			v.Explained = []string{"CI / test (ubuntu-latest)", "codecov/patch", "docs"}
		}},
		{"tone off", "version: 1\ntone:\n  mode: off\n", func(v *view) { v.ToneMode, v.ToneEnabled = "off", false }},
		{"tone mode in capitals", "version: 1\ntone:\n  mode: Reply\n", func(v *view) {}},
		{"threshold and cap", "version: 1\ntone: {threshold: 0.8, max_replies_per_pr: 2}\n", func(v *view) {
			v.Threshold, v.ToneCap = 0.8, 2
		}},
		{"threshold of exactly 1", "version: 1\ntone: {threshold: 1}\n", func(v *view) { v.Threshold = 1 }},
		{"zero tone replies turns tone off", "version: 1\ntone:\n  max_replies_per_pr: 0\n", func(v *view) {
			v.ToneCap, v.ToneEnabled = 0, false
		}},
		{"ignore users, brackets literal, case ignored", "version: 1\ntone:\n  ignore_users: [\"dependabot[bot]\", bob]\n", func(v *view) {
			v.IgnoredUsers = []string{"dependabot[bot]", "Bob"}
		}},
		{"ignore users by glob", "version: 1\ntone:\n  ignore_users: [\"*[bot]\"]\n", func(v *view) {
			v.IgnoredUsers = []string{"dependabot[bot]", "renovate[bot]"}
		}},
		{"explain for everyone", "version: 1\nexplain:\n  allow: [everyone]\n", func(v *view) {
			v.ByPermission = false
			v.MayExplain = nil
			for _, a := range probeAssociations {
				v.MayExplain = append(v.MayExplain, a, a+"+author")
			}
		}},
		{"explain for the author only", "version: 1\nexplain:\n  allow: [Author]\n", func(v *view) {
			v.ByPermission = false
			v.MayExplain = []string{"OWNER+author", "MEMBER+author", "COLLABORATOR+author", "CONTRIBUTOR+author", "NONE+author"}
		}},
		{"an empty allow list turns explain off", "version: 1\nexplain:\n  allow: []\n  max_replies_per_pr: 3\n", func(v *view) {
			v.ByPermission, v.MayExplain, v.ExplainCap = false, nil, 3
		}},
		{"language with region", "version: 1\nlanguage: pt-BR\n", func(v *view) { v.Language = "pt-br" }},
		{"known failures with and without id", "version: 1\nknown_failures:\n  - id: flaky-redis\n    pattern: 'redis: connection reset'\n    explanation: Our Redis drops connections.\n    flaky: true\n  - patterns: ['^E2E timeout', 'selenium\\.']\n    explanation: The browser grid is slow.\n    infrastructure: true\n", func(v *view) {
			v.Known = []string{"flaky-redis", "repo-2"}
		}},
		{"anchors and aliases", "version: 1\nchecks:\n  ignore: &skip [docs, lint]\n  only: *skip\n", func(v *view) { v.Explained = nil }},
		{"merge keys", "version: 1\nknown_failures:\n  - &redis\n    id: redis-a\n    pattern: redis reset\n    explanation: Redis.\n  - <<: *redis\n    id: redis-b\n", func(v *view) {
			v.Known = []string{"redis-a", "redis-b"}
		}},
		{"flow style on one line", "{version: 1, tone: {mode: off}}", func(v *view) { v.ToneMode, v.ToneEnabled = "off", false }},
		{"windows line endings", "version: 1\r\ntone:\r\n  threshold: 0.7\r\n", func(v *view) { v.Threshold = 0.7 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse([]byte(tt.in))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			want := viewOf(Default())
			tt.want(&want)
			if diff := cmp.Diff(want, viewOf(s)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseProblemsLeaveDefaults(t *testing.T) {
	s, err := Parse([]byte("version: 1\ntone:\n  mode: loud\n"))
	if err == nil {
		t.Fatal("Parse accepted a bad tone mode")
	}
	if diff := cmp.Diff(viewOf(Default()), viewOf(s)); diff != "" {
		t.Errorf("settings returned with an error are not the defaults (-want +got):\n%s", diff)
	}
	if _, ok := err.(*ParseError); !ok {
		t.Errorf("error is %T, want *ParseError", err)
	}
}

func TestParseErrorMessage(t *testing.T) {
	_, err := Parse([]byte("version: 1\ntone:\n  mode: loud\n  treshold: 0.7\n"))
	want := `.github/prcoach.yml has 2 problems, so PR Coach uses its default settings until they are fixed:
- line 3, tone.mode: "loud" is not a tone mode. Use "reply" (suggest a gentler wording in the thread) or "off" (leave review comments alone).
- line 4, tone.treshold: PR Coach does not know the setting "treshold" under tone. Did you mean "threshold"? Known settings here: mode, threshold, ignore_users, max_replies_per_pr.`
	if err == nil {
		t.Fatal("Parse accepted two mistakes")
	}
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("Error() (-want +got):\n%s", diff)
	}
	perr := &ParseError{Source: Source{Repo: "acme/.github", Path: Path}, Problems: []Problem{{Message: "the file is empty."}}}
	if got, want := perr.Error(), "acme/.github: .github/prcoach.yml has a problem, so PR Coach uses its default settings until it is fixed:\n- the file is empty."; got != want {
		t.Errorf("Error() with a source = %q, want %q", got, want)
	}
}

func TestSuggest(t *testing.T) {
	known := []string{"mode", "threshold", "ignore_users", "max_replies_per_pr"}
	tests := []struct{ got, want string }{
		{"treshold", ` Did you mean "threshold"?`},
		{"Mode", ` Did you mean "mode"?`},
		{"ignore-users", ` Did you mean "ignore_users"?`},
		{"colour", ""},
		{strings.Repeat("x", 100), ""},
	}
	for _, tt := range tests {
		if got := suggest(tt.got, known); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.got, got, tt.want)
		}
	}
}
