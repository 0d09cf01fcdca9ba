package feedback

import "testing"

func TestRepeats(t *testing.T) {
	said := Labels{Kind: KindChecks, Category: "test", Verdict: "change", Wording: "offline"}
	corrected := []Correction{{Comment: CommentRef{Repo: repo, PR: 7, ID: 1}, Claim: said, SignatureID: sig.ID, Actor: "maintainer", Reason: "it is the runner"}}
	other := SignatureOf("error: linker `cc` not found").ID
	cases := []struct {
		name  string
		repo  string
		pr    int
		claim Labels
		sig   string
		want  bool
	}{
		{"the same claim on the same PR", repo, 7, said, sig.ID, true},
		{"worded by the model this time", repo, 7, Labels{Kind: KindChecks, Category: "test", Verdict: "change", Wording: "model"}, sig.ID, true},
		{"another PR", repo, 8, said, sig.ID, false},
		{"another repository", "octo-org/gadgets", 7, said, sig.ID, false},
		{"another failure", repo, 7, said, other, false},
		{"another verdict", repo, 7, Labels{Kind: KindChecks, Category: "test", Verdict: "flaky"}, sig.ID, false},
		{"a known failure matched now", repo, 7, Labels{Kind: KindChecks, Category: "test", Verdict: "change", KnownFailure: "go-race"}, sig.ID, false},
		{"an /explain answer makes the same claim", repo, 7, Labels{Kind: KindExplain, Category: "test", Verdict: "change"}, sig.ID, true},
		{"a tone reply is another claim", repo, 7, Labels{Kind: KindTone, Category: "test", Verdict: "change"}, sig.ID, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Repeats(corrected, tc.repo, tc.pr, tc.claim, tc.sig); got != tc.want {
				t.Errorf("Repeats = %v, want %v", got, tc.want)
			}
		})
	}
}
