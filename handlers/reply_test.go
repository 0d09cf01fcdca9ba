package handlers

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/handlers/githubtest"
)

func TestMarkerText(t *testing.T) {
	tests := []struct {
		name string
		m    marker
		want string
	}{
		{"checks comment", checksMarker, ChecksMarker},
		{"tone reply to a review comment", commentMarker(toneFamily, Comment{Kind: "review_comment", ID: 12}), "<!-- prcoach:tone:review_comment:12 -->"},
		{"explain answer to an issue comment", commentMarker(explainFamily, Comment{Kind: "issue_comment", ID: 9}), "<!-- prcoach:explain:issue_comment:9 -->"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.m.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			if !tt.m.sameFamily(tt.want + "\nbody") {
				t.Errorf("sameFamily(own body) = false")
			}
		})
	}
	if checksMarker.sameFamily("<!-- prcoach:checksum -->") {
		t.Error("a family whose name only starts the same matched")
	}
}

// planted is a comment another app wrote, carrying PR Coach's marker.
func planted(marker string) *github.IssueComment {
	return &github.IssueComment{Body: github.String(marker + "\nplanted by another app"), User: user("other-app[bot]", "Bot")}
}

// bodies are the comments of PR #7, author and body's first line.
func bodies(fake *githubtest.Server) []string {
	var out []string
	for _, c := range fake.Comments(githubtest.Owner, githubtest.Repo, 7) {
		first, _, _ := strings.Cut(c.GetBody(), "\n")
		out = append(out, c.GetUser().GetLogin()+": "+first)
	}
	return out
}

func TestChecksCommentIgnoresAMarkerAnotherBotPlanted(t *testing.T) {
	tests := []struct {
		name    string
		own     bool // PR Coach already has its comment
		outcome string
	}{
		{"planted marker only: PR Coach posts its own", false, "#7 commented: 1 failing"},
		{"planted marker and own comment: PR Coach edits its own", true, "#7 updated: 1 failing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := newFake(t)
			fake.SeedFailingPR(githubtest.GoTestLog)
			fake.AddComment(githubtest.Owner, githubtest.Repo, 7, planted(ChecksMarker))
			want := []string{"other-app[bot]: " + ChecksMarker}
			if tt.own {
				fake.AddComment(githubtest.Owner, githubtest.Repo, 7, &github.IssueComment{
					Body: github.String(ChecksMarker + "\nan older report"), User: user(fake.AppLogin, "Bot")})
				want = append(want, fake.AppLogin+": "+ChecksMarker)
			}
			b := newTestBase(fake)
			out := handle(t, newCheckRun(b), fixture(t, "check_run", "completed", "check_run_failure.json"))
			if out != tt.outcome {
				t.Errorf("outcome %q, want %q", out, tt.outcome)
			}
			if !tt.own {
				want = append(want, fake.AppLogin+": "+ChecksMarker)
			}
			if diff := cmp.Diff(want, bodies(fake)); diff != "" {
				t.Errorf("comments (-want +got):\n%s", diff)
			}
			if got := fake.Comments(githubtest.Owner, githubtest.Repo, 7)[0].GetBody(); !strings.Contains(got, "planted by another app") {
				t.Errorf("the planted comment was changed:\n%s", got)
			}
		})
	}
}

func TestToneReplyIgnoresAMarkerAnotherBotPlanted(t *testing.T) {
	fake := newFake(t)
	fake.AddPull(githubtest.Owner, githubtest.Repo, githubtest.PullRequest(githubtest.Repo, 7, githubtest.HeadSHA, "CONTRIBUTOR"))
	m := "<!-- prcoach:tone:issue_comment:2100000001 -->"
	fake.AddComment(githubtest.Owner, githubtest.Repo, 7, planted(m))
	out := handle(t, newComments(newTestBase(fake)), fixture(t, "issue_comment", "created", "issue_comment_tense.json"))
	if !strings.HasPrefix(out, "tone suggestion posted") {
		t.Errorf("outcome %q, want a posted suggestion", out)
	}
	want := []string{"other-app[bot]: " + m, fake.AppLogin + ": " + m}
	if diff := cmp.Diff(want, bodies(fake)); diff != "" {
		t.Errorf("comments (-want +got):\n%s", diff)
	}
	for _, req := range fake.Requests() {
		if req.Method == "PATCH" || req.Method == "DELETE" {
			t.Errorf("%s %s: PR Coach touched a comment that is not its own", req.Method, req.Path)
		}
	}
}

func TestPRNumberIsLogged(t *testing.T) {
	fake := newFake(t)
	fake.SeedFailingPR(githubtest.GoTestLog)
	var logs bytes.Buffer
	ctx := WithLogger(context.Background(), slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	if _, err := (newCheckRun(newTestBase(fake))).Handle(ctx, fixture(t, "check_run", "completed", "check_run_failure.json")); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), `"`+LogPRNumber+`":7`) {
		t.Errorf("no line names PR 7 under %s:\n%s", LogPRNumber, logs.String())
	}
}
