package safety

import (
	"encoding/base64"
	"strings"
)

// secretCase is a piece of log or comment holding secrets that must not
// survive redaction.
type secretCase struct {
	name    string
	text    string
	secrets []string
}

// ownCreds are the app's own credentials handed to NewRedactor in tests.
type ownCreds struct {
	webhookSecret, openAIKey, installationToken, privateKey string
	keyBody                                                 []string
}

func newOwnCreds() ownCreds {
	f := newFaker(7)
	key, body := f.pem("RSA PRIVATE KEY", 25)
	return ownCreds{
		webhookSecret:     "It's a Secret to Everybody",
		openAIKey:         f.s("", alnum, 48), // an unusual format only literal matching catches
		installationToken: f.s("v1.", hex, 40),
		privateKey:        key,
		keyBody:           body,
	}
}

func (o ownCreds) list() []string {
	return []string{o.webhookSecret, o.openAIKey, o.installationToken, o.privateKey, "", "short"}
}

// secretCases returns at least one case per kind of secret the redactor
// promises to catch.
func secretCases() []secretCase {
	f := newFaker(1)
	one := func(name, format, secret string) secretCase {
		return secretCase{name, strings.ReplaceAll(format, "%s", secret), []string{secret}}
	}
	awsKey, awsSecret := "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	rsa, rsaBody := f.pem("RSA PRIVATE KEY", 12)
	ssh, sshBody := f.pem("OPENSSH PRIVATE KEY", 7)
	ec, ecBody := f.pem("EC PRIVATE KEY", 3)
	gcpBody := f.pemBody(4)
	gcpJSON := `{"type": "service_account", "private_key_id": "` + f.s("", hex, 40) +
		`", "private_key": "-----BEGIN PRIVATE KEY-----\n` + strings.Join(gcpBody, `\n`) + `\n-----END PRIVATE KEY-----\n", "client_email": "ci@p.iam.gserviceaccount.com"}`
	azureKey := f.s("", b64Chars, 86) + "=="
	dockerAuth := base64.StdEncoding.EncodeToString([]byte("robot:" + f.s("", alnum, 20)))
	jwt := "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." + "eyJ" + f.s("", urlB64, 60) + "." + f.s("", urlB64, 43)
	basic := base64.StdEncoding.EncodeToString([]byte("admin:" + f.s("", alnum, 16)))
	return []secretCase{
		one("github classic PAT", "export GITHUB_TOKEN=%s", f.s("ghp_", alnum, 36)),
		one("github OAuth token", "token %s used", f.s("gho_", alnum, 36)),
		one("github user-to-server token", `{"token":"%s"}`, f.s("ghu_", alnum, 36)),
		one("github installation token in a clone URL", "git clone https://x-access-token:%s@github.com/o/r.git", f.s("ghs_", alnum, 36)),
		one("github refresh token", "refresh=%s", f.s("ghr_", alnum, 76)),
		one("github fine-grained PAT", "using %s now", f.s("github_pat_", alnum, 22)+"_"+f.s("", alnum, 59)),
		one("AWS access key id from the docs", "aws_access_key_id = %s", awsKey),
		one("AWS secret key from the docs", "aws_secret_access_key = %s", awsSecret),
		one("AWS STS session key in JSON", `"SecretAccessKey": "%s",`, f.s("", b64Chars, 40)),
		{"GCP service-account JSON", gcpJSON, gcpBody},
		one("GCP API key", "key=%s&q=1", f.s("AIza", urlB64, 35)),
		one("Azure storage connection string", "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=%s;EndpointSuffix=core.windows.net", azureKey),
		one("Azure SAS URL", "GET https://acct.blob.core.windows.net/c/b?sv=2022-11-02&se=2030-01-01&sp=r&sig=%s HTTP/1.1", f.s("", alnum, 40)+"%3D"),
		one("Slack bot token", "SLACK=%s", "xoxb-"+f.s("", "0123456789", 12)+"-"+f.s("", "0123456789", 13)+"-"+f.s("", alnum, 24)),
		one("Slack webhook", "curl -X POST https://hooks.slack.com/services/%s -d '{}'", f.s("T", upper, 8)+"/"+f.s("B", upper, 8)+"/"+f.s("", alnum, 24)),
		one("Stripe live key", "stripe.api_key = '%s'", f.s("sk_live_", alnum, 24)),
		one("Stripe webhook secret", "STRIPE_WH=%s", f.s("whsec_", alnum, 32)),
		one("OpenAI project key", "OpenAI error for key %s: quota", f.s("sk-proj-", urlB64, 74)),
		one("OpenAI legacy key", "openai.api_key=%s", "sk-"+f.s("", alnum, 20)+"T3BlbkFJ"+f.s("", alnum, 20)),
		one("npm token", "NPM_TOKEN=%s npm publish", f.s("npm_", alnum, 36)),
		one("npmrc auth token", "//registry.npmjs.org/:_authToken=%s", f.uuid()),
		one("PyPI token", "twine upload -p %s dist/*", f.s("pypi-AgEIcHlwaS5vcmc", urlB64, 60)),
		one("Docker config auth", `{"auths":{"ghcr.io":{"auth":"%s"}}}`, dockerAuth),
		one("docker login password flag", "docker login -u robot -p %s ghcr.io", f.s("", alnum, 20)),
		one("Docker Hub PAT", "DOCKER=%s", f.s("dckr_pat_", urlB64, 27)),
		one("JWT", "id_token=%s", jwt),
		{"RSA private key block", rsa, rsaBody},
		{"OpenSSH private key block with log timestamps", timestamped(ssh), sshBody},
		{"EC private key block, indented YAML", indent(ec, "      "), ecBody},
		one("postgres URL", "DATABASE_URL=postgres://app:%s@db.internal:5432/app", f.s("", alnum, 16)),
		one("mysql URL", "dial mysql://root:%s@tcp(127.0.0.1:3306)/test failed", f.s("", alnum, 12)),
		one("mongodb+srv URL", "mongodb+srv://svc:%s@cluster0.abcde.mongodb.net/?retryWrites=true", f.s("", alnum, 14)+"@x"),
		one("redis URL without user", "REDIS_URL=redis://:%s@cache:6379/0", f.s("", alnum, 20)),
		one("amqp URL", "amqp://guest:%s@rabbit:5672/", f.s("", alnum, 10)),
		one("https URL with basic auth", "fetching https://deploy:%s@artifacts.example.com/x.tgz", f.s("", alnum, 18)),
		one("bearer header", "> Authorization: Bearer %s", f.s("", urlB64, 40)),
		one("basic header", `curl -H "Authorization: Basic %s" https://api`, basic),
		one("password assignment", "PGPASSWORD=%s psql", f.s("", alnum, 12)),
		one("secret in YAML", "  client_secret: %s", f.s("", alnum, 10)+"9"),
		one("api_key in a query", "GET /v1/items?api_key=%s&page=2", f.s("", hex, 32)),
		one("SendGrid key", "SENDGRID=%s", f.s("SG.", urlB64, 22)+"."+f.s("", urlB64, 43)),
		one("Twilio API key", "twilio key %s", f.s("SK", hex, 32)),
		one("Heroku API key", "HEROKU_API_KEY=%s", f.uuid()),
		one("Heroku new-format key", "key %s", f.s("HRKU-", urlB64, 60)),
		one("GitLab PAT", "PRIVATE_TOKEN %s", f.s("glpat-", urlB64, 20)),
		one("Shopify token", "X-Shopify-Access-Token %s", f.s("shpat_", hex, 32)),
		one("Datadog API key", "DD_API_KEY=%s", f.s("", hex, 32)),
		one("Vault token", "VAULT_TOKEN %s", f.s("hvs.", urlB64, 90)),
		one("Vault legacy token", "vault_token: %s", f.s("s.", alnum, 24)),
	}
}

// ownCases are lines holding the app's own credentials.
func ownCases(o ownCreds) []secretCase {
	return []secretCase{
		{"own webhook secret", "secret was " + o.webhookSecret + " here", []string{o.webhookSecret}},
		{"own OpenAI key in an error", `error: {"message":"Incorrect API key provided: ` + o.openAIKey + `"}`, []string{o.openAIKey}},
		{"own installation token", "Authorization token " + o.installationToken, []string{o.installationToken}},
		{"own private key, bare body lines", strings.Join(o.keyBody[3:9], "\n"), o.keyBody[3:9]},
		{"own private key, JSON-escaped", `"key":"` + strings.ReplaceAll(o.privateKey, "\n", `\n`) + `"`, o.keyBody},
	}
}

// timestamped prefixes every line with a GitHub Actions log timestamp.
func timestamped(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = "2024-05-01T12:00:00.1234567Z " + l
	}
	return strings.Join(lines, "\n")
}

// indent prefixes every line with pad.
func indent(s, pad string) string {
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad)
}
