package handlers

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/githubtest"
	"github.com/prcoach/prcoach/prompts"
)

// edited returns ev with its payload changed by edit.
func edited(t *testing.T, ev Event, edit func(map[string]any)) Event {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(ev.Payload, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	var err error
	if ev.Payload, err = json.Marshal(m); err != nil {
		t.Fatal(err)
	}
	return ev
}

// asCommand turns the tense issue comment into mona's command body.
func asCommand(body string) func(map[string]any) {
	return func(m map[string]any) {
		c := m["comment"].(map[string]any)
		c["body"], c["author_association"] = body, "CONTRIBUTOR"
		c["user"] = map[string]any{"login": "mona", "type": "User"}
	}
}

// posted is the one body the app wrote on PR #7, in the conversation or
// in a review thread.
func posted(t *testing.T, fake *githubtest.Server) string {
	t.Helper()
	var bodies []string
	for _, c := range fake.Comments(githubtest.Owner, githubtest.Repo, 7) {
		if c.GetUser().GetLogin() == fake.AppLogin {
			bodies = append(bodies, c.GetBody())
		}
	}
	for _, c := range fake.ReviewComments(githubtest.Owner, githubtest.Repo, 7) {
		if c.GetUser().GetLogin() == fake.AppLogin {
			bodies = append(bodies, c.GetBody())
		}
	}
	if len(bodies) != 1 {
		t.Fatalf("the app wrote %d bodies on #7, want 1: %q", len(bodies), bodies)
	}
	return bodies[0]
}

// postedFlow is one event delivered to its handler against a seeded fake
// GitHub, with the outcome it should report.
type postedFlow struct {
	name    string
	seed    func(*githubtest.Server)
	handler func(*Base) Handler
	event   func(*testing.T) Event
	outcome string
}

// commandFlow is mona's comment body on the failing PR #7's conversation,
// answered with outcome.
func commandFlow(name, body, outcome string) postedFlow {
	return postedFlow{
		name:    name,
		seed:    func(f *githubtest.Server) { f.SeedFailingPR(githubtest.GoTestLog) },
		handler: func(b *Base) Handler { return newComments(b) },
		event: func(t *testing.T) Event {
			return edited(t, fixture(t, "issue_comment", "created", "issue_comment_tense.json"), asCommand(body))
		},
		outcome: outcome,
	}
}

// postedFlows are the flows whose one posted body has a golden file: the
// checks comment, the tone reply and the /explain answers.
func postedFlows() []postedFlow {
	return []postedFlow{
		{
			name:    "checks_failing",
			seed:    func(f *githubtest.Server) { f.SeedFailingPR(githubtest.GoTestLog) },
			handler: func(b *Base) Handler { return newCheckRun(b) },
			event:   func(t *testing.T) Event { return fixture(t, "check_run", "completed", "check_run_failure.json") },
			outcome: "#7 commented: 1 failing",
		},
		{
			name:    "checks_log_expired",
			seed:    func(f *githubtest.Server) { f.SeedFailingPR("") },
			handler: func(b *Base) Handler { return newCheckRun(b) },
			event:   func(t *testing.T) Event { return fixture(t, "check_run", "completed", "check_run_failure.json") },
			outcome: "#7 commented: 1 failing",
		},
		{
			name: "tone_reply_in_thread",
			seed: func(f *githubtest.Server) {
				f.AddPull(githubtest.Owner, githubtest.Repo, githubtest.PullRequest(githubtest.Repo, 7, githubtest.HeadSHA, "CONTRIBUTOR"))
				f.AddReviewComment(githubtest.Owner, githubtest.Repo, 7, &github.PullRequestComment{ID: github.Int64(1900000001),
					Body: github.String("Why would you …"), User: user("reviewer-rae", "User")})
			},
			handler: func(b *Base) Handler { return newComments(b) },
			event: func(t *testing.T) Event {
				return fixture(t, "pull_request_review_comment", "created", "review_comment_tense.json")
			},
			outcome: "tone suggestion posted",
		},
		commandFlow("explain_in_conversation", "/explain", "explain: 1 failing checks explained"),
		commandFlow("explain_unknown_check", "/explain tets (ubuntu-latest)", "explain: unknown check"),
		commandFlow("explain_help", "/explain help", "explain: usage shown"),
		{
			name: "explain_in_review_thread",
			seed: func(f *githubtest.Server) {
				f.AddPull(githubtest.Owner, githubtest.Repo, githubtest.PullRequest(githubtest.Repo, 7, githubtest.HeadSHA, "CONTRIBUTOR"))
				f.AddReviewComment(githubtest.Owner, githubtest.Repo, 7, &github.PullRequestComment{ID: github.Int64(1900000050),
					Body: github.String("Obviously `Parse` should return `nil` here. Why would you allocate?!"), Path: github.String("parser/parser.go"),
					Line: github.Int(43), User: user("reviewer-rae", "User")})
			},
			handler: func(b *Base) Handler { return newComments(b) },
			event: func(t *testing.T) Event {
				return edited(t, fixture(t, "pull_request_review_comment", "created", "review_comment_tense.json"), func(m map[string]any) {
					c := m["comment"].(map[string]any)
					c["id"], c["in_reply_to_id"], c["body"] = 1900000051, 1900000050, "/explain"
					c["user"], c["author_association"] = map[string]any{"login": "mona", "type": "User"}, "CONTRIBUTOR"
				})
			},
			outcome: "explain: review comment explained",
		},
	}
}

// Each flow delivers one event to its handler against the fake GitHub and
// compares the one body posted with testdata/golden/handlers/NAME.md.
func TestPostedBodies(t *testing.T) {
	for _, tt := range postedFlows() {
		t.Run(tt.name, func(t *testing.T) {
			fake := newFake(t)
			tt.seed(fake)
			out := handle(t, tt.handler(newTestBase(fake)), tt.event(t))
			if !strings.HasPrefix(out, tt.outcome) {
				t.Errorf("outcome %q, want it to start %q", out, tt.outcome)
			}
			githubtest.Golden(t, filepath.Join("..", "testdata", "golden", "handlers", tt.name+".md"), posted(t, fake))
		})
	}
}

// leakyModel answers every prompt with text that carries a token.
type leakyModel struct{ token string }

func (m leakyModel) Complete(context.Context, prompts.Prompt) (string, error) {
	return "Set GITHUB_TOKEN=" + m.token + " and rerun.", nil
}

// Whatever the model writes, every body leaves redacted: the checks
// comment, the tone reply and the /explain answer go through post.
func TestModelTextIsRedactedOnEveryPath(t *testing.T) {
	token := "ghp_" + strings.Repeat("aB3", 12)
	tests := []struct {
		name    string
		handler func(*Base) Handler
		event   func(*testing.T) Event
	}{
		{"checks comment", func(b *Base) Handler { return newCheckRun(b) },
			func(t *testing.T) Event { return fixture(t, "check_run", "completed", "check_run_failure.json") }},
		{"explain answer", func(b *Base) Handler { return newComments(b) },
			func(t *testing.T) Event {
				return edited(t, fixture(t, "issue_comment", "created", "issue_comment_tense.json"), asCommand("/explain"))
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := newFake(t)
			fake.SeedFailingPR(githubtest.GoTestLog)
			b := NewBase(Options{Clients: fake.Clients(), Completer: leakyModel{token}})
			handle(t, tt.handler(b), tt.event(t))
			body := posted(t, fake)
			if strings.Contains(body, token) {
				t.Errorf("posted body carries the model's token:\n%s", body)
			}
			if !strings.Contains(body, "Set GITHUB_TOKEN=") {
				t.Errorf("the model's text was not used, so this proves nothing:\n%s", body)
			}
		})
	}
}

// A delivery that both answers /explain and coaches tone lists the PR's
// comments once: the tone step reuses the listing and sees the answer the
// explain step just posted.
func TestOneDeliveryListsCommentsOnce(t *testing.T) {
	fake := newFake(t)
	fake.SeedFailingPR(githubtest.GoTestLog)
	ev := edited(t, fixture(t, "issue_comment", "created", "issue_comment_tense.json"),
		asCommand("/explain\n\nWHY IS THIS STILL NOT FIXED??? You never run the tests before pushing."))
	out := handle(t, newComments(newTestBase(fake)), ev)
	if !strings.Contains(out, "explain: 1 failing checks explained") || !strings.Contains(out, "tone suggestion posted") {
		t.Fatalf("outcome %q, want an explain answer and a tone suggestion", out)
	}
	lists := map[string]int{}
	for _, req := range fake.Requests() {
		if req.Method == "GET" && strings.HasSuffix(req.Path, "/7/comments") {
			lists[req.Path]++
		}
	}
	want := map[string]int{"/repos/octo-org/widgets/issues/7/comments": 1, "/repos/octo-org/widgets/pulls/7/comments": 1}
	if diff := cmp.Diff(want, lists); diff != "" {
		t.Errorf("comment listings (-want +got):\n%s", diff)
	}
}
