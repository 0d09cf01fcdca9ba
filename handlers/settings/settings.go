package settings

import (
	"strings"

	"github.com/prcoach/prcoach/handlers/ci"
	"github.com/prcoach/prcoach/handlers/tone"
)

// Path is where a repository keeps its settings, on its default branch.
const Path = ".github/prcoach.yml"

// Defaults for everything a file leaves out.
const (
	// DefaultToneMode replies to tense review comments with a gentler
	// wording.
	DefaultToneMode = ToneReply
	// DefaultToneRepliesPerPR caps the tone replies on one pull request.
	DefaultToneRepliesPerPR = 5
	// DefaultExplainRepliesPerPR caps the /explain answers on one pull
	// request.
	DefaultExplainRepliesPerPR = 10
	// DefaultLanguage is the language replies are written in.
	DefaultLanguage = "en"
)

// Tone modes.
const (
	// ToneReply replies in the thread with a gentler wording.
	ToneReply = "reply"
	// ToneOff leaves review comments alone.
	ToneOff = "off"
)

// defaultExplainAllow is who may use /explain unless a file says
// otherwise: the pull request's author and people with a stake in the
// repository.
var defaultExplainAllow = []string{"author", "owner", "member", "collaborator"}

// Source says where settings came from.
type Source struct {
	// Repo is "owner/name" of the repository the file was read from: the
	// repository itself or the owner's ".github" repository. Empty when
	// no file was found and the defaults apply.
	Repo string `json:"repo,omitempty"`
	// Path is the file's path inside Repo.
	Path string `json:"path,omitempty"`
	// SHA is the file's blob SHA: it changes with every edit.
	SHA string `json:"sha,omitempty"`
}

// Settings are one repository's effective settings: its file's values over
// the defaults. The zero value is not useful; use [Default], [Parse] or a
// [Loader]. Settings are read-only and safe to share.
type Settings struct {
	checksIgnore, checksOnly []glob
	toneMode                 string
	threshold                float64
	toneIgnoreUsers          []glob
	toneCap                  int
	explainAllow             map[string]bool
	explainCap               int
	language                 string
	known                    []ci.Cause
	kb                       *ci.KnowledgeBase // nil: the built-in one
	source                   Source
}

// Default returns the settings of a repository without a file: explain
// every failing check, reply to tense comments at [tone.DefaultThreshold]
// at most [DefaultToneRepliesPerPR] times a PR, /explain for the PR author,
// OWNER, MEMBER and COLLABORATOR, replies in English, no known failures
// beyond the built-in knowledge base.
func Default() Settings {
	allow := map[string]bool{}
	for _, a := range defaultExplainAllow {
		allow[a] = true
	}
	return Settings{
		toneMode:     DefaultToneMode,
		threshold:    tone.DefaultThreshold,
		toneCap:      DefaultToneRepliesPerPR,
		explainAllow: allow,
		explainCap:   DefaultExplainRepliesPerPR,
		language:     DefaultLanguage,
	}
}

// ExplainsCheck reports whether a failing check of this name is explained:
// it matches no checks.ignore pattern and, when checks.only is set, one of
// its patterns. name is the check run's name as the PR's checks list shows
// it (for GitHub Actions, the job's name); patterns ignore case.
func (s Settings) ExplainsCheck(name string) bool {
	if anyMatch(s.checksIgnore, name) {
		return false
	}
	return len(s.checksOnly) == 0 || anyMatch(s.checksOnly, name)
}

// ToneEnabled reports whether tense review comments get a reply.
func (s Settings) ToneEnabled() bool { return s.toneMode == ToneReply && s.toneCap > 0 }

// ToneMode is [ToneReply] or [ToneOff].
func (s Settings) ToneMode() string { return s.toneMode }

// Threshold is the tone score, in (0, 1], at and above which a comment is
// tense.
func (s Settings) Threshold() float64 { return s.threshold }

// IgnoresUser reports whether comments by login never get a tone reply
// (tone.ignore_users; case-insensitive).
func (s Settings) IgnoresUser(login string) bool { return anyMatch(s.toneIgnoreUsers, login) }

// ToneRepliesPerPR is the most tone replies the app posts on one PR.
func (s Settings) ToneRepliesPerPR() int { return s.toneCap }

// MayExplain reports whether someone may use /explain, from their
// author_association on the comment (OWNER, MEMBER, COLLABORATOR,
// CONTRIBUTOR, …; any case) and whether they opened the PR. It does not
// look at the sender's type: bots and the app itself are the handler's to
// ignore. When it says no, a handler may still admit someone whose write
// permission it confirms through the API, if [Settings.ExplainByPermission].
func (s Settings) MayExplain(association string, isPRAuthor bool) bool {
	a := s.explainAllow
	return a["everyone"] || (isPRAuthor && a["author"]) || a[strings.ToLower(association)]
}

// ExplainByPermission reports whether people with write access to the
// repository may use /explain even when their association on the comment
// does not show it (private organisation membership shows as CONTRIBUTOR
// or NONE): true when explain.allow names collaborator, member or owner.
func (s Settings) ExplainByPermission() bool {
	a := s.explainAllow
	return a["collaborator"] || a["member"] || a["owner"]
}

// ExplainRepliesPerPR is the most /explain answers the app posts on one PR.
func (s Settings) ExplainRepliesPerPR() int { return s.explainCap }

// Language is the reply language as a lower-case BCP 47 tag, such as "en"
// or "pt-br".
func (s Settings) Language() string { return s.language }

// KnownFailures returns a copy of the repository's own known failures, as
// knowledge-base causes (role "override", so they win wherever they match).
func (s Settings) KnownFailures() []ci.Cause { return append([]ci.Cause(nil), s.known...) }

// KnowledgeBase returns the built-in knowledge base extended with the
// repository's known failures, which come first. Parse has already built
// it, so the error is nil for any Settings from this package; it is kept
// for callers that treat it as fallible.
func (s Settings) KnowledgeBase() (*ci.KnowledgeBase, error) {
	if s.kb != nil {
		return s.kb, nil
	}
	if len(s.known) == 0 {
		return ci.Builtin(), nil
	}
	return ci.Builtin().With(s.known)
}

// Source says where the settings were read from; zero for the defaults.
func (s Settings) Source() Source { return s.source }
