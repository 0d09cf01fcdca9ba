package safety

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestWindowedRulesMatchAsOnTheWholeLine runs every windowed rule on
// generated lines, both on its stretch of the line and on the whole line,
// and wants the same matches: lines mix the rule's words in any case,
// assignments, secret-like values of many lengths, other words and, now
// and then, non-ASCII text.
func TestWindowedRulesMatchAsOnTheWholeLine(t *testing.T) {
	r := NewRedactor()
	rnd := rand.New(rand.NewPCG(7, 9))
	pick := func(xs ...string) string { return xs[rnd.IntN(len(xs))] }
	value := func() string {
		return secretLike(rnd, []string{"abcdef0123456789", "abcdefghijklmnopqrstuvwxyz0123456789", "abcdef0123456789ABCDEFghijklmnopqrstuvwxyz_-"},
			[]int{8, 16, 20, 22, 24, 30, 32, 36, 40, 43, 44, 45, 64, 80})
	}
	windowed, assigns, byHits, matched := 0, 0, 0, 0
	for ri := range r.rules {
		ru := &r.rules[ri]
		if !ru.windowed {
			continue
		}
		windowed++
		if ru.win.assigns {
			assigns++
		}
		if ru.wordHits {
			byHits++
		}
		for range 200 {
			var b strings.Builder
			for range 1 + rnd.IntN(6) {
				switch rnd.IntN(6) {
				case 0, 1:
					w := ru.keywords[rnd.IntN(len(ru.keywords))]
					if rnd.IntN(2) == 0 {
						w = strings.ToUpper(w)
					}
					b.WriteString(pick("", "export ", "my.", "x_", "  ") + w + pick("", "_token", "-key", ".secret", "_API_KEY"))
				case 2:
					b.WriteString(pick("=", ": ", " := ", "=>", " = \"", ": '", ","))
				case 3:
					b.WriteString(value() + pick("", "\"", "'", ";", " ", "\\n"))
				case 4:
					b.WriteString(pick(" ", "\t", " travis_fold:start:install ", " ok ", " ünïcode ", " ſecret ", " $ "))
				default:
					b.WriteString(strings.Repeat(pick("a", "-", ".", "x1"), rnd.IntN(70)))
				}
			}
			if rnd.IntN(2) == 0 { // a likely match: a long name, a word, an assignment, a value
				w := ru.keywords[rnd.IntN(len(ru.keywords))]
				b.WriteString(" " + strings.Repeat(pick("a", "-", ".", "x1"), rnd.IntN(40)) + w +
					pick("", "_token", "-key", ".secret") + pick("=", ": ", " = \"", "=>") + value() +
					pick("", "\"", " ", ";", " and more"))
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
			}
			if !slices.EqualFunc(got, want, slices.Equal[[]int]) {
				t.Fatalf("%s on %q:\n stretch %v\n   whole %v", ru.kind, line, got, want)
			}
		}
	}
	if matched < 200 {
		t.Errorf("only %d lines matched: the lines do not exercise the rules", matched)
	}
	if windowed < 50 {
		t.Errorf("only %d rules are windowed; gitleaks' common shape was not recognised", windowed)
	}
	if byHits < windowed/2 {
		t.Errorf("only %d of %d windowed rules find their words by their keyword hits", byHits, windowed)
	}
	if assigns < windowed/2 {
		t.Errorf("only %d of %d windowed rules have gitleaks' assignment after their words", assigns, windowed)
	}
}

func TestWindowOf(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		want    window
		ok      bool
	}{
		{`(?i)[\w.-]{0,50}?(?:travis)(?:[ \t\w.-]{0,20})[\s'"]{0,3}(?:=|:)([a-z0-9]{22})(?:[\s;]|$)`,
			window{words: []string{"travis"}, before: 50, length: 50 + 6 + 20 + 3 + 1 + 22 + 1}, true},
		{`(?i)[\w.-]{0,50}?(?:a|bb)x+`, window{words: []string{"a", "bb"}, before: 50, length: -1}, true},
		// A top-level alternation lets a match skip the words.
		{`(?i)[\w.-]{0,50}?(?:jira)=([a-z]{4})|\b(ATATT3[A-Za-z0-9]{6})`, window{}, false},
		{`\b(ey[a-zA-Z0-9]{17,})`, window{}, false},
	} {
		got, ok := windowOf(tc.pattern)
		if ok != tc.ok || !slices.Equal(got.words, tc.want.words) || got.before != tc.want.before || got.length != tc.want.length {
			t.Errorf("windowOf(%q) = %+v, %v; want %+v, %v", tc.pattern, got, ok, tc.want, tc.ok)
		}
	}
	if topLevelAlternation(`a[|]b(c|d)\|e`) {
		t.Error("a '|' in a class, a group or escaped is not top-level")
	}
}

func TestMayAssign(t *testing.T) {
	re := regexp.MustCompile(`^` + assignShape)
	for _, rest := range []string{
		"=x", " = x", "_TOKEN: x", `_key" => x`, ".secret ?= x", "-KEY, x", "|| x", ":::= x",
		"_" + strings.Repeat("a", 19) + ` "'=`, "_" + strings.Repeat("a", 20) + ` "'=`,
		".com/awesome", ":util-core", "", "abc", " \t\"x=", "é=",
	} {
		if re.MatchString(rest) && !mayAssign(rest) {
			t.Errorf("mayAssign(%q) = false, but the assignment matches", rest)
		}
	}
	for _, rest := range []string{".com/awesome", "abc", "", "_" + strings.Repeat("a", 23) + "=", " x/=", "é="} {
		if mayAssign(rest) {
			t.Errorf("mayAssign(%q) = true, want false", rest)
		}
	}
}
