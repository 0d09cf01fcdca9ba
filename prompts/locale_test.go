package prompts

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestLocalesMatchEnglish holds every shipped language to English's
// messages: the same keys (the English-only fallback line aside) and, in
// each message, the same placeholders and the same code spans' count, so
// no translation drops a name or a command.
func TestLocalesMatchEnglish(t *testing.T) {
	all, err := catalogs()
	if err != nil {
		t.Fatal(err)
	}
	placeholder := regexp.MustCompile(`\{\d\}`)
	en := all[english]
	for _, tag := range Languages()[1:] {
		t.Run(tag, func(t *testing.T) {
			c := all[tag]
			for key, text := range en {
				got, ok := c[key]
				switch {
				case key == "fallback":
					if ok {
						t.Errorf("%s: the fallback line is only ever English", key)
					}
					continue
				case !ok:
					t.Errorf("%s: missing", key)
					continue
				case strings.TrimSpace(got) == "" && key != "sentence.sep":
					t.Errorf("%s: empty", key)
				}
				want := sorted(placeholder.FindAllString(text, -1))
				if diff := cmp.Diff(want, sorted(placeholder.FindAllString(got, -1))); diff != "" {
					t.Errorf("%s: placeholders differ (-want +got):\n%s", key, diff)
				}
				if w, g := strings.Count(text, "`"), strings.Count(got, "`"); w != g {
					t.Errorf("%s: %d backticks, English has %d: %q", key, g, w, got)
				}
			}
			if strings.Count(c["note.usage"], "`/explain") != 5 {
				t.Errorf("note.usage: want the five `/explain` spans of the English usage note:\n%s", c["note.usage"])
			}
			for key := range c {
				if _, ok := en[key]; !ok && key != "note.usage" {
					t.Errorf("%s: not an English message", key)
				}
			}
		})
	}
}

func sorted(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}

func TestResolveLocale(t *testing.T) {
	tests := []struct {
		tag      string
		want     string
		fallback bool
	}{
		{"", "en", false},
		{"en", "en", false},
		{"en-GB", "en", false},
		{"de", "de", false},
		{"de-AT", "de", false},
		{"es-419", "es", false},
		{"fr-CA", "fr", false},
		{"pt-br", "pt-BR", false},
		{"pt", "pt-BR", false},
		{"ja", "ja", false},
		{"zh", "zh-Hans", false},
		{"zh-CN", "zh-Hans", false},
		{"zh-Hans-CN", "zh-Hans", false},
		{"zh-TW", "en", true},
		{"zh-Hant", "en", true},
		{"ko", "en", true},
		{"nl", "en", true},
	}
	for _, tt := range tests {
		t.Run(tt.tag, func(t *testing.T) {
			got := ResolveLocale(tt.tag)
			if got.Tag != tt.want || got.Fallback != tt.fallback {
				t.Errorf("ResolveLocale(%q) = %+v, want tag %q, fallback %v", tt.tag, got, tt.want, tt.fallback)
			}
		})
	}
}

// TestFallbackLine checks that a language without texts gets the English
// comment plus exactly one line that says so, and a shipped one none.
func TestFallbackLine(t *testing.T) {
	for _, tc := range []struct {
		lang      string
		wantLines int
	}{{"", 0}, {"de", 0}, {"ko", 1}, {"zh-tw", 1}} {
		english, err := ToneSuggestion(ToneReply{Marker: "<!-- m -->", Suggestion: "Could we rename `x`?", Wording: "offline"})
		if err != nil {
			t.Fatal(err)
		}
		got, err := ToneSuggestion(ToneReply{Marker: "<!-- m -->", Suggestion: "Could we rename `x`?", Wording: "offline", Language: tc.lang})
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(got, "yet, so its own words here are in English"); n != tc.wantLines {
			t.Errorf("language %q: %d fallback lines, want %d:\n%s", tc.lang, n, tc.wantLines, got)
		}
		if tc.wantLines == 1 {
			lines := strings.Split(got, "\n")
			without := slices.DeleteFunc(lines, func(l string) bool { return strings.Contains(l, "its own words here are in English") })
			if strings.Join(without, "\n") != english || !strings.HasSuffix(got, "on this comment tells us.\n") {
				t.Errorf("language %q: want the English reply plus one line before the vote line, got:\n%s", tc.lang, got)
			}
			if !strings.Contains(got, "`"+tc.lang+"`") {
				t.Errorf("language %q: the line does not name the setting:\n%s", tc.lang, got)
			}
		}
	}
}

