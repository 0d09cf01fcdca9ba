package feedback

import (
	"context"
	"time"
)

// Correction is a maintainer's `/explain wrong` about one of PR Coach's
// comments.
type Correction struct {
	Comment CommentRef `json:"comment"`
	// Claim is what the corrected comment said.
	Claim Labels `json:"claim"`
	// SignatureID is the signature of the failure the claim was about, ""
	// when it was about none (a tone reply, say).
	SignatureID string `json:"signature_id,omitempty"`
	Actor       string `json:"actor"`
	// Reason is the maintainer's short reason, "" when none was given.
	Reason string    `json:"reason,omitempty"`
	At     time.Time `json:"at"`
}

// Repeats reports whether claiming claim about signatureID on pr of repo
// would repeat a claim a maintainer corrected there: the same verdict,
// category and known failure, about the same signature, in a failure
// report (checks comment or /explain answer) or in a tone reply alike.
// The comment should then leave that claim out.
func Repeats(corrections []Correction, repo string, pr int, claim Labels, signatureID string) bool {
	for _, c := range corrections {
		if c.Comment.Repo == repo && c.Comment.PR == pr && c.SignatureID == signatureID && sameClaim(c.Claim, claim) {
			return true
		}
	}
	return false
}

// sameClaim compares what two comments asserted; wording and tone signals
// do not change the claim, and an /explain answer carries the checks
// comment's report, so it claims the same.
func sameClaim(a, b Labels) bool {
	return family(a.Kind) == family(b.Kind) && a.Verdict == b.Verdict && a.Category == b.Category && a.KnownFailure == b.KnownFailure
}

// family folds KindExplain into KindChecks.
func family(k Kind) Kind {
	if k == KindExplain {
		return KindChecks
	}
	return k
}

// CorrectionStore keeps corrections. A database implements it; adding the
// same person's correction of the same comment again replaces it.
type CorrectionStore interface {
	AddCorrection(ctx context.Context, c Correction) error
	// Corrections returns the corrections of comments on a pull request.
	Corrections(ctx context.Context, repo string, pr int) ([]Correction, error)
}
