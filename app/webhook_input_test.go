package app

import (
	"strings"
	"testing"
)

func TestShallowJSON(t *testing.T) {
	deep := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	for _, tc := range []struct {
		name string
		body string
		want bool
	}{
		{"flat object", `{"a":1}`, true},
		{"at the cap", deep(maxJSONDepth), true},
		{"one past the cap", deep(maxJSONDepth + 1), false},
		{"brackets inside strings do not count", `{"a":"` + strings.Repeat("[{", maxJSONDepth) + `"}`, true},
		{"escaped quote keeps the string open", `{"a":"\"` + strings.Repeat("[", maxJSONDepth+1) + `"}`, true},
		{"many siblings, shallow", "[" + strings.Repeat("[],", 3*maxJSONDepth) + "[]]", true},
		{"deep after a string", `["x",` + deep(maxJSONDepth) + `]`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := shallowJSON([]byte(tc.body), maxJSONDepth); got != tc.want {
				t.Errorf("shallowJSON = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestHeaderToken(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"check_run", true},
		{"", true},
		{"ping\xff\xfe", false},
		{"a b", false},
		{"tab\there", false},
		{strings.Repeat("e", maxLogged), true},
		{strings.Repeat("e", maxLogged+1), false},
	} {
		if got := headerToken(tc.in, maxLogged); got != tc.want {
			t.Errorf("headerToken(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestClipKeepsUTF8(t *testing.T) {
	got := clip(strings.Repeat("é", 40), 7)
	if got != "ééé…" {
		t.Errorf("clip = %q, want %q", got, "ééé…")
	}
}
