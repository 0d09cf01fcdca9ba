package feedback

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-github/v60/github"
)

// react is a reaction by login of userType (id 0: none given).
func react(login, userType, content string, id int64) *github.Reaction {
	u := &github.User{Login: github.String(login), Type: github.String(userType)}
	if id != 0 {
		u.ID = github.Int64(id)
	}
	return &github.Reaction{Content: github.String(content), User: u}
}

func TestTallyReactions(t *testing.T) {
	const app = "prcoach[bot]"
	cases := []struct {
		name string
		rs   []*github.Reaction
		want Tally
	}{
		{"none", nil, Tally{}},
		{"people vote", []*github.Reaction{react("mona", "User", ThumbsUp, 1), react("hubot", "User", ThumbsDown, 2), react("octocat", "User", ThumbsUp, 3)}, Tally{Up: 2, Down: 1}},
		{"other reactions are not votes", []*github.Reaction{react("mona", "User", "heart", 1), react("mona", "User", "eyes", 1), react("mona", "User", "laugh", 1)}, Tally{}},
		{"a person listed twice counts once", []*github.Reaction{react("mona", "User", ThumbsUp, 1), react("mona", "User", ThumbsUp, 1)}, Tally{Up: 1}},
		{"same account by ID under another spelling", []*github.Reaction{react("Mona", "User", ThumbsUp, 1), react("mona", "User", ThumbsUp, 1)}, Tally{Up: 1}},
		{"same login without IDs", []*github.Reaction{react("Mona", "User", ThumbsDown, 0), react("mona", "User", ThumbsDown, 0)}, Tally{Down: 1}},
		{"a person may give both", []*github.Reaction{react("mona", "User", ThumbsUp, 1), react("mona", "User", ThumbsDown, 1)}, Tally{Up: 1, Down: 1}},
		{"bots by type are ignored", []*github.Reaction{react("renovate", "Bot", ThumbsUp, 9), react("mona", "User", ThumbsDown, 1)}, Tally{Down: 1}},
		{"bots by login are ignored", []*github.Reaction{react("dependabot[bot]", "User", ThumbsUp, 9)}, Tally{}},
		{"the app is ignored, whatever its type says", []*github.Reaction{react("prcoach[bot]", "User", ThumbsUp, 7), react("PRCoach", "User", ThumbsUp, 8), react("prcoach[bot]", "Bot", "eyes", 7)}, Tally{}},
		{"reactions without a user are ignored", []*github.Reaction{{Content: github.String(ThumbsUp)}, {Content: github.String(ThumbsUp), User: &github.User{}}}, Tally{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, TallyReactions(tc.rs, app)); diff != "" {
				t.Errorf("TallyReactions (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTallyIsTheCurrentState(t *testing.T) {
	rs := []*github.Reaction{react("mona", "User", ThumbsUp, 1), react("hubot", "User", ThumbsDown, 2)}
	first := TallyReactions(rs, "prcoach[bot]")
	again := TallyReactions(rs, "prcoach[bot]")
	if first != again {
		t.Errorf("reading the same reactions twice: %+v then %+v", first, again)
	}
	later := TallyReactions(rs[:1], "prcoach[bot]") // hubot took the 👎 back
	if diff := cmp.Diff(Tally{Up: 1}, later); diff != "" {
		t.Errorf("after a reaction is taken back (-want +got):\n%s", diff)
	}
}

func TestSummarizeWorstFirst(t *testing.T) {
	rec := func(kind Kind, category string, up, down int, corrected bool) Record {
		return Record{Labels: Labels{Kind: kind, Category: category}, Tally: Tally{Up: up, Down: down}, Corrected: corrected}
	}
	records := []Record{
		rec(KindChecks, "test", 5, 1, false), rec(KindChecks, "test", 2, 0, false),
		rec(KindChecks, "dependency", 0, 3, true), rec(KindChecks, "dependency", 1, 0, false),
		rec(KindChecks, "lint", 0, 0, false),
		rec(KindTone, "", 1, 1, false),
		rec(KindExplain, "test", 0, 1, false),
	}
	got := Summarize(records, ByCategory)
	want := []Row{
		{Kind: KindChecks, Key: "dependency", Comments: 2, Corrected: 1, Tally: Tally{Up: 1, Down: 3}}, // 2/6, more 👎
		{Kind: KindExplain, Key: "test", Comments: 1, Tally: Tally{Down: 1}},                           // 1/3
		{Kind: KindTone, Comments: 1, Tally: Tally{Up: 1, Down: 1}},                                    // 2/4
		{Kind: KindChecks, Key: "test", Comments: 2, Tally: Tally{Up: 7, Down: 1}},                     // 8/10
		{Kind: KindChecks, Key: "lint", Comments: 1},                                                   // no votes
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Summarize (-want +got):\n%s", diff)
	}
	series := MetricSeries(records)
	wantSeries := []Series{
		{KindChecks, "dependency", ThumbsUp, 1}, {KindChecks, "dependency", ThumbsDown, 3},
		{KindChecks, "test", ThumbsUp, 7}, {KindChecks, "test", ThumbsDown, 1},
		{KindExplain, "test", ThumbsDown, 1},
		{KindTone, "", ThumbsUp, 1}, {KindTone, "", ThumbsDown, 1},
	}
	if diff := cmp.Diff(wantSeries, series); diff != "" {
		t.Errorf("MetricSeries (-want +got):\n%s", diff)
	}
}

func TestSummarizeByToneSignal(t *testing.T) {
	tone := func(up, down int, signals ...string) Record {
		return Record{Labels: Labels{Kind: KindTone, ToneSignals: signals}, Tally: Tally{Up: up, Down: down}}
	}
	got := Summarize([]Record{tone(0, 2, "insult", "all caps"), tone(3, 0, "all caps"), tone(0, 0)}, ByToneSignal)
	want := []Row{
		{Kind: KindTone, Key: "insult", Comments: 1, Tally: Tally{Down: 2}},
		{Kind: KindTone, Key: "all caps", Comments: 2, Tally: Tally{Up: 3, Down: 2}},
		{Kind: KindTone, Key: "", Comments: 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Summarize by tone signal (-want +got):\n%s", diff)
	}
}
