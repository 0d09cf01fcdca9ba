package tone

import "testing"

func TestCovered(t *testing.T) {
	tests := []struct {
		name, text, wantLang string
		wantCovered          bool
	}{
		{"English", "This is wrong because the lock is not held.", English, true},
		{"short English", "wtf?", English, true},
		{"code-heavy English", "if vnic_type == portbindings.VNIC_DIRECT_PHYSICAL: use getHTTPClient()", English, true},
		{"English with identifiers", "your _parse_url method's doc confuse me...", English, true},
		{"German", "Das ist doch völliger Unsinn, warum hast du das nicht getestet? Bitte nochmal machen.", "German", false},
		{"French", "Ce code est vraiment mauvais, pourquoi tu n'as pas lancé les tests avant de pousser?", "French", false},
		{"Spanish", "Este código es una basura, ¿por qué no ejecutaste las pruebas antes de subirlo? Hay que rehacerlo todo desde el principio.", "Spanish", false},
		{"Chinese", "这个代码太垃圾了，你根本没有测试过吧", "Mandarin", false},
		{"short German", "Das ist doch Mist.", "", false},
		{"short French", "C'est pas du tout propre.", "", false},
		{"short English with a foreign-looking word", "la la, this is fine.", English, true},
		{"short English", "No, this is wrong.", English, true},
		{"Cyrillic", "Этот код ужасен, почему ты не запустил тесты перед отправкой?", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lang, ok := Covered(tt.text)
			if ok != tt.wantCovered || tt.wantLang != "" && lang != tt.wantLang {
				t.Errorf("Covered(%q) = %q, %v; want %q, %v", tt.text, lang, ok, tt.wantLang, tt.wantCovered)
			}
		})
	}
}

// TestAssessUncoveredLanguage: abuse in a language the lexicon does not
// cover is never called calm or tense; its one signal says so.
func TestAssessUncoveredLanguage(t *testing.T) {
	for _, text := range []string{
		"Du bist ein Idiot, dieser Code ist Scheiße und du hast ihn nicht einmal getestet.",
		"你是白痴吗？这个代码写得太烂了，根本不能用",
	} {
		r := Assess(text, DefaultThreshold)
		if r.Tense || r.Score != 0 || len(r.Signals) != 1 || r.Signals[0][:len(SignalLanguage)] != SignalLanguage {
			t.Errorf("Assess(%q) = %+v, want not tense with one %q signal", text, r, SignalLanguage)
		}
	}
}