// TestModelPromptsCarryTheLanguage checks that every model prompt that
// writes text for a reader names the repository's language, and asks to
// leave code and names untranslated when it is not English.
func TestModelPromptsCarryTheLanguage(t *testing.T) {
	fc := FailingCheck{Name: "test", Step: "Run tests", Verdict: "change", Title: "a test failed",
		Excerpts: []Excerpt{{StartLine: 1, EndLine: 1, Text: "--- FAIL: TestX"}}}
	build := map[string]func(lang string) (Prompt, error){
		"check": func(lang string) (Prompt, error) {
			return CheckExplanationPrompt(CheckExplanationData{Check: fc, Language: lang})
		},
		"explain checks": func(lang string) (Prompt, error) {
			return ExplainChecksPrompt(ExplainChecksData{Checks: []FailingCheck{fc}, Language: lang})
		},
		"explain review": func(lang string) (Prompt, error) {
			return ExplainReviewPrompt(ExplainReviewData{Comment: "Please rename `x`.", Language: lang})
		},
	}
	for name, b := range build {
		for _, tc := range []struct{ lang, want string }{
			{"", "Write in English"},
			{"de", "Write in German"},
			{"pt-BR", "Write in Brazilian Portuguese"},
			{"zh-CN", "Write in Simplified Chinese"},
			{"ko", `Write in the language with the BCP 47 tag "ko"`},
		} {
			p, err := b(tc.lang)
			if err != nil {
				t.Fatalf("%s, %q: %v", name, tc.lang, err)
			}
			if !strings.Contains(p.System, tc.want) {
				t.Errorf("%s, %q: system prompt lacks %q:\n%s", name, tc.lang, tc.want, p.System)
			}
			if untranslated := strings.Contains(p.System, "untranslated"); untranslated != (tc.lang != "") {
				t.Errorf("%s, %q: asks to keep names untranslated: %v", name, tc.lang, untranslated)
			}
		}
	}
}

// TestSay checks the message lookup handlers use for the sentences they
// put into a comment's data.
func TestSay(t *testing.T) {
	if got := Say("de", "checks.running", "`a`"); got != "Läuft noch: `a`." {
		t.Errorf("Say(de) = %q", got)
	}
	if got, want := Say("ko", "checks.running", "`a`"), "Still running: `a`."; got != want {
		t.Errorf("Say(ko) = %q, want the English %q", got, want)
	}
	if got := Say("ja", "checks.heading.sha.other", 2, "abc1234"); got != "`abc1234` の 2 件のチェックを確認してください。" {
		t.Errorf("Say(ja) = %q: the arguments must go where the language puts them", got)
	}
}

// An argument is put in as it is, even when it reads like a placeholder:
// file and check names are anyone's text.
func TestSayTakesArgumentsLiterally(t *testing.T) {
	got := Say("en", "review.on_line", "{2}", 43)
	if want := " on `{2}` line 43"; got != want {
		t.Errorf("Say = %q, want %q", got, want)
	}
}

// Comments are rendered by several workers at once, in several languages:
// the first render of each language must not race another (go test -race).
func TestRenderInParallel(t *testing.T) {
	langs := append(Languages(), "ko", "nl")
	for i := 0; i < 4; i++ {
		for _, lang := range langs {
			t.Run(lang, func(t *testing.T) {
				t.Parallel()
				body, err := ToneSuggestion(ToneReply{Marker: "<!-- m -->", Suggestion: "Could we rename `x`?", Wording: "offline", Language: lang})
				if err != nil || !strings.Contains(body, "`x`") {
					t.Errorf("%s: %v\n%s", lang, err, body)
				}
			})
		}
	}
}

// Between an English reason and a Japanese sentence goes a space; between
// two Japanese sentences none, as Japanese writes them.
func TestAfter(t *testing.T) {
	ja := ResolveLocale("ja")
	for text, want := range map[string]string{"so the failure is intermittent.": " ", "ログが空でした。": "", "`x` ": " "} {
		if got := ja.after(text); got != want {
			t.Errorf("after(%q) = %q, want %q", text, got, want)
		}
	}
	if got := ResolveLocale("de").after("Das Log war leer."); got != " " {
		t.Errorf("German after = %q, want a space", got)
	}
}

func TestHistoryText(t *testing.T) {
	for _, tc := range []struct {
		name string
		lang string
		h    HistoryNote
		want string
	}{
		{"nothing", "", HistoryNote{}, ""},
		{"marked once", "", HistoryNote{MarkedFlaky: 1}, "Seen flaky here before (1 time): a maintainer marked this exact error flaky."},
		{"everything", "", HistoryNote{MarkedFlaky: 2, OtherPRs: 3, PassedOnRerun: 1, FailedOnBase: true},
			"Seen flaky here before (2 times): maintainers marked this exact error flaky. This exact error failed on 3 other pull requests in the past week. It passed on a re-run of the same commit 1 time. It also failed on the base branch in the last two days."},
		{"German", "de", HistoryNote{OtherPRs: 2}, "Genau dieser Fehler ist in der letzten Woche auf 2 anderen Pull Requests aufgetreten."},
		{"Japanese joins without spaces", "ja", HistoryNote{MarkedFlaky: 1, PassedOnRerun: 2},
			"ここでは以前 flaky とされています（1 回）：メンテナーがこのエラーを flaky として記録しました。同じコミットの再実行で 2 回成功しています。"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, HistoryText(tc.lang, tc.h)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
