package safety

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestLeadRulesMatchAsBefore runs every rule that has a lead pattern on
// generated lines, through matches (which skips a line where the lead
// fails at every keyword) and through the rule's own search of the whole
// line, and wants the same matches. Lines put the rule's keywords, in any
// case, before secret-like values and after word or other bytes.
func TestLeadRulesMatchAsBefore(t *testing.T) {
	r := NewRedactor()
	rnd := rand.New(rand.NewPCG(3, 5))
	pick := func(xs ...string) string { return xs[rnd.IntN(len(xs))] }
	value := func() string {
		return secretLike(rnd, []string{"abcdef0123456789", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", "abcdefABCDEF0123456789_-.=/+~", "abc:"},
			[]int{8, 16, 20, 22, 24, 32, 34, 36, 40, 43, 48, 64, 70, 82, 90, 140})
	}
	leads, matched, matchedBack := 0, 0, 0
	for ri := range r.rules {
		ru := &r.rules[ri]
		if ru.lead == nil {
			continue
		}
		leads++
		tries := 300
		if ru.back > 0 { // fewer lines match: more tries
			tries = 3000
		}
		for range tries {
			var b strings.Builder
			for range 1 + rnd.IntN(5) {
				switch rnd.IntN(5) {
				case 0, 1:
					w := ru.keywords[rnd.IntN(len(ru.keywords))]
					switch rnd.IntN(3) {
					case 0:
						w = strings.ToUpper(w)
					case 1: // the case the pattern most likely wants
						if loc := ru.re.get().FindStringIndex(w + value()); loc != nil && loc[0] == 0 {
							w = strings.ToUpper(w[:1]) + w[1:]
						}
					}
					b.WriteString(pick("", " ", "x", "_", "=", "\"", "é") + w + pick("", "-", "_", ".", "-1-", " ", "=") + value() +
						pick("", " ", "\"", ";", "\\n", "x"))
				case 2:
					b.WriteString(pick(" ", "\t", " tests. ", " task ", " ſk ", " \u212a ", " eyJ", "-----BEGIN "))
				case 3:
					b.WriteString(value())
				default:
					b.WriteString(strings.Repeat(pick("a", "-", ".", "s"), rnd.IntN(30)))
				}
			}
			line := b.String()
			hs, _ := r.index.scan(line, []int{0})
			hs = slices.DeleteFunc(hs, func(h hit) bool { return h.rule != ri })
			if len(hs) == 0 {
				continue
			}
			got := ru.matches(line, 0, hs)
			want := ru.re.get().FindAllStringSubmatchIndex(line, -1)
			if len(want) > 0 {
				matched++
				if ru.back > 0 {
					matchedBack++
				}
			}
			if !slices.EqualFunc(got, want, slices.Equal[[]int]) {
				t.Fatalf("%s on %q:\n with lead %v\n     whole %v", ru.kind, line, got, want)
			}
		}
	}
	if leads < 50 {
		t.Errorf("only %d rules have a lead pattern", leads)
	}
	if matched < 300 {
		t.Errorf("only %d lines matched: the lines do not exercise the rules", matched)
	}
	if matchedBack < 10 {
		t.Errorf("only %d lines matched a rule that may start before its keyword", matchedBack)
	}
	t.Logf("%d rules with a lead, %d lines matched", leads, matched)
}

func TestLeadOf(t *testing.T) {
	for _, tc := range []struct {
		pattern  string
		keywords []string
		want     bool
		back     int
	}{
		{`\b((?:hvs\.[\w-]{90,120}|s\.(?i:[a-z0-9]{24})))(?:[\s;]|$)`, []string{"hvs.", "s."}, true, 0},
		{`SK[0-9a-fA-F]{32}`, []string{"sk"}, true, 0},
		// A case-insensitive 's' or 'k' also matches non-ASCII letters the
		// keyword index does not find.
		{`(?i)sk[0-9a-f]{32}`, []string{"sk"}, false, 0},
		{`(?i)xapp-\d`, []string{"xapp"}, true, 0},
		// Literals are joined across a group: every match starts with
		// "sc_" or "scauth_".
		{`\b((?:sc|ext|scauth)_[a-z]+)`, []string{"sc_", "ext_", "scauth_"}, true, 0},
		{`\b((?:sc|ext|scauth)[a-z]+)`, []string{"sc_", "ext_", "scauth_"}, false, 0},
		// A match may start before the keyword.
		{`[a-z]*token=\w+`, []string{"token"}, false, 0},
		{`(?:^|[ \t])(?:-u|--user)=\S+`, []string{"-u", "--user"}, true, 1},
		{`(?:^|[ \t\x{e9}])--user=\S+`, []string{"--user"}, false, 0},
		// \b before a non-word byte holds on the line but not where the
		// keyword starts the text tried.
		{`\b-key=\w+`, []string{"-key"}, false, 0},
		{`\b(?:|-)key=\w+`, []string{"key", "-key"}, false, 0},
		{`(?:foo|bar)=1`, []string{"foo"}, false, 0},
	} {
		lead, back := leadOf(tc.pattern, tc.keywords)
		if (lead != nil) != tc.want || back != tc.back {
			t.Errorf("leadOf(%q, %q) = %v, %d; want set %v, back %d", tc.pattern, tc.keywords, lead, back, tc.want, tc.back)
		}
	}
}
