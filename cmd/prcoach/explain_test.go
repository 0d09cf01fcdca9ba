package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/prcoach/prcoach/handlers/githubtest"
)

// rawLines splits text the way `prcoach explain` numbers log lines: on
// \r\n, \r or \n.
func rawLines(text string) []string {
	return regexp.MustCompile(`\r\n|\r|\n`).Split(text, -1)
}

func TestExplainJSONFollowsTheContract(t *testing.T) {
	for _, name := range []string{"go-test-failure.log", "pytest-failure.log", "ansi-gitlab-jest.log"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("..", "..", "testdata", "logs", name)
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("corpus log %s: %v", name, err)
			}
			var out, errOut bytes.Buffer
			if err := runExplain([]string{"--json", "--log", path}, nil, &out, &errOut); err != nil {
				t.Fatalf("runExplain: %v (%s)", err, errOut.String())
			}
			var got map[string]any
			if err := json.Unmarshal(out.Bytes(), &got); err != nil {
				t.Fatalf("not one JSON object: %v\n%s", err, out.String())
			}
			for _, key := range []string{"category", "title", "likely_cause", "excerpts", "comment"} {
				if _, ok := got[key]; !ok {
					t.Errorf("missing %q", key)
				}
			}
			switch got["likely_cause"] {
			case "change", "flaky", "infrastructure", "unknown":
			default:
				t.Errorf("likely_cause %v", got["likely_cause"])
			}
			lines := rawLines(string(raw))
			excerpts, _ := got["excerpts"].([]any)
			if len(excerpts) == 0 {
				t.Fatal("no excerpts")
			}
			for _, e := range excerpts {
				ex := e.(map[string]any)
				start, end := int(ex["start_line"].(float64)), int(ex["end_line"].(float64))
				if start < 1 || end < start || end > len(lines) {
					t.Fatalf("excerpt %d–%d outside the log's %d lines", start, end, len(lines))
				}
				// The last line of the excerpt's text comes from the raw line it names.
				text := strings.Split(ex["text"].(string), "\n")
				last := strings.TrimSpace(text[len(text)-1])
				if len(last) > 20 {
					last = last[:20]
				}
				if !strings.Contains(lines[end-1], last) {
					t.Errorf("excerpt ends at line %d %q, but its text ends %q", end, lines[end-1], last)
				}
			}
			if c := got["comment"].(string); !strings.HasPrefix(c, "<!-- prcoach:checks -->") {
				t.Errorf("comment does not start with the marker")
			}
		})
	}
}

func TestExplainCommentGolden(t *testing.T) {
	path := filepath.Join("..", "..", "testdata", "logs", "go-test-failure.log")
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := runExplain([]string{"--log", path}, nil, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	githubtest.Golden(t, filepath.Join("..", "..", "testdata", "golden", "explain_go_test.md"), out.String())
}

func TestExplainReadsStdinAndRefusesBadInput(t *testing.T) {
	var out bytes.Buffer
	log := "Step 3/5 : RUN make\nmake: *** [Makefile:12: build] Error 2\nERROR: process \"/bin/sh -c make\" did not complete successfully: exit code: 2\n"
	if err := runExplain([]string{"--json"}, strings.NewReader(log), &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"start_line"`) {
		t.Errorf("no excerpt from stdin:\n%s", out.String())
	}
	for _, args := range [][]string{{"--log", "/nonexistent/ci.log"}, {"stray-argument"}, {"--nope"}} {
		if err := runExplain(args, strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{}); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}
