package handlers

import (
	"context"
	"errors"
	"strconv"
	"strings"
)

// Comments handles review comments, reviews and pull request conversation
// comments: it normalises each into a Comment, then coaches its tone.
type Comments struct{ *Base }

// Events implements Handler.
func (h *Comments) Events() map[string][]string { return commentEvents }

// Permissions implements Handler.
func (h *Comments) Permissions() map[string]string {
	return map[string]string{"pull_requests": "write"} // read comments, reply in threads
}

// Handle implements Handler.
func (h *Comments) Handle(ctx context.Context, ev Event) (string, error) {
	c, err := NormalizeComment(ev)
	if err != nil {
		return "", err
	}
	switch {
	case !c.OnPR:
		return "skipped: not a pull request", nil
	case c.FromBot():
		return "skipped: written by a bot", nil
	case h.clients == nil:
		return "", Permanent(errors.New("no GitHub App credentials configured"))
	}
	gh, err := h.clients.Installation(ev.InstallationID)
	if err != nil {
		return "", err
	}
	return h.coachTone(ctx, gh, c)
}

// toneMarker identifies the one suggestion kept for one comment.
func toneMarker(c Comment) string {
	return "<!-- prcoach:tone:" + c.Kind + ":" + strconv.FormatInt(c.ID, 10) + " -->"
}

// toneMarkerPrefix starts every tone suggestion's marker.
const toneMarkerPrefix = "<!-- prcoach:tone:"

// isToneSuggestion reports whether body is one of the app's tone suggestions.
func isToneSuggestion(body string) bool { return strings.HasPrefix(body, toneMarkerPrefix) }
