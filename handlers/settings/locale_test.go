package settings

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// shipped are the languages besides English that PR Coach writes in.
var shipped = []string{"de", "es", "fr", "pt-BR", "ja", "zh-Hans"}

// sourceFormats are the English formats this package's problems are
// written with, read from its source: every call of add, addAt and
// addType with a literal format.
func sourceFormats(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			i := map[string]int{"add": 1, "addAt": 2, "addType": 2}[sel.Sel.Name]
			if i == 0 || len(call.Args) <= i {
				return true
			}
			if lit, ok := call.Args[i].(*ast.BasicLit); ok {
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, s)
			}
			return true
		})
	}
	slices.Sort(out)
	return slices.Compact(out)
}

var (
	quoted = regexp.MustCompile(`"[^"]*"`)
	digits = regexp.MustCompile(`[0-9]+`)
)

// sameShape fails when local does not keep en's verbs in order, its
// literal values in quotes (in any order) and its numbers (a translation
// may add some, writing "1 つ" for "one").
func sameShape(t *testing.T, where, en, local string) {
	t.Helper()
	sorted := func(s []string) []string { slices.Sort(s); return s }
	if diff := cmp.Diff(verb.FindAllString(en, -1), verb.FindAllString(local, -1)); diff != "" {
		t.Errorf("%s %q verbs (-English +translation):\n%s", where, en, diff)
	}
	if diff := cmp.Diff(sorted(quoted.FindAllString(en, -1)), sorted(quoted.FindAllString(local, -1))); diff != "" {
		t.Errorf("%s %q quoted values (-English +translation):\n%s", where, en, diff)
	}
	for _, n := range digits.FindAllString(en, -1) {
		if !slices.Contains(digits.FindAllString(local, -1), n) {
			t.Errorf("%s %q: the translation lacks the number %s", where, en, n)
		}
	}
}

// Every problem's format is translated into every shipped language, and
// no translation is of a format the source no longer writes.
func TestEveryProblemTranslated(t *testing.T) {
	formats := sourceFormats(t)
	if len(formats) < 40 {
		t.Fatalf("found %d formats in the source; the reader is broken", len(formats))
	}
	for _, tag := range shipped {
		l := Translations(tag)
		if l == nil {
			t.Fatalf("%s: no translations", tag)
		}
		for _, f := range formats {
			if strings.Trim(f, "%s.") == "" {
				continue // "%s" and "%s." carry a message written elsewhere
			}
			local, ok := l.Messages[f]
			if !ok {
				t.Errorf("%s: %q is not translated", tag, f)
				continue
			}
			sameShape(t, tag, f, local)
		}
		for f := range l.Messages {
			if !slices.Contains(formats, f) {
				t.Errorf("%s: %q translates a format the source does not write", tag, f)
			}
		}
		for en, local := range l.Phrases {
			sameShape(t, tag+" phrase", en, local)
		}
		for _, pair := range [][2]string{{english.HeaderOne, l.HeaderOne}, {english.HeaderOther, l.HeaderOther}, {english.Line, l.Line}} {
			if diff := cmp.Diff(verb.FindAllString(pair[0], -1), verb.FindAllString(pair[1], -1)); diff != "" {
				t.Errorf("%s: %q (-English +translation):\n%s", tag, pair[0], diff)
			}
		}
	}
}

// A file's problems are listed in the language asked for, values kept as
// written, PR Coach's own phrases translated; English for any other.
func TestProblemsIn(t *testing.T) {
	tests := []struct {
		name, file, tag, want string
	}{
		{"unknown key, German", "version: 1\ntone:\n  mood: calm\n", "de",
			".github/prcoach.yml hat einen Fehler, daher nutzt PR Coach seine Standardeinstellungen, bis er behoben ist:\n" +
				"- Zeile 3, tone.mood: PR Coach kennt die Einstellung \"mood\" unter tone nicht. Meintest du \"mode\"? Bekannte Einstellungen hier: mode, threshold, ignore_users, max_replies_per_pr."},
		{"wrong type, Japanese", "version: 1\ntone:\n  threshold: high\n", "ja",
			".github/prcoach.yml に問題が 1 つあるため、修正されるまで PR Coach は既定の設定を使います：\n" +
				"- 3 行目, tone.threshold: ここには 数値（例：0.5） が入るはずですが、\"high\" になっています。"},
		{"two problems, Spanish", "version: 1\ntone:\n  mode: loud\nexplain:\n  max_replies_per_pr: -1\n", "es",
			".github/prcoach.yml tiene 2 problemas, así que PR Coach usa su configuración predeterminada hasta que se corrijan:\n" +
				"- línea 3, tone.mode: \"loud\" no es un modo de tono. Usa \"reply\" (sugerir una redacción más amable en el hilo) u \"off\" (dejar en paz los comentarios de revisión).\n" +
				"- línea 5, explain.max_replies_per_pr: -1 está fuera del rango: usa un número entero de 0 a 100 (0 significa sin respuestas)."},
		{"a language without texts", "version: 1\ntone:\n  mood: calm\n", "ko", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.file))
			perr, ok := err.(*ParseError)
			if !ok {
				t.Fatalf("Parse: %v, want a *ParseError", err)
			}
			want := tt.want
			if want == "" {
				want = perr.Error()
			}
			if diff := cmp.Diff(want, perr.In(tt.tag)); diff != "" {
				t.Errorf("In(%q) (-want +got):\n%s", tt.tag, diff)
			}
		})
	}
}

// A file with a mistake still says which language it wants, and the
// defaults that apply meanwhile speak it, unless the mistake is in that
// setting.
func TestParseErrorKeepsTheLanguage(t *testing.T) {
	for file, want := range map[string]string{
		"version: 1\nlanguage: de\ntone:\n  mood: calm\n":   "de",
		"version: 1\nlanguage: pt-BR\nexplain: 3\n":         "pt-br",
		"version: 1\nlanguage: '!!'\ntone:\n  mood: calm\n": "en",
		"version: 1\ntone:\n  mood: calm\n":                 "en",
	} {
		s, err := Parse([]byte(file))
		perr, ok := err.(*ParseError)
		if !ok || perr.Language != want || s.Language() != want {
			t.Errorf("%q: %v, language %q, settings in %q; want %q", file, err, perr.Language, s.Language(), want)
		}
	}
}
