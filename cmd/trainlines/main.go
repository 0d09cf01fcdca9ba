// Command trainlines trains the line scorer of handlers/ci on labelled CI
// logs and reports its hit rate cross-validated by repository.
//
// The data is the LogChunks data set (Brandt, Panichella, Zaidman, Beller,
// "LogChunks: A Data Set for Build Log Analysis", MSR 2020, CC BY 4.0):
// failed Travis logs, each with the chunk a person marked as the reason the
// build failed. Its folder holds chunks.jsonl and the logs it names.
//
//	go run ./cmd/trainlines -data /tmp/logchunks-dev -folds 5
//	go run ./cmd/trainlines -data /tmp/logchunks-dev -out handlers/ci/linemodel.bin
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	data := flag.String("data", os.Getenv("LOGCHUNKS_DIR"), "the LogChunks folder (chunks.jsonl and logs/); env LOGCHUNKS_DIR")
	out := flag.String("out", "", "write the weights trained on every log here")
	folds := flag.Int("folds", 5, "cross-validate by repository over this many folds (0: skip)")
	epochs := flag.Int("epochs", 6, "passes over the training lines")
	flag.Parse()
	if *data == "" {
		fmt.Fprintln(os.Stderr, "trainlines: no data folder (set -data or LOGCHUNKS_DIR); nothing to do")
		return
	}
	if err := run(*data, *out, *folds, *epochs); err != nil {
		fmt.Fprintln(os.Stderr, "trainlines:", err)
		os.Exit(1)
	}
}

func run(dir, out string, folds, epochs int) error {
	logs, err := load(dir)
	if err != nil {
		return err
	}
	fmt.Printf("%d logs, %d repositories\n", len(logs), len(repos(logs)))
	cfg := trainConfig{epochs: epochs, rate: 0.05, l2: 1e-7, posWeight: 1}
	if folds > 1 {
		crossValidate(dir, logs, folds, cfg)
	}
	if out == "" {
		return nil
	}
	w := train(logs, cfg)
	if err := os.WriteFile(out, encode(w), 0o644); err != nil {
		return fmt.Errorf("write weights: %w", err)
	}
	fmt.Printf("weights trained on all %d logs written to %s\n", len(logs), out)
	return nil
}
