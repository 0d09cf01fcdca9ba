package handlers

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/prcoach/prcoach/handlers/githubtest"
)

// The tense comment of testdata/webhooks/review_comment_tense.json keeps
// `Parse("")` and `nil`; a rewording must carry both byte for byte.
const modelRewording = `question: What's the reason to return a slice with one empty item here? ` + "`Parse(\"\")`" + ` should return ` + "`nil`" + `.`

// verdict is the model's JSON answer to a tone candidate.
func verdict(t *testing.T, harsh bool, rewording string) githubtest.Reply {
	b, err := json.Marshal(map[string]any{"harsh": harsh, "rewording": rewording})
	if err != nil {
		t.Fatal(err)
	}
	return githubtest.Says(string(b))
}

// The model confirms or rejects the offline coach's tone candidates; its
// rewording is used only when it keeps every code span and reads calm.
func TestModelConfirmsOrRejectsToneCandidates(t *testing.T) {
	tests := []struct {
		name        string
		reply       githubtest.Reply
		wantReplies int
		wantModel   bool // the reply quotes the model's rewording
	}{
		{"model confirms and rewords", verdict(t, true, modelRewording), 1, true},
		{"model rejects the candidate", verdict(t, false, ""), 0, false},
		{"model drops a code span", verdict(t, true, "question: What's the reason to return a slice with one empty item here? It should return `nil`."), 1, false},
		{"model changes a code span", verdict(t, true, strings.Replace(modelRewording, "`Parse(\"\")`", "`Parse()`", 1)), 1, false},
		{"model rewording still harsh", verdict(t, true, modelRewording+" Any idiot could see that."), 1, false},
		{"model answers prose", githubtest.Says(modelRewording), 1, false},
		{"model fails", func(_ int, _ string, w http.ResponseWriter, _ *http.Request) {
			githubtest.APIError(w, 500, "server_error")
		}, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := toneFake(t)
			model := githubtest.NewModel(t, tt.reply)
			out := reviewComment(t, modelBase(t, fake, model.URL+"/v1"), "review_comment_tense.json", nil)
			got := suggestions(fake)
			if len(got) != tt.wantReplies {
				t.Fatalf("%d replies, want %d (outcome %q)", len(got), tt.wantReplies, out)
			}
			reqs := model.Requests()
			if len(reqs) == 0 {
				t.Fatal("the model was never asked")
			}
			if !strings.Contains(reqs[0], "Parse") || !strings.Contains(reqs[0], "tokens to keep unchanged") {
				t.Errorf("the prompt does not list the tokens to keep")
			}
			if tt.wantReplies == 0 {
				if !strings.Contains(out, "model judged the tone fine") {
					t.Errorf("outcome %q, want the model's rejection named", out)
				}
				return
			}
			body := got[0].GetBody()
			if strings.Contains(body, modelRewording) != tt.wantModel || strings.Contains(body, "a language model") != tt.wantModel {
				t.Errorf("model wording used = %v, want %v:\n%s", !tt.wantModel, tt.wantModel, body)
			}
			containsAll(t, body, "`Parse(\"\")`", "`nil`")
			if strings.Contains(strings.ToLower(body), "idiot") {
				t.Errorf("reply repeats the insult:\n%s", body)
			}
		})
	}
}
