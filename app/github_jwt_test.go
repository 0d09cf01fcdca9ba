package app

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bradleyfalzon/ghinstallation/v2"
	jwt "github.com/golang-jwt/jwt/v4"
)

// countingSigner counts the signatures its inner signer makes.
type countingSigner struct {
	inner ghinstallation.Signer
	mu    sync.Mutex
	n     int
}

func (s *countingSigner) Sign(c jwt.Claims) (string, error) {
	s.mu.Lock()
	s.n++
	s.mu.Unlock()
	return s.inner.Sign(c)
}

func (s *countingSigner) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

// downGitHub fails every request as an unreachable GitHub does, recording
// the Authorization header of each.
type downGitHub struct {
	mu    sync.Mutex
	auths []string
}

func (d *downGitHub) RoundTrip(req *http.Request) (*http.Response, error) {
	d.mu.Lock()
	d.auths = append(d.auths, req.Header.Get("Authorization"))
	d.mu.Unlock()
	if req.Body != nil {
		req.Body.Close()
	}
	return nil, errors.New("connect: connection refused")
}

func (d *downGitHub) seen() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.auths...)
}

// downClients are the app's GitHub clients against a GitHub that is down,
// with the JWT signatures counted.
func downClients(t *testing.T) (*githubClients, *downGitHub, *countingSigner, *fakeClock) {
	t.Helper()
	cfg := testConfig(t, nil)
	clock := &fakeClock{}
	down := &downGitHub{}
	g, err := newGitHubClients(cfg, down, clock, newMetrics())
	if err != nil {
		t.Fatal(err)
	}
	counter := &countingSigner{inner: g.jwt.signer}
	g.jwt.signer = counter
	return g, down, counter, clock
}

// attempt makes one API call for installation inst, which fails.
func attempt(t *testing.T, g *githubClients, inst int64) {
	t.Helper()
	c, err := g.Installation(inst)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Repositories.Get(context.Background(), "o", "r"); err == nil {
		t.Fatal("a call to a GitHub that is down succeeded")
	}
}

func TestAppJWTIsSignedOnceAcrossFailedAttempts(t *testing.T) {
	g, down, counter, _ := downClients(t)
	for i := 0; i < 50; i++ {
		attempt(t, g, int64(1+i%3)) // three installations share the cache
	}
	if _, err := g.AppLogin(context.Background()); err == nil {
		t.Fatal("reading the app from a GitHub that is down succeeded")
	}
	if got := counter.count(); got != 1 {
		t.Errorf("JWT signed %d times across 50 failed attempts and one app read, want 1", got)
	}
	auths := down.seen()
	if len(auths) != 51 {
		t.Fatalf("GitHub was asked %d times, want 51", len(auths))
	}
	for i, a := range auths {
		if !strings.HasPrefix(a, "Bearer ") || a != auths[0] {
			t.Fatalf("request %d carried %q, want the one cached bearer JWT %q", i, a, auths[0])
		}
	}
}

func TestAppJWTIsRenewedBeforeItExpires(t *testing.T) {
	tests := []struct {
		name      string
		advance   time.Duration
		wantSigns int
	}{
		{"reused after eight minutes", 8 * time.Minute, 1},
		{"reused until nine minutes", 9*time.Minute - time.Second, 1},
		{"renewed at nine minutes", 9 * time.Minute, 2},
		{"renewed after an hour", time.Hour, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, _, counter, clock := downClients(t)
			attempt(t, g, 7)
			_ = clock.Sleep(context.Background(), tt.advance)
			attempt(t, g, 7)
			if got := counter.count(); got != tt.wantSigns {
				t.Errorf("signed %d times, want %d", got, tt.wantSigns)
			}
		})
	}
}

func TestAppJWTClaimsStayWithinGitHubsTenMinutes(t *testing.T) {
	clock := &fakeClock{}
	c, err := newJWTCache(4242, []byte(testKey()), clock)
	if err != nil {
		t.Fatal(err)
	}
	before := clock.Now()
	tok, err := c.Sign(nil)
	if err != nil {
		t.Fatal(err)
	}
	var claims jwt.RegisteredClaims
	// The signature is ghinstallation's; these are the claims the cache set.
	if _, _, err := jwt.NewParser().ParseUnverified(tok, &claims); err != nil {
		t.Fatal(err)
	}
	if claims.Issuer != "4242" {
		t.Errorf("issuer %q, want the app id 4242", claims.Issuer)
	}
	if !claims.IssuedAt.Time.Before(before) {
		t.Errorf("issued at %v, not backdated before %v", claims.IssuedAt.Time, before)
	}
	ahead := claims.ExpiresAt.Time.Sub(before)
	if ahead > 10*time.Minute || ahead < 9*time.Minute {
		t.Errorf("expires %v ahead, want between 9 and 10 minutes", ahead)
	}
	// Renewal comes before expiry, so no reused token is about to lapse.
	if !c.renewAt.Before(claims.ExpiresAt.Time) {
		t.Errorf("renewal at %v is not before expiry %v", c.renewAt, claims.ExpiresAt.Time)
	}
}

func TestAppJWTCacheRejectsABadKey(t *testing.T) {
	if _, err := newJWTCache(1, []byte("not a key"), &fakeClock{}); err == nil {
		t.Error("a malformed private key was accepted")
	}
}
