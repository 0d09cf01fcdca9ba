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
		{"a bug named as a report is no defect", "Is there a bug filed for this somewhere? So we can track it.", KindUnclear},
		{"a separate bug is a report", "Getting this right is hard, so it should probably be a separate bug.", KindChange},
		{"reading the bug is no defect", "Ah I misread the bug, sorry.", KindUnclear},
		{"a bug number is no defect", "See bug 123456 for the history.", KindUnclear},
		{"a bug said as a claim is a defect", "There's a bug here: `n` is never reset.", KindIssue},
		{"a bug with its kind is a defect", "I think it's a cli bug, most likely in the parser.", KindIssue},
		{"a tracking bug is a report", "Please add a tracking bug to the TODO.", KindChange},
		{"this is a bug", "This is a bug in the retry loop.", KindIssue},
		{"a supposed failure is no defect", "How about a CHECK in the ctor? If `Start` fails silently we would never know.", KindSuggestion},
		{"a failure said plainly is a defect", "`Start` fails silently when the device is gone.", KindIssue},
		{"not working is a defect", "This doesn't actually work unless you put it first. Maybe that was the reason.", KindIssue},
		{"a word and please is a request", "volatile, please. atomic<bool> would be better, but mingw might break there", KindChange},
		{"please at the start is a request", "Maybe. Please split this into two commits.", KindChange},
		{"please in passing is no request", "Could you maybe, if it pleases you, look at `f`?", KindQuestion},
		{"can you imagine is no question", "Can you imagine all this in bionic?", KindUnclear},
		{"I'd like to not is a request", "I'd like to not add functions to `state`. You could unit test it elsewhere, maybe.", KindChange},
		{"I'd rather not is a request", "I'd rather not grow `Config`; maybe a helper.", KindChange},
		{"a refusal asks for a change", "We can't do that. Let's do something better, maybe another format?", KindChange},
		{"an unacceptable change asks for a change", "Feel free to reopen, but this is not acceptable as is.", KindChange},
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
		{"a refusal is never non-blocking", "Did you even try it? I'm not reopening this. Feel free to open a new one.", "Did you try it? I'm not reopening this. Feel free to open a new one.", ""},
		{"a bug the writer read is no issue", "Ah damn I misread the bug", "Ah I misread the bug", ""},
		{"a bug to file is no issue", "This is really ugly. Is there a bug filed for this? So we can track it.", "This is really awkward. Is there a bug filed for this? So we can track it.", ""},
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
