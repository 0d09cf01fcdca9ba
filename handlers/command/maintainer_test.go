package command

import (
	"strings"
	"testing"
)

func TestMaintainersOnly(t *testing.T) {
	want := map[Kind]bool{Ignore: false, Explain: false, Help: false, Malformed: false, Flaky: true, Wrong: true}
	for k, w := range want {
		if got := k.MaintainersOnly(); got != w {
			t.Errorf("%v.MaintainersOnly() = %v, want %v", k, got, w)
		}
	}
}

func TestIsMaintainer(t *testing.T) {
	tests := []struct {
		association string
		want        bool
	}{
		{"OWNER", true}, {"MEMBER", true}, {"COLLABORATOR", true}, {"collaborator", true},
		{"CONTRIBUTOR", false}, {"FIRST_TIME_CONTRIBUTOR", false}, {"FIRST_TIMER", false},
		{"MANNEQUIN", false}, {"NONE", false}, {"", false},
	}
	for _, tc := range tests {
		if got := IsMaintainer(tc.association); got != tc.want {
			t.Errorf("IsMaintainer(%q) = %v, want %v", tc.association, got, tc.want)
		}
	}
}

func TestMaintainerPermission(t *testing.T) {
	tests := []struct {
		permission string
		want       bool
	}{
		{"admin", true}, {"maintain", true}, {"write", true}, {"WRITE", true},
		{"triage", false}, {"read", false}, {"none", false}, {"", false},
	}
	for _, tc := range tests {
		if got := MaintainerPermission(tc.permission); got != tc.want {
			t.Errorf("MaintainerPermission(%q) = %v, want %v", tc.permission, got, tc.want)
		}
	}
}

func TestNotMaintainerNote(t *testing.T) {
	if strings.Contains(NotMaintainer, "@") || strings.Contains(NotMaintainer, "!") || Parse(NotMaintainer).Kind != Ignore {
		t.Errorf("NotMaintainer mentions someone, shouts, or holds a command: %q", NotMaintainer)
	}
}
