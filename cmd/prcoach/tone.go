package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/prcoach/prcoach/handlers/tone"
)

// maxToneInput caps one comment (a JSONL line or the stdin text). GitHub
// caps a comment at 65,536 characters; a few MB leaves room for escapes.
const maxToneInput = 8 << 20

// runTone is `prcoach tone [--json] [--threshold N] [TEXT]` and
// `prcoach tone --jsonl`: the private path for checking a review comment
// before posting it.
func runTone(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("tone", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print one JSON object: tense, score, signals, suggestion")
	asJSONL := fs.Bool("jsonl", false, `read JSON lines {"id": …, "text": …} on stdin and write one result line each`)
	threshold := fs.Float64("threshold", tone.DefaultThreshold, "score at and above which a comment is tense (0..1)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: prcoach tone [--json] [--threshold N] [TEXT]   (TEXT on stdin when absent)")
		fmt.Fprintln(stderr, "       prcoach tone --jsonl < comments.jsonl")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("tone: %w", err)
	}
	if *threshold < 0 || *threshold > 1 {
		return fmt.Errorf("tone: --threshold %v is outside 0..1", *threshold)
	}
	if *asJSONL {
		if *asJSON || fs.NArg() > 0 {
			return errors.New("tone: --jsonl reads stdin only; drop --json and TEXT")
		}
		return toneJSONL(stdin, stdout, stderr, *threshold)
	}
	text, err := toneText(fs.Args(), stdin)
	if err != nil {
		return err
	}
	res := checkTone(text, *threshold)
	if *asJSON {
		return writeJSONLine(stdout, res)
	}
	_, err = io.WriteString(stdout, humanTone(res, *threshold))
	return err
}

// toneResult is the JSON shape of one checked comment.
type toneResult struct {
	ID         json.RawMessage `json:"id,omitempty"`
	Tense      bool            `json:"tense"`
	Score      float64         `json:"score"`
	Signals    []string        `json:"signals"`
	Suggestion string          `json:"suggestion"`
}

// checkTone scores text and, when it is tense, rewords it.
func checkTone(text string, threshold float64) toneResult {
	r := tone.Assess(text, threshold)
	res := toneResult{Tense: r.Tense, Score: r.Score, Signals: r.Signals}
	if r.Tense {
		res.Suggestion = tone.Reword(text)
	}
	return res
}

// toneText is the comment from the arguments, else from stdin.
func toneText(args []string, stdin io.Reader) (string, error) {
	if len(args) > 0 {
		return strings.Join(args, " "), nil
	}
	b, err := io.ReadAll(io.LimitReader(stdin, maxToneInput+1))
	if err != nil {
		return "", fmt.Errorf("tone: reading stdin: %w", err)
	}
	if len(b) > maxToneInput {
		return "", fmt.Errorf("tone: the text on stdin is over %d MiB", maxToneInput>>20)
	}
	if strings.TrimSpace(string(b)) == "" {
		return "", errors.New("tone: no text; pass it as an argument or on stdin")
	}
	return string(b), nil
}

// humanTone is the short answer for a person at a terminal.
func humanTone(res toneResult, threshold float64) string {
	for _, sig := range res.Signals {
		if lang, ok := strings.CutPrefix(sig, tone.SignalLanguage+": "); ok {
			return fmt.Sprintf("Tone not checked: language not covered (%s). Only English review comments are scored.\n", strings.Trim(lang, `"`))
		}
	}
	if !res.Tense {
		return fmt.Sprintf("Reads fine (tone score %.2f, below %.2f).\n", res.Score, threshold)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "This may read as tense (tone score %.2f, threshold %.2f):\n", res.Score, threshold)
	for _, s := range res.Signals {
		b.WriteString("  - " + s + "\n")
	}
	if res.Suggestion == "" {
		b.WriteString("\nNo safe rewording: the wording is yours to choose.\n")
		return b.String()
	}
	b.WriteString("\nA gentler wording that keeps the technical points:\n\n")
	b.WriteString(strings.TrimRight(res.Suggestion, "\n") + "\n")
	return b.String()
}

func writeJSONLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("tone: writing output: %w", err)
	}
	return nil
}

// toneLineError is the output line for an input line that could not be read.
type toneLineError struct {
	ID    json.RawMessage `json:"id"`
	Error string          `json:"error"`
}

