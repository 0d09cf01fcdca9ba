package safety

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSanitizeGHESHostWithPort keeps links to a GitHub Enterprise Server
// reached on a non-default port, and only on that port.
func TestSanitizeGHESHostWithPort(t *testing.T) {
	p := Policy{Host: "ghes.example.com:8443"}
	for _, tc := range []struct{ name, in, want string }{
		{"the server's port", "[run](https://ghes.example.com:8443/o/r/actions/runs/1)", "[run](https://ghes.example.com:8443/o/r/actions/runs/1)"},
		{"bare URL on the port", "see https://ghes.example.com:8443/o/r/pull/2", "see https://ghes.example.com:8443/o/r/pull/2"},
		{"another port", "[x](https://ghes.example.com:9999/o/r)", "x (`https://ghes.example.com:9999/o/r`)"},
		{"github.com still allowed", "[y](https://github.com/o/r)", "[y](https://github.com/o/r)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Sanitize(tc.in, p)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Sanitize (-want +got):\n%s", diff)
			}
		})
	}
}
