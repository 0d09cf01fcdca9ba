package app

import (
	"net/http"
	"strings"
	"testing"
)

// toneModelSetup is toneSetup with a fake model answering reply.
func toneModelSetup(t *testing.T, reply func(n int, user string, w http.ResponseWriter)) (*running, *fakeModel, func() []string) {
	t.Helper()
	fake, _ := toneSetup(t)
	model := newFakeModel(t, reply)
	r := start(t, modelConfig(t, fake, model.URL+"/v1"))
	bodies := func() []string {
		var out []string
		for _, s := range suggestions(fake) {
			out = append(out, s.GetBody())
		}
		return out
	}
	return r, model, bodies
}

// The tense comment of webhooks/review_comment_tense.json keeps `Parse("")`
// and `nil`; a rewording must carry both byte for byte.
const modelRewording = `question: What's the reason to return a slice with one empty item here? ` + "`Parse(\"\")`" + ` should return ` + "`nil`" + `.`

func TestModelConfirmsOrRejectsToneCandidates(t *testing.T) {
	verdict := func(harsh bool, rewording string) func(int, string, http.ResponseWriter) {
		return func(_ int, _ string, w http.ResponseWriter) {
			b := map[bool]string{true: "true", false: "false"}[harsh]
			answer(w, `{"harsh": `+b+`, "rewording": `+quoteJSON(rewording)+`}`)
		}
	}
	tests := []struct {
		name        string
		reply       func(int, string, http.ResponseWriter)
		wantReplies int
		wantModel   bool // the reply quotes the model's rewording
	}{
		{"model confirms and rewords", verdict(true, modelRewording), 1, true},
		{"model rejects the candidate", verdict(false, ""), 0, false},
		{"model drops a code span", verdict(true, "question: What's the reason to return a slice with one empty item here? It should return `nil`."), 1, false},
		{"model changes a code span", verdict(true, strings.Replace(modelRewording, "`Parse(\"\")`", "`Parse()`", 1)), 1, false},
		{"model rewording still harsh", verdict(true, modelRewording+" Any idiot could see that."), 1, false},
		{"model answers prose", func(_ int, _ string, w http.ResponseWriter) { answer(w, modelRewording) }, 1, false},
		{"model fails", func(_ int, _ string, w http.ResponseWriter) { fail(w, 500, "server_error") }, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, model, bodies := toneModelSetup(t, tt.reply)
			status, outcome := r.process(t, "pull_request_review_comment", "webhooks/review_comment_tense.json", nil)
			if status != statusDone {
				t.Fatalf("status %q outcome %q", status, outcome)
			}
			got := bodies()
			if len(got) != tt.wantReplies {
				t.Fatalf("%d replies, want %d (outcome %q)", len(got), tt.wantReplies, outcome)
			}
			if len(model.requests()) == 0 {
				t.Fatal("the model was never asked")
			}
			if !strings.Contains(model.requests()[0], "Parse") || !strings.Contains(model.requests()[0], "tokens to keep unchanged") {
				t.Errorf("the prompt does not list the tokens to keep")
			}
			if tt.wantReplies == 0 {
				if !strings.Contains(outcome, "model judged the tone fine") {
					t.Errorf("outcome %q, want the model's rejection named", outcome)
				}
				return
			}
			body := got[0]
			if strings.Contains(body, modelRewording) != tt.wantModel || strings.Contains(body, "a language model") != tt.wantModel {
				t.Errorf("model wording used = %v, want %v:\n%s", !tt.wantModel, tt.wantModel, body)
			}
			for _, tok := range []string{"`Parse(\"\")`", "`nil`"} {
				if !strings.Contains(body, tok) {
					t.Errorf("reply lacks %s:\n%s", tok, body)
				}
			}
			if strings.Contains(strings.ToLower(body), "idiot") {
				t.Errorf("reply repeats the insult:\n%s", body)
			}
		})
	}
}

// quoteJSON is s as a JSON string literal.
func quoteJSON(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
