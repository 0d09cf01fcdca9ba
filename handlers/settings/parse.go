package settings

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// MaxFileSize is the largest settings file read, in bytes.
const MaxFileSize = 64 << 10

// Parse reads a settings file strictly and returns its values over the
// defaults. A mistake is returned as a *ParseError listing every problem
// found (unknown keys, wrong types and bad values together; a YAML syntax
// error alone, since nothing after it can be read); the Settings returned
// with it are then the defaults, ready to use, in the language the file
// asks for when that setting itself is sound.
func Parse(data []byte) (Settings, error) {
	s, perr := decode(data)
	if perr != nil {
		return perr.defaults(), perr
	}
	return s, nil
}

// decode runs the passes: YAML syntax and version, the strict walk over
// keys and types, then the values.
func decode(data []byte) (Settings, *ParseError) {
	ps := &problems{lines: map[string]int{}}
	if len(data) > MaxFileSize {
		ps.addAt(0, "", "the file is %d KB; settings files can be at most %d KB. Move long explanations into your docs and link them.", len(data)>>10, MaxFileSize>>10)
		return Settings{}, ps.err()
	}
	root, ok := readYAML(data, ps)
	if !ok {
		return Settings{}, ps.err()
	}
	w := &walker{ps: ps}
	w.walk(root, reflect.TypeFor[file](), "")
	walked := len(ps.list)
	// The strict decode skips what the walk rejected and fills the rest,
	// so the values of a file with a wrong key are still checked.
	var f file
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && walked == 0 {
		// The walk accepts only what decodes, so this is a gap in the walk;
		// the YAML library's own words are still better than silence.
		ps.addAt(yamlLine(err), "", "%s.", yamlMessage(err))
	}
	s := build(f, ps)
	if perr := ps.err(); perr != nil {
		perr.Language = s.Language()
		return Settings{}, perr
	}
	return s, nil
}

// readYAML parses data into one document node whose root is a mapping
// holding "version: 1".
func readYAML(data []byte, ps *problems) (*yaml.Node, bool) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	err := dec.Decode(&doc)
	if errors.Is(err, io.EOF) || (err == nil && len(doc.Content) == 0) {
		ps.addAt(0, "version", "the file is empty. Start it with the line \"version: 1\", then add only the settings you want to change.")
		return nil, false
	}
	if err != nil {
		ps.addAt(yamlLine(err), "", "this is not valid YAML: %s. Check the indentation (spaces, not tabs) and that each key ends with a colon.", yamlMessage(err))
		return nil, false
	}
	var extra yaml.Node
	if dec.Decode(&extra) == nil {
		ps.addAt(extra.Line, "", "the file holds more than one YAML document (separated by \"---\"); keep the settings in one.")
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		ps.addAt(root.Line, "", "the file should be a list of settings (\"key: value\" lines) starting with \"version: 1\", but it is %s.", describeNode(root))
		return nil, false
	}
	checkVersion(root, ps)
	return root, true
}

// checkVersion requires "version: 1" at the top level.
func checkVersion(root *yaml.Node, ps *problems) {
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value != "version" {
			continue
		}
		switch {
		case v.Kind == yaml.ScalarNode && v.Tag == "!!int" && v.Value == "1":
		case v.Kind == yaml.ScalarNode && strings.TrimSpace(v.Value) == "1":
			ps.addAt(v.Line, "version", "the version is written as text (%q); write it as a plain number: \"version: 1\".", v.Value)
		default:
			ps.addAt(v.Line, "version", "this PR Coach reads settings of version 1, but the file says %s. Change the line to \"version: 1\".", shown(v))
		}
		return
	}
	ps.addAt(root.Line, "version", "\"version: 1\" is required, so later formats can be told apart. Add it as the first line of the file.")
}

// shown renders a version node for a message.
func shown(n *yaml.Node) string {
	switch {
	case n.Kind == yaml.ScalarNode && n.Tag == "!!null":
		return "nothing"
	case n.Kind == yaml.ScalarNode:
		return strconv.Quote("version: " + n.Value)
	}
	return describeNode(n)
}

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

// yamlLine finds the line number in a YAML library error.
func yamlLine(err error) int {
	m := yamlLineRE.FindStringSubmatch(err.Error())
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

var yamlPrefixRE = regexp.MustCompile(`^(yaml: )?(unmarshal errors:\s*)?(line \d+: )?`)

// yamlMessage strips the library's prefixes from a YAML error.
func yamlMessage(err error) string {
	msg := strings.TrimSpace(yamlPrefixRE.ReplaceAllString(err.Error(), ""))
	return strings.TrimSuffix(msg, ".")
}
