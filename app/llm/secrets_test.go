package llm

import (
	"context"
	"encoding/base64"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/prcoach/prcoach/handlers/safety"
	"github.com/prcoach/prcoach/prompts"
)

// gen makes deterministic random strings that look like real credentials.
type gen struct{ r *rand.Rand }

const (
	alnum   = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	upper32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	hexd    = "0123456789abcdef"
	b64     = alnum + "+/"
	urlB64  = alnum + "-_"
)

func (g gen) s(prefix, chars string, n int) string {
	b := []byte(prefix)
	for range n {
		b = append(b, chars[g.r.IntN(len(chars))])
	}
	return string(b)
}

// secret is one kind of credential: the text it sits in and the parts of
// it that must never leave.
type secret struct {
	kind    string
	text    string
	secrets []string
}

func secretKinds() []secret {
	g := gen{rand.New(rand.NewPCG(6, 6))}
	one := func(kind, format, s string) secret {
		return secret{kind, strings.ReplaceAll(format, "%s", s), []string{s}}
	}
	var pemBody []string
	for range 8 {
		pemBody = append(pemBody, g.s("", b64, 64))
	}
	pem := "-----BEGIN RSA PRIVATE KEY-----\n" + strings.Join(pemBody, "\n") + "\n-----END RSA PRIVATE KEY-----"
	jwt := "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ" + g.s("", urlB64, 50) + "." + g.s("", urlB64, 43)
	return []secret{
		one("AWS access key id", "aws_access_key_id=%s", g.s("AKIA", upper32, 16)),
		one("AWS secret access key", "aws_secret_access_key = %s", g.s("", b64, 40)),
		one("GitHub classic PAT", "export GITHUB_TOKEN=%s", g.s("ghp_", alnum, 36)),
		one("GitHub fine-grained PAT", "token %s rejected", g.s("github_pat_", alnum, 22)+"_"+g.s("", alnum, 59)),
		one("GitHub installation token in a clone URL", "git clone https://x-access-token:%s@github.com/acme/widgets.git", g.s("ghs_", alnum, 36)),
		{"RSA private key block", pem, pemBody},
		one("JWT", "Authorization failed for id_token=%s", jwt),
		one("postgres URL with a password", "DATABASE_URL=postgres://app:%s@db.internal:5432/app", g.s("", alnum, 16)),
		one("mongodb+srv URL with a password", "mongodb+srv://svc:%s@cluster0.abcde.mongodb.net/?retryWrites=true", g.s("", alnum, 14)),
		one("Slack bot token", "SLACK_TOKEN=%s", "xoxb-"+g.s("", "0123456789", 12)+"-"+g.s("", "0123456789", 13)+"-"+g.s("", alnum, 24)),
		one("Slack webhook", "curl -X POST https://hooks.slack.com/services/%s", g.s("T", upper32, 8)+"/"+g.s("B", upper32, 8)+"/"+g.s("", alnum, 24)),
		one("Stripe live key", "stripe.api_key = '%s'", g.s("sk_live_", alnum, 24)),
		one("OpenAI project key", "openai error for key %s", g.s("sk-proj-", urlB64, 74)),
		one("npm token", "NPM_TOKEN=%s npm publish", g.s("npm_", alnum, 36)),
		one("GCP API key", "maps?key=%s&q=1", g.s("AIza", urlB64, 35)),
		one("SendGrid key", "SENDGRID_API_KEY=%s", g.s("SG.", urlB64, 22)+"."+g.s("", urlB64, 43)),
		one("GitLab PAT", "PRIVATE-TOKEN: %s", g.s("glpat-", urlB64, 20)),
		one("bearer header", "> Authorization: Bearer %s", g.s("", urlB64, 40)),
		one("Azure storage key", "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=%s;EndpointSuffix=core.windows.net", g.s("", b64, 86)+"=="),
		one("Docker Hub PAT", "DOCKER_TOKEN=%s", g.s("dckr_pat_", urlB64, 27)),
		one("PyPI token", "twine upload -p %s dist/*", g.s("pypi-AgEIcHlwaS5vcmc", urlB64, 60)),
		one("password assignment", "PGPASSWORD=%s psql -h db", g.s("", alnum, 14)),
		one("Vault token", "VAULT_TOKEN=%s", g.s("hvs.", urlB64, 90)),
		one("basic auth header", "curl -H 'Authorization: Basic %s' https://api.internal", base64.StdEncoding.EncodeToString([]byte("admin:"+g.s("", alnum, 16)))),
	}
}

// secretPrompts puts every secret into the data of every kind of prompt:
// log excerpts and check fields, a review comment, its diff and thread,
// and a comment to reword.
func secretPrompts(t *testing.T, kinds []secret) []prompts.Prompt {
	t.Helper()
	var texts []string
	for _, k := range kinds {
		texts = append(texts, k.text)
	}
	all := strings.Join(texts, "\n")
	check := prompts.FailingCheck{
		Name: "deploy", Step: "Run ./deploy.sh", Category: "configuration", Title: "Deploy failed",
		Verdict: "change", Reason: "the log shows " + kinds[2].text, Reproduce: "./deploy.sh " + kinds[0].text,
		Excerpts: []prompts.Excerpt{{StartLine: 1, EndLine: len(strings.Split(all, "\n")), Text: all}},
	}
	var ps []prompts.Prompt
	add := func(p prompts.Prompt, err error) {
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	add(prompts.CheckExplanationPrompt(prompts.CheckExplanationData{Check: check, Budget: 10000}))
	add(prompts.ExplainChecksPrompt(prompts.ExplainChecksData{Checks: []prompts.FailingCheck{check}, Question: kinds[3].text, Budget: 10000}))
	add(prompts.ExplainReviewPrompt(prompts.ExplainReviewData{Comment: all, DiffHunk: "@@ -1,3 +1,3 @@\n+" + kinds[1].text, Thread: []string{kinds[6].text}, Budget: 10000}))
	add(prompts.RewordPrompt(prompts.RewordData{Comment: "Why on earth did you commit this?\n" + all, Keep: []string{kinds[4].text}, Budget: 10000}))
	return ps
}

func TestNoSecretReachesTheModel(t *testing.T) {
	kinds := secretKinds()
	ps := secretPrompts(t, kinds)
	for _, k := range kinds { // the test means something only if the secrets are in the prompts
		for _, s := range k.secrets {
			if !strings.Contains(ps[0].User, s) {
				t.Fatalf("%s: secret %q is not in the unredacted prompt", k.kind, s)
			}
		}
	}
	f := newFake(t, ok)
	c, _, _ := testClient(t, f.srv.URL, func(o *Options) { o.Redact = safety.NewRedactor().Redact })
	for _, p := range ps {
		if _, err := c.Complete(context.Background(), p); err != nil {
			t.Fatal(err)
		}
	}
	reqs := f.got()
	if len(reqs) != len(ps) {
		t.Fatalf("%d requests, want %d", len(reqs), len(ps))
	}
	leaked := 0
	for _, r := range reqs {
		var sent strings.Builder
		sent.Write(r.Body)
		for _, m := range r.Request.Messages {
			sent.WriteString(m.Content)
		}
		for _, k := range kinds {
			for _, s := range k.secrets {
				if strings.Contains(sent.String(), s) {
					leaked++
					t.Errorf("%s: %q reached the model in a %s request", k.kind, s, r.Request.Messages[0].Content[:40])
				}
			}
		}
	}
	t.Logf("%d kinds of secrets in %d prompts: %d leaked", len(kinds), len(ps), leaked)
}
