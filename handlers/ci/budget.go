package ci

import (
	"fmt"
	"time"
)

// RepoPatternBudget is how long a repository's own known_failures
// patterns may take on one log, all lines together. A pattern set can be
// within every size limit and still be slow on lines a pull request's
// author controls (non-ASCII text with Unicode classes, say); once the
// budget is spent those patterns are not tried for the rest of the log,
// while the built-in ones still are, and the Analysis says so.
const RepoPatternBudget = time.Second

// repoBudget measures the time repository patterns take on one log, with
// the monotonic clock read around each line they are tried on.
type repoBudget struct {
	spent time.Duration
	// off is set once spent passes the knowledge base's budget.
	off bool
}

// charge adds the time since t and turns the patterns off once limit is
// passed.
func (b *repoBudget) charge(t time.Time, limit time.Duration) {
	b.spent += time.Since(t)
	if b.spent > limit {
		b.off = true
	}
}

// tryRepo tries the repository's candidate patterns on body, timed, unless
// their budget is spent. ok is false when none of them matched.
func (kb *KnowledgeBase) tryRepo(body []byte, ls *lineScratch) (int, map[string]string, bool) {
	if ls.repo.off || !anyBelow(ls.cand, kb.repoPats) {
		return -1, nil, false
	}
	t := time.Now()
	i, vars := kb.tryRange(body, ls, 0, kb.repoPats)
	ls.repo.charge(t, kb.repoBudget)
	return i, vars, i >= 0
}

// anyBelow reports whether set has a bit below n.
func anyBelow(set []uint64, n int) bool {
	for w := 0; w*64 < n && w < len(set); w++ {
		bits := set[w]
		if rest := n - w*64; rest < 64 {
			bits &= 1<<rest - 1
		}
		if bits != 0 {
			return true
		}
	}
	return false
}

// budgetNote is the note an Analysis carries when the repository's
// patterns ran out of time at line n.
func budgetNote(limit time.Duration, n int) string {
	return fmt.Sprintf("This repository's known_failures patterns took longer than %s on this log, so they were not tried from line %d on; the built-in patterns still were.", limit, n)
}
