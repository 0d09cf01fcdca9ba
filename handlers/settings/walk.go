package settings

import (
	"fmt"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// maxNodes bounds the walk, so aliases that expand a small file into a
// huge tree cost nothing.
const maxNodes = 20000

// walker checks a YAML node tree against the file types before anything is
// decoded, so every unknown key and wrong type is reported at once, in
// words a maintainer understands, with its line.
type walker struct {
	ps    *problems
	nodes int
}

// walk checks n against t; path is the key path of n ("" at the top).
func (w *walker) walk(n *yaml.Node, t reflect.Type, path string) {
	if w.nodes++; w.nodes > maxNodes {
		if w.nodes == maxNodes+1 {
			w.ps.addAt(n.Line, "", "the file expands into more than %d values (through &anchors and *aliases); please write it out more simply.", maxNodes)
		}
		return
	}
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if path != "" {
		if _, ok := w.ps.lines[path]; !ok {
			w.ps.lines[path] = n.Line
		}
	}
	if isNull(n) {
		return // an empty value keeps the default
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		w.mapping(n, t, path)
	case reflect.Slice:
		w.sequence(n, t, path)
	default:
		w.scalar(n, t, path)
	}
}

// mapping checks a group of keys: each must be known and appear once.
func (w *walker) mapping(n *yaml.Node, t reflect.Type, path string) {
	if n.Kind != yaml.MappingNode {
		w.ps.addType(n.Line, path, "this should be a group of settings indented below %q (for example \"%s: …\"), but it is %s.",
			lastKey(path), firstKey(t), describeNode(n))
		return
	}
	fields := fieldsOf(t)
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Tag == "!!merge" {
			w.walk(v, t, path) // "<<: *anchor" merges another group in
			continue
		}
		key := join(path, k.Value)
		if k.Kind != yaml.ScalarNode {
			w.ps.addAt(k.Line, path, "a key must be a plain name such as %q, not %s.", firstKey(t), describeNode(k))
			continue
		}
		if prev, dup := seen[k.Value]; dup {
			w.ps.addAt(k.Line, key, "%q is set twice (first on line %d); keep one of them.", k.Value, prev)
			continue
		}
		seen[k.Value] = k.Line
		ft, ok := fields[k.Value]
		if !ok {
			w.ps.addAt(k.Line, key, "PR Coach does not know the setting %q%s.%s Known settings here: %s.",
				k.Value, where(path), suggest(k.Value, fieldNames(t)), strings.Join(fieldNames(t), ", "))
			continue
		}
		w.ps.lines[key] = k.Line
		if key == "version" {
			continue // checkVersion has its own words for it
		}
		w.walk(v, ft, key)
	}
}

// sequence checks a list and each of its entries.
func (w *walker) sequence(n *yaml.Node, t reflect.Type, path string) {
	if n.Kind != yaml.SequenceNode {
		if n.Kind == yaml.ScalarNode && t.Elem().Kind() == reflect.String {
			w.ps.addType(n.Line, path, "this should be a list, even with one entry: write [%q].", n.Value)
			return
		}
		w.ps.addType(n.Line, path, "this should be %s, but it is %s.", describeList(t), describeNode(n))
		return
	}
	for i, item := range n.Content {
		key := fmt.Sprintf("%s[%d]", path, i+1)
		if isNull(item) {
			w.ps.addAt(item.Line, key, "this list entry is empty; remove the lone \"-\" or give it a value.")
			continue
		}
		w.walk(item, t.Elem(), key)
	}
}

// scalar checks a single value: numbers and booleans must be written as
// such (YAML would otherwise cut 2.5 to 2 for a whole number), and the
// value must decode into t.
func (w *walker) scalar(n *yaml.Node, t reflect.Type, path string) {
	if n.Kind != yaml.ScalarNode {
		w.ps.addType(n.Line, path, "this should be %s, but it is %s.", describeType(t), describeNode(n))
		return
	}
	ok := n.Decode(reflect.New(t).Interface()) == nil
	switch t.Kind() {
	case reflect.Int:
		ok = ok && n.Tag == "!!int"
	case reflect.Float64:
		ok = ok && (n.Tag == "!!int" || n.Tag == "!!float")
	case reflect.Bool:
		ok = ok && n.Tag == "!!bool"
	}
	if !ok {
		w.ps.addType(n.Line, path, "this should be %s, but it is %q.", describeType(t), n.Value)
	}
}

// isNull reports whether n is an empty value ("key:" with nothing after).
func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// fieldsOf maps a struct's YAML keys to their types.
func fieldsOf(t reflect.Type) map[string]reflect.Type {
	m := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		m[yamlName(f)] = f.Type
	}
	return m
}

// fieldNames lists a struct's YAML keys in declaration order.
func fieldNames(t reflect.Type) []string {
	names := make([]string, t.NumField())
	for i := range names {
		names[i] = yamlName(t.Field(i))
	}
	return names
}

func yamlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	return name
}

func firstKey(t reflect.Type) string { return fieldNames(t)[0] }

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func lastKey(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return path
}

func where(path string) string {
	if path == "" {
		return ""
	}
	return " under " + path
}

// describeNode says what a node is, for "but it is …".
func describeNode(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a group of settings"
	case yaml.SequenceNode:
		return "a list"
	default:
		return fmt.Sprintf("the value %q", n.Value)
	}
}

// describeType says what a value should be, for "this should be …".
func describeType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int:
		return "a whole number, like 5"
	case reflect.Float64:
		return "a number, like 0.5"
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "a single text value (put it in quotes if in doubt)"
	case reflect.Slice:
		return describeList(t)
	default:
		return "a group of settings"
	}
}

// describeList says what a list should look like.
func describeList(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Elem().Kind() == reflect.Struct {
		return "a list of entries, each starting with \"- \" on its own line"
	}
	return `a list, like ["first", "second"]`
}
