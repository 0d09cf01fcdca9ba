package safety

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
)

// rule is one secret pattern, focused or from gitleaks. Every rule matches
// within a single line, which is what lets the reader work line by line;
// an overlong line is cut into overlapping windows (stream.go).
type rule struct {
	kind     string
	keywords []string // lower-case; the regexp runs only on lines holding one
	re       *lazyRegexp
	group    int                  // submatch holding the secret; 0 is the whole match
	firstSet bool                 // the secret is the first non-empty submatch, else the whole match
	anchored bool                 // re starts with a keyword: try it only where a keyword is
	valid    func(candidate) bool // optional check of a match; nil accepts all
	win      window               // where on a line it may match, when windowed
	windowed bool                 // win holds (windowOf)
	wordHits bool                 // the keywords are win's words: their hits are where the words are
	// lead is the pattern anchored, when every match starts with a
	// keyword (see leadOf); nil otherwise.
	lead *lazyRegexp
	back int // lead may start this many bytes before a keyword hit
}

// lazyRegexp is a valid pattern compiled on its first use. Compiled
// programs are most of a redactor's memory (about 5 MB for every rule),
// and most rules never run in a given process: a rule runs only on a line
// holding one of its keywords, and a server whose workers only redact
// their own error texts sees few of them.
type lazyRegexp struct {
	pattern string
	once    sync.Once
	re      *regexp.Regexp
}

// newLazyRegexp checks pattern now and compiles it when first used.
func newLazyRegexp(pattern string) (*lazyRegexp, error) {
	if _, err := syntax.Parse(pattern, syntax.Perl); err != nil {
		return nil, err
	}
	return &lazyRegexp{pattern: pattern}, nil
}

// get returns the compiled pattern. regexp.Compile fails only where
// syntax.Parse does, which newLazyRegexp checked.
func (l *lazyRegexp) get() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.pattern) })
	return l.re
}

// candidate is one match of a rule, for its check.
type candidate struct {
	line, match, secret string
	groups              []string // submatches; unmatched ones are empty
}

// spec is the uncompiled form of a rule.
type spec struct {
	kind     string
	keywords string // space separated
	pattern  string
	group    int
	valid    func(candidate) bool
	anchored bool // the pattern starts with one of the keywords
}

// Shared fragments: a key/value separator and an optional quote.
const (
	sep = `["']?[ \t]*(?::=|=>|[:=])[ \t]*["']?`
	b64 = `[A-Za-z0-9+/]`
)

