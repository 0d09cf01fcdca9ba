package tone

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReadVerdict(t *testing.T) {
	tests := []struct {
		name, answer string
		want         ModelVerdict
		wantErr      string
	}{
		{"harsh with a rewording", `{"harsh": true, "rewording": "question: why \u0060x\u0060?"}`, ModelVerdict{true, "question: why `x`?"}, ""},
		{"not harsh", `{"harsh": false, "rewording": ""}`, ModelVerdict{}, ""},
		{"inside a json fence", "```json\n{\"harsh\": false}\n```", ModelVerdict{}, ""},
		{"harsh without a rewording", `{"harsh": true}`, ModelVerdict{}, "no rewording"},
		{"no harsh field", `{"rewording": "x"}`, ModelVerdict{}, "no \"harsh\" field"},
		{"plain prose", "Sure! Here is a gentler version.", ModelVerdict{}, "reading the model's verdict"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadVerdict(tt.answer)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ReadVerdict(%q) error = %v, want one containing %q", tt.answer, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ReadVerdict(%q) (-want +got):\n%s", tt.answer, diff)
			}
		})
	}
}

func TestProtected(t *testing.T) {
	got := Protected("GURL != `x` and GURL again, see v1.2.3")
	want := []string{"GURL", "!=", "`x`", "v1.2.3"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Protected (-want +got):\n%s", diff)
	}
}
