package githubtest

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/google/go-github/v60/github"
)

// Clients hands handlers real go-github clients pointed at the fake, as
// the app's client factory does against GitHub; it satisfies
// handlers.Clients.
type Clients struct {
	s *Server
}

// Clients returns the client factory for handler tests.
func (s *Server) Clients() *Clients { return &Clients{s: s} }

// Installation returns a client for installation id, sending the token the
// fake hands that installation.
func (c *Clients) Installation(id int64) (*github.Client, error) {
	if id == 0 {
		return nil, fmt.Errorf("the delivery names no installation")
	}
	return c.client(fmt.Sprintf("token ghs_faketoken%d", id)), nil
}

// AppLogin asks the fake for the app, as the app's client factory asks
// GitHub, and returns its bot login.
func (c *Clients) AppLogin(ctx context.Context) (string, error) {
	app, _, err := c.client("Bearer fake.jwt").Apps.Get(ctx, "")
	if err != nil {
		return "", fmt.Errorf("reading the app: %w", err)
	}
	return app.GetSlug() + "[bot]", nil
}

func (c *Clients) client(auth string) *github.Client {
	gh := github.NewClient(&http.Client{Transport: authTransport{auth: auth}})
	u, _ := url.Parse(c.s.APIURL())
	gh.BaseURL, gh.UploadURL = u, u
	return gh
}

// authTransport sets the Authorization header on every request.
type authTransport struct{ auth string }

func (a authTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", a.auth)
	return http.DefaultTransport.RoundTrip(r)
}