// specs lists the focused patterns. gitleaks adds breadth; these cover what
// its default config misses in practice (its allowlists drop documentation
// keys and it has no rule for passwords in URLs) and keep the common kinds
// working even if gitleaks cannot be loaded.
var specs = []spec{
	{"github-token", "ghp_ gho_ ghu_ ghs_ ghr_", `gh[pousr]_[A-Za-z0-9]{30,}`, 0, nil, false},
	{"github-token", "github_pat_", `github_pat_[A-Za-z0-9_]{22,}`, 0, nil, false},
	{"aws-access-key-id", "a3t akia asia abia acca agpa aida aroa aipa anpa anva apka",
		`\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}\b`, 0, nil, false},
	{"aws-secret-key", "aws_secret awssecret secretaccesskey aws_session awssession sessiontoken",
		`(?i)(?:aws_?secret_?(?:access_?)?key|secretaccesskey|aws_?session_?token|sessiontoken)` + sep + `(` + b64 + `{20,}=*)`, 1, nil, false},
	{"gcp-api-key", "aiza", `AIza[0-9A-Za-z_-]{35}`, 0, nil, false},
	{"gcp-oauth-secret", "gocspx-", `GOCSPX-[A-Za-z0-9_-]{20,64}`, 0, nil, false},
	{"private-key", "private key", `-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----([^\r\n-]+)`, 1, nil, false},
	{"azure-key", "accountkey sharedaccesskey sharedsecret primarykey secondarykey",
		`(?i)(?:AccountKey|SharedAccessKey|SharedSecret|PrimaryKey|SecondaryKey)[ \t]*=[ \t]*([^;\s"']{8,})`, 1, nil, false},
	{"azure-sas", "sig=", `[?&;]sig=([A-Za-z0-9%+/=]{16,})`, 1, nil, false},
	{"slack-token", "xox", `xox[abposr]-[0-9A-Za-z-]{10,}`, 0, nil, false},
	{"slack-token", "xapp-", `xapp-[0-9]-[A-Za-z0-9-]{10,}`, 0, nil, false},
	{"slack-webhook", "hooks.slack.com", `hooks\.slack\.com/(?:services|workflows|triggers)/([A-Za-z0-9/_+-]{16,})`, 1, nil, false},
	{"discord-webhook", "/api/webhooks/", `discord(?:app)?\.com/api/webhooks/([0-9]{5,30}/[A-Za-z0-9_-]{20,})`, 1, nil, false},
	{"stripe-key", "sk_live sk_test rk_live rk_test", `(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{10,}`, 0, nil, false},
	{"stripe-key", "whsec_", `whsec_[0-9A-Za-z]{20,}`, 0, nil, false},
	{"openai-key", "sk-", `\bsk-(?:proj-|svcacct-|admin-|ant-[a-z]{2,8}[0-9]{2}-)?[A-Za-z0-9_-]{20,}`, 0, nil, false},
	{"npm-token", "npm_", `\bnpm_[A-Za-z0-9]{36}`, 0, nil, false},
	{"npm-token", "_auth _password", `(?i)(?:_auth|_authToken|_password)[ \t]*=[ \t]*["']?([^\s"']{6,})`, 1, nil, false},
	{"pypi-token", "pypi-", `pypi-AgE[A-Za-z0-9_-]{50,}`, 0, nil, false},
	{"docker-auth", `"auth" "identitytoken" "registrytoken"`,
		`(?i)"(?:auth|identitytoken|registrytoken)"[ \t]*:[ \t]*"([^"\s]{8,})"`, 1, nil, false},
	{"docker-auth", "dckr_pat_", `dckr_pat_[A-Za-z0-9_-]{20,}`, 0, nil, false},
	{"docker-auth", "docker login", `docker[ \t]+login\b[^\r\n]*?[ \t]-p[ \t]+["']?([^\s"']{4,})`, 1, nil, false},
	{"cli-password", "--password", `--password(?:[ \t]+|=)["']?([^\s"'-][^\s"']{3,})`, 1, nil, false},
	{"cli-password", "-u --user", `(?:^|[ \t])(?:-u|--user)(?:[ \t]+|=)["']?[^\s:"']{1,}:([^\s"']{1,})`, 1, nil, false},
	{"jwt", "eyj", `\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*`, 0, nil, false},
	{"url-password", "://", `://[^\s:/?#@"'<>\[\]]*:([^\s/?#"'<>]+)@`, 1, nil, true},
	{"auth-header", "authorization",
		`(?i)\b(?:proxy-)?authorization["']?[ \t]*[:=][ \t]*["']?(?:(?:bearer|basic|token|digest|negotiate|ntlm|apikey|bot|sso-key)[ \t]+)?([^\s"',;]{6,})`, 1, nil, false},
	{"auth-header", "private-token x-api-key x-auth-token x-access-token",
		`(?i)(?:^|[^/\w-])(?:private-token|x-api-key|x-auth-token|x-access-token)["']?[ \t]*:[ \t]*["']?([^\s"',;]{6,})`, 1, nil, false},
	{"auth-header", "bearer", `(?i)\bbearer[ \t]+([A-Za-z0-9._~+/=-]{16,})`, 1, nil, false},
	{"auth-header", "basic", `(?i)\bbasic[ \t]+(` + b64 + `{16,}={0,2})`, 1, nil, false},
	{"sendgrid-key", "sg.", `SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}`, 0, nil, false},
	{"twilio-key", "sk", `\bSK[0-9a-fA-F]{32}\b`, 0, nil, false},
	{"heroku-key", "hrku-", `HRKU-[A-Za-z0-9_-]{20,}`, 0, nil, false},
	{"heroku-key", "heroku", `(?i)heroku[A-Za-z0-9_.-]*` + sep + `([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`, 1, nil, false},
	{"gitlab-token", "glpat- gldt- glrt- glptt- glft- glcbt- gloas- glimt- glsoat- glffct- glagent-",
		`\bgl(?:pat|dt|rt|ptt|ft|cbt|oas|imt|soat|ffct|agent)-[A-Za-z0-9_-]{20,}`, 0, nil, false},
	{"gitlab-token", "gr1348941", `GR1348941[A-Za-z0-9_-]{20,}`, 0, nil, false},
	{"shopify-token", "shpat_ shpca_ shppa_ shpss_", `shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`, 0, nil, false},
	{"datadog-key", "datadog dd_ dd-",
		`(?i)(?:datadog|\bdd)[A-Za-z0-9_.-]*?(?:api|app|client)[A-Za-z0-9_.-]*?key` + sep + `([a-z0-9]{32,40})`, 1, nil, false},
	{"vault-token", "hvs. hvb. hvr.", `\bhv[sbr]\.[A-Za-z0-9_-]{24,}`, 0, nil, false},
	{"vault-token", "vault", `(?i)vault[A-Za-z0-9_.-]*` + sep + `(s\.[A-Za-z0-9]{24})`, 1, nil, false},
	{"age-key", "age-secret-key-", `AGE-SECRET-KEY-1[0-9A-Z]{58}`, 0, nil, false},
	{"telegram-token", ":aa", `\b[0-9]{8,10}:AA[0-9A-Za-z_-]{33}\b`, 0, nil, false},
	{"secret", "password passwd pwd passphrase secret token apikey api_key api-key access_key access-key accesskey private_key private-key privatekey credential auth_key auth-key",
		`(?i)(?:password|passwd|pwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?|auth[_-]?key)[A-Za-z0-9_.-]*["']?[ \t]*(:=|=>|[:=])[ \t]*("[^"\r\n]+"|'[^'\r\n]+'|[^\s"'\x60,;)]+)`, 2, genericValue, true},
}

// mustLazy is newLazyRegexp for the patterns written here.
func mustLazy(pattern string) *lazyRegexp {
	l, err := newLazyRegexp(pattern)
	if err != nil {
		panic(err)
	}
	return l
}

// compiledRules compiles specs once; the result is shared and read-only.
var compiledRules = sync.OnceValue(compileSpecs)

// compileSpecs builds the rules compiledRules shares.
func compileSpecs() []rule {
	rules := make([]rule, 0, len(specs))
	for _, s := range specs {
		pattern := s.pattern
		if s.anchored {
			pattern = `^(?:` + pattern + `)`
		}
		r := rule{
			kind:     s.kind,
			keywords: strings.Fields(s.keywords),
			re:       mustLazy(pattern),
			group:    s.group,
			valid:    s.valid,
			anchored: s.anchored,
		}
		if !s.anchored {
			r.lead, r.back = leadOf(s.pattern, r.keywords)
		}
		rules = append(rules, r)
	}
	return rules
}
