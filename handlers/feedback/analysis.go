package feedback

import "github.com/prcoach/prcoach/handlers/ci"

// keyRoles rank the roles of an analysis's findings for KeyLine: an
// override names the failure wherever it appears, a root is a first error,
// a generic line is the fallback.
var keyRoles = []string{"override", "root", "generic"}

// KeyLine picks the key error line of an analysis, whose SignatureOf keys
// its history: the first finding of the best role whose signature is
// Specific, "" when there is none (no signature, no history). A summary
// such as "2 failing" is passed over for the line that names the failure.
func KeyLine(a ci.Analysis) string {
	for _, role := range keyRoles {
		for _, f := range a.Findings {
			if f.Role == role && SignatureOf(f.Text).Specific() {
				return f.Text
			}
		}
	}
	return ""
}

// ChecksLabels are the labels of a checks comment or /explain answer
// about an analysis with its verdict; wording is "model" or "offline".
func ChecksLabels(kind Kind, a ci.Analysis, v ci.Verdict, wording string) Labels {
	l := Labels{Kind: kind, Category: a.Category, Verdict: v.LikelyCause, Wording: wording}
	if a.Cause != nil {
		l.KnownFailure = a.Cause.ID
	}
	return l
}
