package safety

import (
	"strings"
	"testing"
)

// TestAdversarialSizes feeds large pathological inputs. It guards against
// quadratic behaviour (a cut-point bug once made some of these take seconds;
// all take under 0.2 s now) and checks the invariants hold at size.
func TestAdversarialSizes(t *testing.T) {
	p := Policy{Marker: "<!-- m -->"}
	for name, in := range map[string]string{
		"open brackets":   strings.Repeat("[", 30000) + strings.Repeat("](x)", 10000),
		"lone backticks":  strings.Repeat("` ", 30000),
		"backtick runs":   strings.Repeat("`", 3000) + strings.Repeat("a``", 10000),
		"open folds":      strings.Repeat("<details>\n", 8000),
		"chained mention": strings.Repeat("@a", 30000),
		"open images":     strings.Repeat("![", 20000),
		"links":           strings.Repeat("[a](b)", 10000),
		"fences":          strings.Repeat("```\n", 10000),
		"open comments":   strings.Repeat("<!--", 20000),
	} {
		t.Run("sanitize "+name, func(t *testing.T) {
			if v := contractViolations(Sanitize(in, p), p); len(v) > 0 {
				t.Errorf("contract broken: %v", v[:min(3, len(v))])
			}
		})
	}
	r := NewRedactor()
	for name, in := range map[string]string{
		"assignments on one line": strings.Repeat("token=abcdefgh1 ", 20000),
		"PEM openings":            strings.Repeat("-----BEGIN RSA PRIVATE KEY-----", 5000),
		"URL passwords":           strings.Repeat("https://a:b@", 20000),
		"JWT-like runs":           strings.Repeat("eyJaaaaaaaaaaaa.", 20000),
	} {
		t.Run("redact "+name, func(t *testing.T) {
			once := r.Redact(in)
			if lineBreaks(once) != lineBreaks(in) || r.Redact(once) != once {
				t.Errorf("invariants broken")
			}
		})
	}
}
