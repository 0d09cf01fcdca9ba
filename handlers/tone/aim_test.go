package tone

import (
	"math"
	"testing"
)

// TestGradedOrder checks that the words around a harsh word move its
// score the way a reader would: each pair's first comment scores lower.
func TestGradedOrder(t *testing.T) {
	tests := []struct {
		name, lower, higher string
	}{
		{"negation", "This is not stupid.", "This is stupid."},
		{"non- prefix", "Make the new ones non-ugly.", "Make the new ones ugly."},
		{"less", "This is less ugly than before.", "This is ugly."},
		{"hedge", "This is a bit ugly.", "This is ugly."},
		{"kind of", "This is kind of silly.", "This is silly."},
		{"booster", "This is ugly.", "This is really ugly."},
		{"addressed", "This code is ugly.", "Your code is ugly."},
		{"exclaimed", "This is terrible.", "This is terrible!"},
		{"asked", "Is this ugly?", "This is ugly."},
		{"polite", "Maybe rename it, the name is ugly.", "Rename it, the name is ugly."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lo, hi := Assess(tt.lower, DefaultThreshold), Assess(tt.higher, DefaultThreshold)
			if lo.Score >= hi.Score {
				t.Errorf("score(%q) = %.3f, want below score(%q) = %.3f", tt.lower, lo.Score, tt.higher, hi.Score)
			}
		})
	}
}

