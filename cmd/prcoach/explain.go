package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/prcoach/prcoach/handlers"
	"github.com/prcoach/prcoach/handlers/ci"
)

// explainJSON is the output of `prcoach explain --json`; scripts read it,
// so its fields keep their names and meaning.
type explainJSON struct {
	Category    string       `json:"category"`
	Title       string       `json:"title"`
	LikelyCause string       `json:"likely_cause"`
	Excerpts    []ci.Excerpt `json:"excerpts"`
	Comment     string       `json:"comment"`
}

// runExplain reads a CI log (a file or stdin) and prints the comment the app
// would post about it, or with --json the analysis as one object.
func runExplain(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("explain", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print one JSON object instead of the comment")
	logPath := fs.String("log", "", "the CI log to read (default: standard input)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: prcoach explain [--json] [--log FILE]   (the log on stdin when no --log)")
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("explain takes no arguments but flags; got %q (use --log FILE)", fs.Arg(0))
	}
	in, name := stdin, "CI log"
	if *logPath != "" {
		f, err := os.Open(*logPath)
		if err != nil {
			return fmt.Errorf("cannot read the log: %w", err)
		}
		defer f.Close()
		in, name = f, filepath.Base(*logPath)
	}
	ex, err := handlers.ExplainLog(in, name)
	if err != nil {
		return fmt.Errorf("reading the log: %w", err)
	}
	if !*asJSON {
		_, err := io.WriteString(stdout, ex.Comment)
		return err
	}
	out := explainJSON{
		Category: ex.Analysis.Category, Title: ex.Analysis.Title, LikelyCause: ex.Verdict.LikelyCause,
		Excerpts: ex.Analysis.Excerpts, Comment: ex.Comment,
	}
	if out.Excerpts == nil {
		out.Excerpts = []ci.Excerpt{}
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
