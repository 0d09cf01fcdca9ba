package command

import "strings"

// The rules Flaky and Wrong follow, besides the parser: they change what PR
// Coach tells everyone about a failure, so only maintainers may give them.
// Like every command they are acknowledged with 👀 and count against the
// /explain cooldowns and explain.max_replies_per_pr. Someone who may not
// use /explain at all gets no reply and no reaction, as for any command;
// someone who may (the PR's author, say) but is no maintainer gets
// NotMaintainer once, as a note.

// NotMaintainer answers Flaky or Wrong from someone who may use /explain
// but is no maintainer. It names no one.
const NotMaintainer = "Only maintainers (owners, members and collaborators of this repository) can mark a failure flaky or an explanation wrong. A 👍 or 👎 on the comment tells us what you think of it."

// MaintainersOnly reports whether only maintainers may give a command of
// kind k: Flaky and Wrong. The repository's explain.allow does not widen
// it.
func (k Kind) MaintainersOnly() bool { return k == Flaky || k == Wrong }

// IsMaintainer reports whether an author_association (any case) makes
// someone a maintainer: OWNER, MEMBER or COLLABORATOR.
func IsMaintainer(association string) bool {
	switch strings.ToUpper(association) {
	case "OWNER", "MEMBER", "COLLABORATOR":
		return true
	}
	return false
}

// MaintainerPermission reports whether a permission from GitHub's
// collaborator permission API (admin, maintain, write, triage, read, none)
// makes someone a maintainer: admin, maintain or write. Check it, as
// /explain does, when the association does not show it: private
// organisation membership shows as CONTRIBUTOR or NONE.
func MaintainerPermission(permission string) bool {
	switch strings.ToLower(permission) {
	case "admin", "maintain", "write":
		return true
	}
	return false
}
