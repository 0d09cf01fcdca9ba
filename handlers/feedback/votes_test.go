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
		{"people vote", []*github.Reaction{react("mona", "User", Up, 1), react("hubot", "User", Down, 2), react("octocat", "User", Up, 3)}, Tally{Up: 2, Down: 1}},
		{"other reactions are not votes", []*github.Reaction{react("mona", "User", "heart", 1), react("mona", "User", "eyes", 1), react("mona", "User", "laugh", 1)}, Tally{}},
		{"a person listed twice counts once", []*github.Reaction{react("mona", "User", Up, 1), react("mona", "User", Up, 1)}, Tally{Up: 1}},
		{"same account by ID under another spelling", []*github.Reaction{react("Mona", "User", Up, 1), react("mona", "User", Up, 1)}, Tally{Up: 1}},
		{"same login without IDs", []*github.Reaction{react("Mona", "User", Down, 0), react("mona", "User", Down, 0)}, Tally{Down: 1}},
		{"a person may give both", []*github.Reaction{react("mona", "User", Up, 1), react("mona", "User", Down, 1)}, Tally{Up: 1, Down: 1}},
		{"bots by type are ignored", []*github.Reaction{react("renovate", "Bot", Up, 9), react("mona", "User", Down, 1)}, Tally{Down: 1}},
		{"bots by login are ignored", []*github.Reaction{react("dependabot[bot]", "User", Up, 9)}, Tally{}},
		{"the app is ignored, whatever its type says", []*github.Reaction{react("prcoach[bot]", "User", Up, 7), react("PRCoach", "User", Up, 8), react("prcoach[bot]", "Bot", "eyes", 7)}, Tally{}},
		{"reactions without a user are ignored", []*github.Reaction{{Content: github.String(Up)}, {Content: github.String(Up), User: &github.User{}}}, Tally{}},
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
	rs := []*github.Reaction{react("mona", "User", Up, 1), react("hubot", "User", Down, 2)}
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
		{KindChecks, "dependency", Up, 1}, {KindChecks, "dependency", Down, 3},
		{KindChecks, "test", Up, 7}, {KindChecks, "test", Down, 1},
		{KindExplain, "test", Down, 1},
		{KindTone, "", Up, 1}, {KindTone, "", Down, 1},
	}
	if diff := cmp.Diff(wantSeries, series); diff != "" {
		t.Errorf("MetricSeries (-want +got):\n%s", diff)
	}
}
