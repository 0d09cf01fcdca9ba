package app

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/prcoach/prcoach/handlers"
)

// A delivery's log line names its pull request as github_pr_num wherever
// the payload says which one, and leaves the key out when none.
func TestDeliveryLogLinesNameThePR(t *testing.T) {
	tests := []struct {
		name string
		file string
		want any // nil: no key
	}{
		{"check run", "webhooks/check_run_failure.json", float64(7)},
		{"review comment", "webhooks/review_comment_tense.json", float64(7)},
		{"comment on a pull request", "webhooks/issue_comment_tense.json", float64(7)},
		{"workflow run", "webhooks/workflow_run_startup_failure.json", float64(7)},
		{"push", "webhooks/push_settings.json", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", handlers.LogPRNumber, prNumber(fixture(t, tt.file)))
			var line map[string]any
			if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, line[handlers.LogPRNumber]); diff != "" {
				t.Errorf("%s (-want +got):\n%s", handlers.LogPRNumber, diff)
			}
		})
	}
}
