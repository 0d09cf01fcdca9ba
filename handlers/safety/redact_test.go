package safety

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// assertRedacted fails unless got keeps the line breaks of in and holds none
// of the secrets.
func assertRedacted(t *testing.T, in, got string, secrets []string) {
	t.Helper()
	if a, b := lineBreaks(in), lineBreaks(got); a != b {
		t.Errorf("line breaks: got %d, want %d", b, a)
	}
	for _, s := range secrets {
		if strings.Contains(got, s) {
			t.Errorf("secret %q survived in:\n%s", s, got)
		}
	}
}

// lineBreaks counts '\n' and '\r' bytes.
func lineBreaks(s string) int { return strings.Count(s, "\n") + strings.Count(s, "\r") }

func TestRedactKinds(t *testing.T) {
	own := newOwnCreds()
	r := NewRedactor(own.list()...)
	if err := r.GitleaksErr(); err != nil {
		t.Fatalf("gitleaks not loaded: %v", err)
	}
	cases := append(secretCases(), ownCases(own)...)
	if len(cases) < 40 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := r.Redact(c.text)
			assertRedacted(t, c.text, got, c.secrets)
			if !strings.Contains(got, placeholderPrefix) {
				t.Errorf("no placeholder in %q", got)
			}
		})
	}
}

func TestRedactKeepsContext(t *testing.T) {
	r := NewRedactor()
	for _, c := range []struct{ name, in, want string }{
		{"token keeps its name", "export GITHUB_TOKEN=ghp_" + strings.Repeat("aB3", 12),
			"export GITHUB_TOKEN=[REDACTED:github-token]"},
		{"URL keeps user and host", "postgres://app:hunter22hunter@db:5432/x",
			"postgres://app:[REDACTED:url-password]@db:5432/x"},
		{"PEM keeps armour and line count", "-----BEGIN RSA PRIVATE KEY-----\r\nMIIEowIBAAKCAQEA\r\n\r\nAbCd+/==\r\n-----END RSA PRIVATE KEY-----",
			"-----BEGIN RSA PRIVATE KEY-----\r\n[REDACTED:private-key]\r\n\r\n[REDACTED:private-key]\r\n-----END RSA PRIVATE KEY-----"},
		{"quoted value loses only the value", `"password": "p4ss-w0rd!"`, `"password": "[REDACTED:secret]"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			if diff := cmp.Diff(c.want, r.Redact(c.in)); diff != "" {
				t.Errorf("Redact (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRedactKeepsOrdinaryText holds lines a CI log is full of that look a
// little like secrets and must stay readable.
func TestRedactKeepsOrdinaryText(t *testing.T) {
	r := NewRedactor()
	for _, line := range []string{
		"SyntaxError: Unexpected token: identifier",
		"--- FAIL: TestTokenizer/empty_password (0.00s)",
		"PWD=/home/runner/work/app/app",
		"password: ${{ secrets.DB_PASSWORD }}",
		"token: ***",
		"Login Succeeded with --password-stdin",
		"mkdir -p build && go test -race ./...",
		"npm WARN deprecated glob@7.2.3: Glob versions prior to v9 are no longer supported",
		"git@github.com:octo/repo.git",
		"ssh://git@github.com/octo/repo.git",
		"https://github.com/octo/repo/actions/runs/123456789/job/987654321",
		"expected status 200, got 401 Unauthorized",
		"secret_test.go:42: want redacted, got visible",
		"Using a task-0123 with disk-abcdefghijklmnopqrstuvwxyz",
		"2024-05-01T12:00:00.1234567Z ##[group]Run actions/checkout@v4",
		"",
	} {
		t.Run(line, func(t *testing.T) {
			if diff := cmp.Diff(line, r.Redact(line)); diff != "" {
				t.Errorf("Redact changed an ordinary line (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRedactIdempotent(t *testing.T) {
	own := newOwnCreds()
	r := NewRedactor(own.list()...)
	for _, c := range append(secretCases(), ownCases(own)...) {
		t.Run(c.name, func(t *testing.T) {
			once := r.Redact(c.text)
			if diff := cmp.Diff(once, r.Redact(once)); diff != "" {
				t.Errorf("Redact(Redact(x)) != Redact(x) (-once +twice):\n%s", diff)
			}
		})
	}
}

func TestNewRedactorIgnoresShortOwn(t *testing.T) {
	r := NewRedactor("", "abc", "1234567", "   ")
	in := "abc 1234567 build ok"
	if got := r.Redact(in); got != in {
		t.Errorf("Redact(%q) = %q, want it unchanged", in, got)
	}
}

func TestPlaceholderIsNotASecret(t *testing.T) {
	r := NewRedactor()
	for _, sp := range specs {
		p := "password=" + Placeholder(sp.kind)
		if got := r.Redact(p); got != p {
			t.Errorf("Redact(%q) = %q", p, got)
		}
	}
}
