package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tidwall/gjson"
)

// routeByPaths is the route read one gjson path at a time: what routeOf
// must agree with.
func routeByPaths(body []byte) route {
	env := gjson.GetManyBytes(body, "action", "installation.id", "repository.owner.login", "repository.name")
	return route{action: env[0].String(), installationID: env[1].Int(), owner: env[2].String(), repo: env[3].String()}
}

func TestRouteOf(t *testing.T) {
	tests := []struct {
		name string
		body string
		want route
	}{
		{"every field", `{"action":"completed","installation":{"id":42},"repository":{"name":"r","owner":{"login":"o"}}}`,
			route{action: "completed", installationID: 42, owner: "o", repo: "r"}},
		{"fields after nested look-alikes", `{"check_run":{"action":"x","repository":{"name":"no"}},"action":"created","repository":{"owner":{"login":"me"},"name":"here"},"installation":{"account":{"id":1},"id":7}}`,
			route{action: "created", installationID: 7, owner: "me", repo: "here"}},
		{"no installation or repository", `{"zen":"Keep it simple","hook_id":1}`, route{}},
		{"the first of repeated keys", `{"action":"first","action":"second","installation":{"id":1},"installation":{"id":2}}`,
			route{action: "first", installationID: 1}},
		{"fields of the wrong type", `{"action":3,"installation":"5","repository":[1,2]}`, route{action: "3"}},
		{"escaped strings", `{"action":"re\"opened","repository":{"name":"a\u00e9","owner":{"login":"b"}}}`,
			route{action: `re"opened`, owner: "b", repo: "aé"}},
		{"whitespace around", " \n{ \"action\" : \"closed\" }\n", route{action: "closed"}},
		{"empty object", `{}`, route{}},
		{"empty body", ``, route{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := routeOf([]byte(tt.body))
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(route{})); diff != "" {
				t.Errorf("routeOf (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(routeByPaths([]byte(tt.body)), got, cmp.AllowUnexported(route{})); diff != "" {
				t.Errorf("routeOf disagrees with gjson paths (-paths +routeOf):\n%s", diff)
			}
		})
	}
}

// TestRouteOfAgreesWithPathsOnFixtures checks every stored webhook fixture.
func TestRouteOfAgreesWithPathsOnFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "webhooks", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no webhook fixtures: %v", err)
	}
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(routeByPaths(body), routeOf(body), cmp.AllowUnexported(route{})); diff != "" {
			t.Errorf("%s (-paths +routeOf):\n%s", filepath.Base(f), diff)
		}
	}
}

func TestJSONObject(t *testing.T) {
	tests := []struct {
		body string
		want bool
	}{
		{`{}`, true},
		{" \r\n\t{\"a\":1}", true},
		{`[{}]`, false},
		{`"{"`, false},
		{`12`, false},
		{`null`, false},
		{``, false},
	}
	for _, tt := range tests {
		if got := jsonObject([]byte(tt.body)); got != tt.want {
			t.Errorf("jsonObject(%q) = %v, want %v", tt.body, got, tt.want)
		}
		if valid := gjson.Valid(tt.body); valid && gjson.Parse(tt.body).IsObject() != tt.want {
			t.Errorf("case %q disagrees with gjson", tt.body)
		}
	}
}

// bigDelivery is the check_run fixture with a megabyte of log text in it.
func bigDelivery(b *testing.B) []byte {
	body := fixture(b, "webhooks/check_run_failure.json")
	pad := `{"padding":"` + strings.Repeat("x", 1<<20) + `",`
	return append([]byte(pad), body[1:]...)
}

func BenchmarkRouteOf(b *testing.B) {
	for _, size := range []struct {
		name string
		body []byte
	}{{"fixture", fixture(b, "webhooks/check_run_failure.json")}, {"1MB", bigDelivery(b)}} {
		b.Run(size.name+"/one pass", func(b *testing.B) {
			for b.Loop() {
				jsonObject(size.body)
				routeOf(size.body)
			}
		})
		b.Run(size.name+"/gjson paths", func(b *testing.B) {
			for b.Loop() {
				gjson.ParseBytes(size.body).IsObject()
				routeByPaths(size.body)
			}
		})
	}
}
