package tone

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTechTokens(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"code span with backticks", "call `Close()` here", []string{"`Close()`"}},
		{"double backtick span", "use ``a ` b`` there", []string{"``a ` b``"}},
		{"link without trailing period", "see https://example.com/a?b=1.", []string{"https://example.com/a?b=1"}},
		{"identifiers", "rename maxRetries and retry_count, MaxRetries, os.Args, merge()", []string{"maxRetries", "retry_count", "MaxRetries", "os.Args", "merge()"}},
		{"numbers and refs", "from 120ms to 95 in #88 on Go 1.21", []string{"120ms", "95", "#88", "1.21"}},
		{"paths and flags", "edit internal/retry.go and pass --json", []string{"internal/retry.go", "--json"}},
		{"plain words are not tokens, capitals are", "The API is wrong, e.g. here.", []string{"API"}},
		{"operators and negations", "x != y, !file_supported, a !== b, gfx::Rect and p->next", []string{"!=", "!file_supported", "!==", "gfx::Rect", "p->next"}},
		{"identifiers of any case", "GURL and callback_semaphores_ via getHTTPClient()", []string{"GURL", "callback_semaphores_", "getHTTPClient()"}},
		{"quoted strings and versions", `set "max retries" to v1.2.3`, []string{`"max retries"`, "v1.2.3"}},
		{"quoted lines are not listed", "> `quoted()`\nmine()", []string{"mine()"}},
		{"code block listed whole", "look:\n```\nx := 1\n```", []string{"```\nx := 1\n```"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, techTokens(tt.text)); diff != "" {
				t.Errorf("techTokens(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestKeeps(t *testing.T) {
	orig := "Why would you call `Close()` twice? See https://go.dev/x and retry_count=3."
	if err := Keeps(orig, "question: why call `Close()` twice? https://go.dev/x retry_count 3"); err != nil {
		t.Errorf("Keeps with every token: %v", err)
	}
	err := Keeps(orig, "question: why call Close twice?")
	if err == nil {
		t.Fatal("Keeps without the tokens = nil, want an error")
	}
	for _, tok := range []string{"`Close()`", "https://go.dev/x", "retry_count", "3"} {
		if !strings.Contains(err.Error(), tok) {
			t.Errorf("error %q does not name %q", err, tok)
		}
	}
}

// TestKeepsHarshCaps: a harsh word in capitals is no token to keep; an
// acronym is.
func TestKeepsHarshCaps(t *testing.T) {
	if err := Keeps("WTF kind of use case is `x`? RTFM.", "What kind of use case is `x`?"); err != nil {
		t.Errorf("Keeps without WTF and RTFM: %v", err)
	}
	if err := Keeps("WTF, the HTTP client leaks `fd`.", "The client leaks `fd`."); err == nil || !strings.Contains(err.Error(), "HTTP") {
		t.Errorf("Keeps without HTTP = %v, want an error naming HTTP", err)
	}
	if err := Keeps("OMG, this alias is terrible!", "This alias could be improved."); err == nil {
		t.Errorf("Keeps without OMG = nil, want an error: a mild word in capitals stays")
	}
}

func TestValidate(t *testing.T) {
	orig := "Why would you call `Close()` twice?!"
	tests := []struct {
		name, rewording, wantErr string
	}{
		{"calm and complete", "question: could we call `Close()` once?", ""},
		{"drops a code span", "question: could we call it once?", "drops 1 technical token(s)"},
		{"still tense", "Why would you call `Close()` twice, you idiot?!!", "still reads as tense"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate(orig, tt.rewording, DefaultThreshold)
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("Validate(%q) = %v, want error containing %q", tt.rewording, err, tt.wantErr)
			}
		})
	}
}
