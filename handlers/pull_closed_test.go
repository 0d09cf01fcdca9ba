package handlers

import (
	"fmt"
	"testing"

	"github.com/prcoach/prcoach/handlers/feedback"
	"github.com/prcoach/prcoach/handlers/githubtest"
)

// closedEvent is a pull_request closed delivery for PR number.
func closedEvent(number int) Event {
	payload := fmt.Sprintf(`{"action":"closed","number":%d,"pull_request":{"number":%d,"state":"closed","merged":true},
		"repository":{"name":%q,"full_name":%q,"owner":{"login":%q}},"installation":{"id":42}}`,
		number, number, githubtest.Repo, githubtest.Owner+"/"+githubtest.Repo, githubtest.Owner)
	return Event{DeliveryID: "closed", Name: "pull_request", Action: "closed", InstallationID: 42,
		Owner: githubtest.Owner, Repo: githubtest.Repo, Payload: []byte(payload)}
}

// Closing a PR reads the votes on PR Coach's comments there, once per
// person however often it is delivered; a PR PR Coach never commented on
// costs no API call.
func TestPullClosedReadsVotes(t *testing.T) {
	s := newStores()
	fake, b := feedbackPR(t, s)
	id := checksCommentID(t, fake)
	fake.AddCommentReaction(githubtest.IssueComments, id, "mona", "User", "+1")
	fake.AddCommentReaction(githubtest.IssueComments, id, "renovate[bot]", "Bot", "-1")
	h := &PullClosed{b.replies}
	for range 2 {
		if out := handle(t, h, closedEvent(7)); out != "votes read on 1 of 1 comments" {
			t.Errorf("outcome %q", out)
		}
		if rec, _ := s.votes.only(); rec.Tally != (feedback.Tally{Up: 1}) {
			t.Errorf("tally %+v, want one 👍", rec.Tally)
		}
	}
	before := len(fake.Requests())
	if out := handle(t, h, closedEvent(8)); out != "skipped: no comments of ours on this pull request" {
		t.Errorf("outcome for a PR without comments %q", out)
	}
	if n := len(fake.Requests()) - before; n != 0 {
		t.Errorf("%d API calls for a PR PR Coach never commented on", n)
	}
}