// toneJSONL streams JSON lines: one result line per non-blank input line,
// in order, with the input's id echoed as given (null when absent). A bad
// line gets an error line and a message on stderr naming its number; the
// other lines go on, and the run fails at the end.
func toneJSONL(stdin io.Reader, stdout, stderr io.Writer, threshold float64) error {
	in := bufio.NewReaderSize(stdin, 64<<10)
	out := bufio.NewWriterSize(stdout, 64<<10)
	total, failed := 0, 0
	for n := 1; ; n++ {
		line, readErr := readLine(in, maxToneInput)
		if errors.Is(readErr, io.EOF) && line == nil {
			break
		}
		if readErr != nil && !errors.Is(readErr, io.EOF) && !errors.Is(readErr, errLineTooLong) {
			out.Flush()
			return fmt.Errorf("tone: reading line %d: %w", n, readErr)
		}
		if !errors.Is(readErr, errLineTooLong) && len(bytes.TrimSpace(line)) == 0 {
			if readErr != nil {
				break
			}
			continue
		}
		total++
		var res any
		if errors.Is(readErr, errLineTooLong) {
			res = toneLineError{ID: json.RawMessage("null"), Error: fmt.Sprintf("line %d: longer than %d MiB", n, maxToneInput>>20)}
		} else {
			res = toneLine(line, n, threshold)
		}
		if e, ok := res.(toneLineError); ok {
			failed++
			fmt.Fprintln(stderr, "prcoach tone: "+e.Error)
		}
		if err := writeJSONLine(out, res); err != nil {
			return err
		}
		if in.Buffered() == 0 { // the writer may be waiting on us
			if err := out.Flush(); err != nil {
				return fmt.Errorf("tone: writing output: %w", err)
			}
		}
		if errors.Is(readErr, io.EOF) {
			break
		}
	}
	if err := out.Flush(); err != nil {
		return fmt.Errorf("tone: writing output: %w", err)
	}
	if failed > 0 {
		return fmt.Errorf("tone: %d of %d input lines failed; see the error lines", failed, total)
	}
	return nil
}

// toneInput is one JSONL input line.
type toneInput struct {
	ID   json.RawMessage `json:"id"`
	Text *string         `json:"text"`
}

// toneLine checks one input line, returning a toneResult or a toneLineError.
func toneLine(line []byte, n int, threshold float64) any {
	var in toneInput
	if err := json.Unmarshal(line, &in); err != nil {
		return toneLineError{ID: idOf(line), Error: fmt.Sprintf("line %d: invalid JSON: %v", n, err)}
	}
	id := in.ID
	if id == nil {
		id = json.RawMessage("null")
	}
	if in.Text == nil {
		return toneLineError{ID: id, Error: fmt.Sprintf(`line %d: missing "text" (a string)`, n)}
	}
	res := checkTone(*in.Text, threshold)
	res.ID = id
	return res
}

// idOf recovers the id of a line that is not a valid tone input, when the
// line is at least a JSON object, so the error line can still be matched.
func idOf(line []byte) json.RawMessage {
	var obj map[string]json.RawMessage
	if json.Unmarshal(line, &obj) == nil && obj["id"] != nil {
		return obj["id"]
	}
	return json.RawMessage("null")
}

// errLineTooLong reports a line over the limit; the rest of it was skipped.
var errLineTooLong = errors.New("line too long")

// readLine reads one line without its "\n" (or "\r\n"), holding at most
// limit bytes: a longer line is skipped to its end and errLineTooLong
// returned. At the end of input it returns the last partial line with
// io.EOF, or nil and io.EOF.
func readLine(r *bufio.Reader, limit int) ([]byte, error) {
	var line []byte
	tooLong := false
	for {
		chunk, err := r.ReadSlice('\n')
		if !tooLong {
			if len(line)+len(chunk) > limit+2 { // +2 for "\r\n"
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err != nil && !errors.Is(err, io.EOF):
			return nil, err
		}
		if tooLong {
			return []byte{}, errLineTooLong
		}
		if errors.Is(err, io.EOF) {
			if len(line) == 0 {
				return nil, io.EOF
			}
			return trimEOL(line), io.EOF
		}
		return trimEOL(line), nil
	}
}

func trimEOL(b []byte) []byte {
	return bytes.TrimSuffix(bytes.TrimSuffix(b, []byte("\n")), []byte("\r"))
}
