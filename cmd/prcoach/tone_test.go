package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// runToneCapture runs runTone and returns stdout, stderr and the error.
func runToneCapture(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := runTone(args, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestToneHuman(t *testing.T) {
	tests := []struct {
		name, stdin string
		args        []string
		wantPrefix  string
		wantLines   int // 0: don't check
		wantText    []string
	}{
		{"calm text as argument", "", []string{"nit:", "rename", "`tmp`", "to", "`pending`."},
			"Reads fine", 1, nil},
		{"calm text on stdin", "this is wrong: the index is off by one\n", nil,
			"Reads fine", 1, nil},
		{"tense text shows signals and a rewording", "Why would you ever catch `Throwable`?!!", nil,
			"This may read as tense", 0, []string{`  - why-would-you: "why would you"`, "question: What's the reason to catch `Throwable`?"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := runToneCapture(t, tt.stdin, tt.args...)
			if err != nil {
				t.Fatalf("runTone: %v", err)
			}
			if !strings.HasPrefix(out, tt.wantPrefix) {
				t.Errorf("output %q does not start with %q", out, tt.wantPrefix)
			}
			if n := strings.Count(out, "\n"); tt.wantLines > 0 && n != tt.wantLines {
				t.Errorf("output has %d lines, want %d: %q", n, tt.wantLines, out)
			}
			for _, w := range tt.wantText {
				if !strings.Contains(out, w) {
					t.Errorf("output %q lacks %q", out, w)
				}
			}
		})
	}
}

func TestToneJSON(t *testing.T) {
	out, _, err := runToneCapture(t, "", "--json", "Obviously you should just use a map here.")
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output %q is not JSON: %v", out, err)
	}
	keys := []string{}
	for k := range got {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if diff := cmp.Diff([]string{"score", "signals", "suggestion", "tense"}, keys); diff != "" {
		t.Errorf("keys (-want +got):\n%s", diff)
	}
	if got["tense"] != true || got["suggestion"] == "" {
		t.Errorf("got %v, want tense with a suggestion", got)
	}
	calm, _, _ := runToneCapture(t, "", "--json", "LGTM, thanks!")
	if !strings.Contains(calm, `"tense":false`) || !strings.Contains(calm, `"suggestion":""`) || !strings.Contains(calm, `"signals":[]`) {
		t.Errorf("calm --json = %q, want tense false, empty suggestion and signals", calm)
	}
}

func TestToneErrors(t *testing.T) {
	tests := []struct {
		name, stdin string
		args        []string
		wantErr     string
	}{
		{"no text", "  \n", nil, "no text"},
		{"unknown flag", "", []string{"--loud"}, "flag provided but not defined"},
		{"jsonl with text", "", []string{"--jsonl", "hello"}, "--jsonl reads stdin only"},
		{"threshold out of range", "", []string{"--threshold", "2", "hi"}, "outside 0..1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := runToneCapture(t, tt.stdin, tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

// jsonlLine is one output line of --jsonl, decoded loosely.
type jsonlLine struct {
	ID         json.RawMessage `json:"id"`
	Tense      *bool           `json:"tense"`
	Score      *float64        `json:"score"`
	Signals    []string        `json:"signals"`
	Suggestion *string         `json:"suggestion"`
	Error      string          `json:"error"`
}

func decodeLines(t *testing.T, out string) []jsonlLine {
	t.Helper()
	var lines []jsonlLine
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var v jsonlLine
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("output line %q is not JSON: %v", l, err)
		}
		lines = append(lines, v)
	}
	return lines
}

func TestToneJSONL(t *testing.T) {
	in := strings.Join([]string{
		`{"id": 1, "text": "LGTM"}`,
		`{"id": "b", "text": "This code is garbage."}`,
		``,
		`{"id": {"pr": 7, "c": [1, 2]}, "text": "nit: rename to X"}`,
		`{"text": "This is fucking slow: ` + "`parse()`" + ` allocates per line."}`,
		`{"id": null, "text": "Wrong!!! Garbage."}`,
	}, "\r\n")
	out, errOut, err := runToneCapture(t, in, "--jsonl")
	if err != nil {
		t.Fatalf("runTone: %v (stderr %q)", err, errOut)
	}
	lines := decodeLines(t, out)
	var ids []string
	var tense []bool
	for _, l := range lines {
		ids = append(ids, string(l.ID))
		tense = append(tense, *l.Tense)
		if *l.Suggestion != "" && !*l.Tense {
			t.Errorf("id %s: suggestion %q on a calm comment", l.ID, *l.Suggestion)
		}
		if l.Signals == nil || *l.Score < 0 || *l.Score > 1 {
			t.Errorf("id %s: signals %v, score %v", l.ID, l.Signals, *l.Score)
		}
	}
	if diff := cmp.Diff([]string{`1`, `"b"`, `{"pr":7,"c":[1,2]}`, `null`, `null`}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]bool{false, true, false, true, true}, tense); diff != "" {
		t.Errorf("tense (-want +got):\n%s", diff)
	}
	if got := *lines[3].Suggestion; !strings.Contains(got, "`parse()`") || strings.Contains(got, "fucking") {
		t.Errorf("suggestion %q: want the code span kept and the profanity gone", got)
	}
	if got := *lines[4].Suggestion; got != "" {
		t.Errorf("suggestion for %q = %q, want none (nothing safe to keep)", "Wrong!!! Garbage.", got)
	}
}

func TestToneLanguageNotCovered(t *testing.T) {
	out, _, err := runToneCapture(t, `{"id": 1, "text": "Das ist doch Scheiße, warum hast du das nicht getestet?"}`, "--jsonl")
	if err != nil {
		t.Fatal(err)
	}
	l := decodeLines(t, out)[0]
	if *l.Tense || len(l.Signals) != 1 || !strings.Contains(l.Signals[0], "language not covered") {
		t.Errorf("got tense %v signals %v, want not tense and one language-not-covered signal", *l.Tense, l.Signals)
	}
	human, _, err := runToneCapture(t, "Das ist doch Scheiße, warum hast du das nicht getestet?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(human, "language not covered") || strings.Contains(human, "Reads fine") {
		t.Errorf("human output %q: want it to say the language is not covered, not that it reads fine", human)
	}
}

func TestToneJSONLBadLines(t *testing.T) {
	in := strings.Join([]string{
		`{"id": 1, "text": "fine"}`,
		`{"id": 2, "text": `,
		`{"id": 3}`,
		`{"id": 4, "text": 5}`,
		`[1, 2]`,
		`{"id": 6, "text": "also fine"}`,
	}, "\n") + "\n"
	out, errOut, err := runToneCapture(t, in, "--jsonl")
	if err == nil || !strings.Contains(err.Error(), "4 of 6 input lines failed") {
		t.Errorf("err = %v, want 4 of 6 lines failed", err)
	}
	lines := decodeLines(t, out)
	var got [][2]string
	for _, l := range lines {
		got = append(got, [2]string{string(l.ID), l.Error})
	}
	want := [][2]string{
		{"1", ""},
		{"null", "line 2: invalid JSON: unexpected end of JSON input"},
		{"3", `line 3: missing "text" (a string)`},
		{"4", "line 4: invalid JSON: json: cannot unmarshal number into Go struct field toneInput.text of type string"},
		{"null", "line 5: invalid JSON: json: cannot unmarshal array into Go value of type main.toneInput"},
		{"6", ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(id, error) per line (-want +got):\n%s", diff)
	}
	for _, n := range []string{"line 2:", "line 3:", "line 4:", "line 5:"} {
		if !strings.Contains(errOut, n) {
			t.Errorf("stderr %q does not name %q", errOut, n)
		}
	}
}

func TestToneJSONLLongLines(t *testing.T) {
	// A 3 MB comment, mostly a pasted log in a code block (which the model
	// skips, so the test stays fast under -race); the reading path is what
	// is tested here. BenchmarkAssess in handlers/tone measures scoring.
	long, _ := json.Marshal(map[string]string{"id": "long",
		"text": "See the log:\n```\n" + strings.Repeat("ok   pkg/x  0.01s\n", 160_000) + "```\nThe index is off by one."})
	tooLong := strings.Repeat("x", maxToneInput+10)
	in := string(long) + "\n" +
		`{"id": "huge", "text": "` + tooLong + `"}` + "\n" +
		`{"id": "after", "text": "LGTM"}`
	out, errOut, err := runToneCapture(t, in, "--jsonl")
	if err == nil {
		t.Error("err = nil, want the too-long line reported")
	}
	lines := decodeLines(t, out)
	if len(lines) != 3 {
		t.Fatalf("got %d output lines, want 3", len(lines))
	}
	if string(lines[0].ID) != `"long"` || lines[0].Error != "" || *lines[0].Tense {
		t.Errorf("3 MB line: %+v", lines[0])
	}
	if !strings.Contains(lines[1].Error, "line 2: longer than") || !strings.Contains(errOut, "line 2:") {
		t.Errorf("too-long line: %+v, stderr %q", lines[1], errOut)
	}
	if string(lines[2].ID) != `"after"` || lines[2].Error != "" {
		t.Errorf("line after the too-long one: %+v", lines[2])
	}
}

// TestToneJSONLStreams checks that each answer is written before the next
// line is read, so a caller can talk to the command line by line.
func TestToneJSONLStreams(t *testing.T) {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- runTone([]string{"--jsonl"}, inR, outW, io.Discard)
		outW.Close()
	}()
	answers := bufio.NewReader(outR)
	for i, text := range []string{"LGTM", "No.", "Thanks!"} {
		line, _ := json.Marshal(map[string]any{"id": i, "text": text})
		if _, err := inW.Write(append(line, '\n')); err != nil {
			t.Fatal(err)
		}
		got, err := answers.ReadString('\n')
		if err != nil {
			t.Fatalf("reading answer %d: %v", i, err)
		}
		if l := decodeLines(t, got); string(l[0].ID) != string(rune('0'+i)) {
			t.Errorf("answer %d has id %s", i, l[0].ID)
		}
	}
	inW.Close()
	if err := <-done; err != nil {
		t.Errorf("runTone: %v", err)
	}
}
