package langfile

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

type texts struct {
	Title string `yaml:"title"`
}

func TestLoadReadsEveryLanguageByTag(t *testing.T) {
	fsys := fstest.MapFS{
		"words/de.yaml":    {Data: []byte("title: Hallo\n")},
		"words/pt-BR.yaml": {Data: []byte("title: Olá\n")},
		"words/README.md":  {Data: []byte("not a language")},
	}
	got, err := Load[texts](fsys, "words", "test words")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]texts{"de": {"Hallo"}, "pt-BR": {"Olá"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Load (-want +got):\n%s", diff)
	}
}

func TestLoadRefusesUnknownKeysAndBadYAML(t *testing.T) {
	for name, data := range map[string]string{
		"misspelt key": "titel: Hallo\n",
		"not yaml":     "title: [unclosed\n",
	} {
		t.Run(name, func(t *testing.T) {
			fsys := fstest.MapFS{"words/de.yaml": {Data: []byte(data)}}
			_, err := Load[texts](fsys, "words", "test words")
			if err == nil || !strings.Contains(err.Error(), "reading test words de.yaml") {
				t.Errorf("Load = %v, want an error naming the file", err)
			}
		})
	}
}

func TestLoadReportsAMissingFolder(t *testing.T) {
	if _, err := Load[texts](fstest.MapFS{}, "words", "test words"); err == nil {
		t.Error("Load of a missing folder succeeded")
	}
}