// TestAim checks verdicts that depend on whom or what a harsh word is
// aimed at.
func TestAim(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		tense bool
	}{
		{"swearing is not softened by a hedge", "Well, this kinda sucks.", true},
		{"swearing is not softened by a question", "Why is this crap still here?", true},
		{"a modal ends a self-directed reading", "I would assume performance would suck here.", true},
		{"an opinion is no proposal", "I think your macro is stupid.", true},
		{"about the writer", "I suck at naming things.", false},
		{"owning up to a slip", "That was stupid, fixed.", false},
		{"owning up with oops", "Oops, this was really dumb of me. Done.", false},
		{"a past verdict without owning up", "That was stupid.", true},
		{"negated", "Not stupid at all, just unusual.", false},
		{"swearing in thanks stays under the threshold", "Crap, thanks for spotting it.", false},
		{"swearing at the work", "This crap was already here.", true},
		{"a mild word aimed at the reader's work", "Your naming is silly again.", true},
		{"a mild word aimed at the reader", "You're being lazy with these checks.", true},
		{"the reader as subject of a verb", "You are writing garbage into the buffer here.", false},
		{"the reader who may be lazy", "You can be lazy here and skip the cast.", false},
		{"the same mild word about the work", "The naming is silly.", false},
		{"an insult at a tool", "Stupid editor, it added tabs again. Fixed.", false},
		{"an insult at the reader's tool", "Your stupid editor added tabs again.", true},
		{"negated praise is no praise", "This isn't great, and the naming is stupid.", true},
		{"praise still softens", "Great catch, the old naming was stupid.", false},
		{"feeling like an idiot", "Sorry, I feel like an idiot for missing the nil check.", false},
		{"a harsh noun the writer made", "I need to find what stupidity I did in the retry loop.", false},
		{"the reader's crappy work before the writer's plan", "You made a crappy port I am tempted to redo.", true},
		{"the writer's own port far from the harsh word", "You made a crappy port of the mobs and the spawn code, so I will make my own port.", true},
		{"a slip on my part", "That was a stupid slip on my part.", false},
		{"a harsh noun followed by the writer, past a semicolon", "The retry loop is stupid; I have shown you why.", true},
		{"a stupid question of mine", "Probably a stupid guess: is the cache shared?", false},
		{"an awful mistake of mine", "Done (ouch, awful mistake).", false},
		{"a stupid idea of mine", "Just a silly idea: cache the parsed header.", false},
		{"the reader's stupid idea", "This is a stupid idea.", true},
		{"a curse owning up to a slip", "Damn, I thought I had removed those. Sorry.", false},
		{"a curse before a fix", "Crap. Fixed now, thanks.", false},
		{"a curse 'it' owning up", "Darn it, I forgot the test again.", false},
		{"a curse opening a verdict on the work", "Damn, this loop is wrong.", true},
		{"a curse at the reader", "Damn, you broke the build again.", true},
		{"a curse that is no interjection", "Damn this loop, it never ends.", true},
		{"a tool that sucks", "Gerrit sucks at showing this diff.", false},
		{"a curse at a tool", "Ahh damn eclipse, it reformatted the file.", false},
		{"an exclamation at one's own slip", "How the hell? I'm confused how I missed this.", false},
		{"a question about the work", "What the hell is this loop doing?", true},
		{"the writer's own leftovers", "Dead code, probably extra crap I put in for no reason.", false},
		{"the reader's tool", "Your editor sucks, it breaks the tabs.", true},
		{"a curse conceding the reader is right", "Damn, you're right. Removing it now.", false},
		{"owning up with a promise to clean up", "Argh, ok this was dumb. Will clean it up.", false},
		{"slang intensifier", "The table gets stupid big if we key it by request.", false},
		{"disgust at the work in a comment about the writer", "Yuck. I had to read the retry loop twice.", true},
		{"disgust owned explicitly", "Yuck, my bad, I'll fix the retry loop.", false},
		{"a person called names as a question", "What idiot approved this lock order? I'm fixing it now.", true},
		{"a curse intensifying annoyance at the work", "This shadowed `err` annoys the shit out of me.", true},
		{"a curse at the writer's own slip", "Shit, I forgot the lock again.", false},
		{"'hate to' is a politeness formula", "I hate to nitpick, but the import order is off.", false},
		{"the reader's work called useless", "Your patch is completely useless.", true},
		{"the reader called useless", "You're useless at this.", true},
		{"mocking the reader's feelings", "Need help untwisting your panties there?", true},
		{"telling the reader to calm down", "Calm down. It's a nit.", true},
		{"calming a retry loop is engineering", "We could calm down the retry loop with jitter.", false},
		{"a maintainer asking everyone to calm down", "I'm locking this thread; please, everyone calm down, a fix is coming.", false},
		{"a useless assignment is a software word", "This is a useless assignment, the value is never read.", false},
		{"a part of the work called useless with a reason is directness", "Your check here is useless, the caller already validates.", false},
		{"hating the work", "I hate this retry loop.", true},
		{"doubting the reader can code", "Do you even know how to use git?", true},
		{"a real question about how to do something", "Do you know how to reproduce the flake locally?", false},
		{"doubting the reader knows what they do", "Are you sure you know what you're doing?", true},
		{"disbelief at what the reader did", "I can't believe you merged this.", true},
		{"disbelief as praise", "I can't believe how fast the new map is, nice.", false},
		{"telling the reader to go learn", "Please learn how locks work before sending patches.", true},
		{"sarcastic thanks", "Thanks for nothing.", true},
		{"contempt for the whole work", "What a mess.", true},
		{"a mess owned up to", "What a mess, sorry, my bad. Fixed.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Assess(tt.text, DefaultThreshold)
			if r.Tense != tt.tense {
				t.Errorf("Assess(%q).Tense = %v (score %.3f, %v), want %v", tt.text, r.Tense, r.Score, r.Signals, tt.tense)
			}
		})
	}
}

// TestCalibration checks that a hit as likely as operatingPoint scores
// DefaultThreshold exactly and that the mapping keeps the ends and order.
func TestCalibration(t *testing.T) {
	tests := []struct {
		name   string
		weight float64
		want   float64
	}{
		{"operating point", operatingPoint, DefaultThreshold},
		{"nothing", 0, 0},
		{"certain", 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := combine([]hit{{weight: tt.weight}})
			if math.Abs(got-tt.want) > 0.0005 {
				t.Errorf("combine(%v) = %v, want %v", tt.weight, got, tt.want)
			}
		})
	}
	prev := -1.0
	for w := 0.0; w <= 1; w += 0.05 {
		got := combine([]hit{{weight: w}})
		if got < prev {
			t.Fatalf("combine(%v) = %v, below combine of a smaller weight (%v)", w, got, prev)
		}
		prev = got
	}
}
