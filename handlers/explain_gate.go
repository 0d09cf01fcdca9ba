package handlers

import (
	"context"

	"github.com/google/go-github/v60/github"

	"github.com/prcoach/prcoach/prompts"
)

// What an /explain command passes before it is answered: who may ask, and
// the repository's cap on answers per pull request.

// explainCapReached enforces the repository's explain.max_replies_per_pr:
// at the cap it posts one friendly note, past it nothing. It returns the
// outcome when the cap stops this command.
func (x *explainer) explainCapReached(ctx context.Context, to answerTo) (string, error) {
	conf, _, err := to.d.settings(ctx)
	if err != nil {
		return "", err
	}
	mine, answered, err := to.t.find(ctx, to.marker())
	if err != nil {
		return "", err
	}
	switch limit := conf.ExplainRepliesPerPR(); {
	case mine != nil || answered < limit:
		// Under the cap, or updating this comment's own answer.
		return "", nil
	case answered == limit:
		return x.note(ctx, to, prompts.ExplainNote{Kind: "budget"}, "explain: answers per pull request reached their cap")
	default:
		return "explain: cap reached, already told", nil
	}
}

// acknowledge adds 👀 to the command's comment. Reviews have no reactions;
// a failed reaction is logged, never fatal.
func (x *explainer) acknowledge(ctx context.Context, gh *github.Client, c Comment) {
	var err error
	switch c.Kind {
	case "issue_comment":
		_, _, err = gh.Reactions.CreateIssueCommentReaction(ctx, c.Owner, c.Repo, c.ID, "eyes")
	case "review_comment":
		_, _, err = gh.Reactions.CreatePullRequestCommentReaction(ctx, c.Owner, c.Repo, c.ID, "eyes")
	}
	if err != nil {
		Logger(ctx).Warn("could not add the 👀 reaction", LogError, err)
	}
}

// mayExplain follows the repository's explain.allow (by default the PR's
// author, OWNER, MEMBER and COLLABORATOR); when that names members or
// collaborators, anyone else with write access, checked through the API,
// is allowed too, and an API error denies.
func (x *explainer) mayExplain(ctx context.Context, d *delivery, c Comment) bool {
	conf, _, err := d.settings(ctx)
	if err != nil {
		Logger(ctx).Info("settings unavailable; /explain denied", LogError, err)
		return false
	}
	if conf.MayExplain(c.Association, c.Author != "" && c.Author == c.PRAuthor) {
		return true
	}
	if !conf.ExplainByPermission() {
		return false
	}
	perm, _, err := d.GH.Repositories.GetPermissionLevel(ctx, c.Owner, c.Repo, c.Author)
	if err != nil {
		Logger(ctx).Info("permission check failed; /explain denied", LogError, err)
		return false
	}
	switch perm.GetPermission() {
	case "admin", "maintain", "write":
		return true
	}
	return false
}
