package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/prcoach/prcoach/handlers/ci"
)

// row is one line of chunks.jsonl.
type row struct {
	Language   string `json:"language"`
	Repo       string `json:"repo"`
	Log        string `json:"log"`
	ChunkStart int    `json:"chunk_start_line"`
	ChunkLines int    `json:"chunk_num_lines"`
}

// example is one log: its labelled chunk and the failing step's lines.
type example struct {
	row
	runs [][]ci.ScoredLine
}

func (e example) inChunk(n int) bool { return n >= e.ChunkStart && n < e.ChunkStart+e.ChunkLines }

func load(dir string) ([]example, error) {
	f, err := os.Open(filepath.Join(dir, "chunks.jsonl"))
	if err != nil {
		return nil, fmt.Errorf("open chunks: %w", err)
	}
	defer f.Close()
	var out []example
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var r row
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("parse chunks: %w", err)
		}
		if r.ChunkStart == 0 {
			continue
		}
		runs, err := readSteps(filepath.Join(dir, r.Log))
		if err != nil {
			return nil, err
		}
		out = append(out, example{row: r, runs: runs})
	}
	return out, sc.Err()
}

func readSteps(path string) ([][]ci.ScoredLine, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open log: %w", err)
	}
	defer f.Close()
	runs, err := ci.StepLines(f)
	for _, run := range runs {
		for i := range run {
			// Only the features are needed, and whether the line is blank
			// (a window does not end on a blank line).
			if strings.TrimSpace(run[i].Text) != "" {
				run[i].Text = "x"
			}
		}
	}
	return runs, err
}

func repos(logs []example) map[string]bool {
	m := map[string]bool{}
	for _, e := range logs {
		m[e.Repo] = true
	}
	return m
}
