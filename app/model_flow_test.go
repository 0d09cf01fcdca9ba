package app

import (
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/prcoach/prcoach/handlers/githubtest"
)

func modelConfig(t *testing.T, fake *githubtest.Server, baseURL string) Config {
	cfg := testConfig(t, fake)
	cfg.OpenAIKey, cfg.OpenAIBaseURL, cfg.ModelTimeout = "sk-test-not-a-real-key-000000", baseURL, 300*time.Millisecond
	return cfg
}

const modelWords = "The parser test expects an empty result for empty input; returning nil there should make it pass."

// The app's model client, metered, words the checks comment or falls back
// to the offline coach, and the metrics and the log say which. Each kind
// of model failure is handlers' (handlers/model_flow_test.go).
func TestModelFailuresFallBackToTheOfflineComment(t *testing.T) {
	closed, _ := net.Listen("tcp", "127.0.0.1:0")
	refusedURL := "http://" + closed.Addr().String() + "/v1"
	closed.Close()
	for _, tc := range []struct {
		name      string
		reply     githubtest.Reply
		refused   bool
		wantModel bool
		wantCalls int
	}{
		{"success", githubtest.Says(modelWords), false, true, 1},
		{"500s", githubtest.Fails(500, "server_error"), false, false, 3},
		{"connection refused", nil, true, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := githubtest.NewServer()
			defer fake.Close()
			fake.SeedFailingPR(goTestLog)
			base := refusedURL
			var model *githubtest.Model
			if !tc.refused {
				model = githubtest.NewModel(t, tc.reply)
				base = model.URL + "/v1"
			}
			r := start(t, modelConfig(t, fake, base))
			status, _ := r.process(t, "check_run", "webhooks/check_run_failure.json", nil)
			if status != statusDone {
				t.Fatalf("status %q", status)
			}
			body := onlyComment(t, fake)
			gotModel := strings.Contains(body, modelWords)
			if gotModel != tc.wantModel || strings.Contains(body, "a language model") != tc.wantModel {
				t.Errorf("model wording %v, want %v:\n%s", gotModel, tc.wantModel, body)
			}
			if !strings.Contains(body, "TestParseEmpty") {
				t.Errorf("the facts are missing:\n%s", body)
			}
			if model != nil && len(model.Requests()) < tc.wantCalls || model != nil && tc.wantCalls == 1 && len(model.Requests()) != 1 {
				t.Errorf("%d model requests, want %d", len(model.Requests()), tc.wantCalls)
			}
			if !tc.wantModel && !strings.Contains(r.logs.String(), `"llm_mode":"offline"`) {
				t.Errorf("no fallback warning logged")
			}
			_, metrics := get(t, r.URL+"/metrics")
			want := `prcoach_model_calls_total{prompt="check_explanation",result="fallback"} 1`
			if tc.wantModel {
				want = `prcoach_model_calls_total{prompt="check_explanation",result="ok"} 1`
			}
			if !strings.Contains(metrics, want) {
				t.Errorf("metrics lack %s", want)
			}
		})
	}
}

// secretsInLogs are credentials of many kinds, as they leak into CI logs.
var secretsInLogs = []string{
	"ghp_" + "R7dL2kQ9vX4mN8pZ1wY6tB3cF5hJ0aS7eU2i",
	"github_pat_" + "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ab",
	"AKIA" + "Z7Q4R2T6Y8U1I3O5",
	"xoxb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
	"sk_live_" + "4eC39HqLyjWDarjtT1zdp7dcQ8rZ2mXv",
	"sk-proj-" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6lMn9oPq",
	"glpat-" + "xY7zA2bC4dE6fG8hJ0kL",
	"npm_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8",
	"pypi-" + "AgEIcHlwaS5vcmcCJGE0YjM5ZjRhLTBmNmItNDk1Yi1iZGY0LTQ3MTgzZjQ2ZjYzNwACKlsz",
	"SG." + "ngeVfQFYQlKU0ufo8x5d1A.TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr",
	"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." + "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0." + "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
	"postgres://app:" + "Sup3rS3cretPassw0rd" + "@db.internal:5432/widgets",
	"https://hooks.slack.com/services/" + "T0123ABCD/B0456EFGH/abcdefghijklmnopqrstuvwx",
	"AccountKey=" + "Zm9vYmFyYmF6cXV4cXV1eGZvb2JhcmJhenF1eHF1dXhmb29iYXJiYXpxdXhxdXV4Zm9vYmFyYmF6cQ==",
	"hvs." + "CAESIJ0rZ3kLmN4pQ7sT9vW2yX5aB8cD1eF6gH0jK3lM6nP9qR2s",
	"dop_v1_" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
	"Authorization: Bearer " + "f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4",
	"password=" + "hunter2hunter2hunter2",
	"mongodb+srv://admin:" + "Tr1ckyP4ssw0rdHere" + "@cluster0.example.mongodb.net/db",
	"AIza" + "SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY",
}

func TestNoSecretReachesTheModel(t *testing.T) {
	fake := githubtest.NewServer()
	defer fake.Close()
	var log strings.Builder
	log.WriteString(goTestLog)
	for i, s := range secretsInLogs {
		fmt.Fprintf(&log, "2026-11-26T07:52:21.%07dZ     parser_test.go:%d: config %s\n", i, 50+i, s)
	}
	log.WriteString("2026-11-26T07:52:22.0000000Z -----BEGIN RSA PRIVATE KEY-----\n2026-11-26T07:52:22.0000000Z MIIEowIBAAKCAQEA1x2y3z4a5b6c7d8e9f0g1h2i3j4k5l6m7n8o9p0q1r2s3t4u5v\n2026-11-26T07:52:22.0000000Z -----END RSA PRIVATE KEY-----\n")
	fake.SeedFailingPR(strings.Replace(log.String(), "FAIL\tgithub.com", "--- FAIL: TestConfig (0.00s)\nFAIL\tgithub.com", 1))
	model := githubtest.NewModel(t, githubtest.Says(modelWords))
	r := start(t, modelConfig(t, fake, model.URL+"/v1"))
	if status, _ := r.process(t, "check_run", "webhooks/check_run_failure.json", nil); status != statusDone {
		t.Fatalf("status %q", status)
	}
	reqs := model.Requests()
	if len(reqs) == 0 {
		t.Fatal("the model was never asked")
	}
	everything := strings.Join(reqs, "\n") + onlyComment(t, fake) + r.logs.String()
	for _, s := range append(secretsInLogs, "MIIEowIBAAKCAQEA1x2y3z4a5b6c7d8e9f0g1h2i3j4k5l6m7n8o9p0q1r2s3t4u5v", testKey()[40:80]) {
		secret := s[len(s)-12:]
		if strings.Contains(everything, secret) {
			t.Errorf("secret %q… reached the model, the comment or the logs", s[:min(len(s), 16)])
		}
	}
}
