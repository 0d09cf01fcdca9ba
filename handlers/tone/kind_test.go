package tone

import "testing"

func TestClassify(t *testing.T) {
	tests := []struct {
		name, text string
		want       Kind
	}{
		{"a label the reviewer wrote wins", "nit: `x` could be `count`, it fails to read well", KindNit},
		{"a question label", "question (non-blocking): is this safe?", KindQuestion},
		{"a todo label is an issue", "todo: add the license header", KindIssue},
		{"a defect", "This leaks the file handle when `Open` fails.", KindIssue},
		{"a defect asked as a question is still a defect", "Won't this race with the writer?", KindIssue},
		{"a one-line question", "Why did we pick `sync.Map` here?", KindQuestion},
		{"a rhetorical question is no question", "Why would you ever do this?", KindUnclear},
		{"a question on a later line does not make a question", "I read the loop twice.\nIs it needed?", KindUnclear},
		{"a request for a change", "Please rename `tmp` to `buf`.", KindChange},
		{"a vote against", "-1 on this approach", KindChange},
		{"a nit in passing", "Tiny nit, the import order.", KindNit},
		{"an option", "Maybe extract this into a helper.", KindSuggestion},
		{"an offer at the start", "We could cache the result.", KindSuggestion},
		{"an option that must change is a request", "Maybe, but this must change before merging.", KindChange},
		{"nothing to go on", "Interesting approach.", KindUnclear},
		{"empty", "", KindUnclear},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Classify(tt.text); got != tt.want {
				t.Errorf("Classify(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestRewordLabel(t *testing.T) {
	tests := []struct {
		name, original, reworded, want string
	}{
		{"a defect in the rewording", "This is garbage, it leaks.", "This leaks.", LabelIssue},
		{"a one-line question", "WTF is `x` for?", "What is `x` for?", LabelQuestion},
		{"an option is non-blocking", "Perhaps remove this stupid flag.", "Perhaps remove this flag.", LabelSuggestion},
		{"a nit is non-blocking", "nit, ugly name", "nit, unclear name", LabelSuggestion},
		{"an option that asks for a change gets no label", "Maybe, but you must remove this crap.", "Maybe, but we must remove this.", ""},
		{"a request gets no label", "Please rename this idiotic var.", "Please rename this var.", ""},
		{"nothing to go on gets no label", "This is dumb.", "This is surprising.", ""},
		{"a joke about a failure gets no issue label", "Darn, it fails again :)", "It fails again :)", ""},
		{"laughter makes no issue of a defect word", "lol this breaks on Windows", "this breaks on Windows", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RewordLabel(tt.original, tt.reworded); got != tt.want {
				t.Errorf("RewordLabel(%q, %q) = %q, want %q", tt.original, tt.reworded, got, tt.want)
			}
		})
	}
}
