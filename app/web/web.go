// Package web holds PR Coach's pages: the embedded HTML templates, the style
// sheet and icon, and the SVG chart layouts the dashboard draws. Pages are
// rendered on the server with html/template; they carry no script and fetch
// nothing from elsewhere, so they work offline.
package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"sync"
	"time"
)

//go:embed templates/*.html static/*
var files embed.FS

// pages parses the templates once, on first use.
var pages = sync.OnceValues(func() (*template.Template, error) {
	return template.New("").ParseFS(files, "templates/*.html")
})

// Render renders the named page ("setup", "dashboard", "try", "message")
// with data. The page is rendered whole, so a template error never leaves
// half a page on the wire.
func Render(page string, data any) ([]byte, error) {
	t, err := pages()
	if err != nil {
		return nil, fmt.Errorf("parsing templates: %w", err)
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, page, data); err != nil {
		return nil, fmt.Errorf("rendering %s: %w", page, err)
	}
	return b.Bytes(), nil
}

// Static serves the style sheet and icon at /static/NAME: only the files of
// the static folder, by name, with no listing and no way out of the folder.
// Anything else is a 404.
func Static() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := strings.CutPrefix(r.URL.Path, "/static/")
		if !ok || name == "" || strings.ContainsAny(name, "/\\") || strings.HasPrefix(name, ".") {
			http.NotFound(w, r)
			return
		}
		b, err := fs.ReadFile(files, "static/"+name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
	})
}

// SecurityHeaders are the headers every page is sent with: nothing may be
// loaded from elsewhere, no script runs, forms post only to this server and
// to formTarget (GitHub's web host during setup; "" for none), and no
// address (which may carry a token or a setup state) leaks as a referrer.
func SecurityHeaders(h http.Header, formTarget string) {
	formAction := "'self'"
	if formTarget != "" {
		formAction += " " + formTarget
	}
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; "+
		"form-action "+formAction+"; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
}
