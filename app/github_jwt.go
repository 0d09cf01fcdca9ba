package app

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/bradleyfalzon/ghinstallation/v2"
	jwt "github.com/golang-jwt/jwt/v4"
)

// GitHub accepts an app JWT whose expiry is at most ten minutes ahead.
// jwtBackdate dates the issue time back to cover clock drift between us and
// GitHub; jwtLifetime runs from that issue time, so the expiry is 9m30s from
// now; jwtRenewBefore is how long before expiry a fresh one is signed, so a
// token is reused for nine minutes and none leaves about to lapse.
const (
	jwtBackdate    = 30 * time.Second
	jwtLifetime    = 10 * time.Minute
	jwtRenewBefore = 30 * time.Second
)

// jwtCache is a ghinstallation.Signer that signs the app's JWT once and
// hands out the same token until shortly before it expires. Without it,
// ghinstallation signs a fresh RSA JWT on every installation-token refresh,
// and while GitHub is unreachable every failed attempt is one more RSA
// signature: the costliest part of a retry. One cache serves every
// installation of the app.
type jwtCache struct {
	appID  int64
	signer ghinstallation.Signer
	clock  Clock

	mu      sync.Mutex
	token   string
	renewAt time.Time
}

// newJWTCache parses the app's PEM private key and returns a cache signing
// with it.
func newJWTCache(appID int64, pemKey []byte, clock Clock) (*jwtCache, error) {
	key, err := jwt.ParseRSAPrivateKeyFromPEM(pemKey)
	if err != nil {
		return nil, fmt.Errorf("parsing the app's private key: %w", err)
	}
	return &jwtCache{appID: appID, clock: clock,
		signer: ghinstallation.NewRSASigner(jwt.SigningMethodRS256, key)}, nil
}

// Sign returns the cached JWT, signing a new one when there is none or it is
// near expiry. The claims ghinstallation passes are ignored: the cache sets
// its own issuer and times, with the longer lifetime that makes reuse worth
// it.
func (c *jwtCache) Sign(jwt.Claims) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.clock.Now()
	if c.token != "" && now.Before(c.renewAt) {
		return c.token, nil
	}
	// GitHub rejects fractional timestamps, hence whole seconds.
	iss := now.Add(-jwtBackdate).Truncate(time.Second)
	exp := iss.Add(jwtLifetime)
	tok, err := c.signer.Sign(&jwt.RegisteredClaims{
		IssuedAt:  jwt.NewNumericDate(iss),
		ExpiresAt: jwt.NewNumericDate(exp),
		Issuer:    strconv.FormatInt(c.appID, 10),
	})
	if err != nil {
		return "", fmt.Errorf("signing the app's JWT: %w", err)
	}
	c.token, c.renewAt = tok, exp.Add(-jwtRenewBefore)
	return tok, nil
}

// appsTransport returns a new ghinstallation.AppsTransport signing through
// the cache. Each installation needs its own: ghinstallation writes the
// transport's BaseURL and Client on every token refresh.
func (c *jwtCache) appsTransport(base http.RoundTripper, baseURL string) (*ghinstallation.AppsTransport, error) {
	atr, err := ghinstallation.NewAppsTransportWithOptions(base, c.appID, ghinstallation.WithSigner(c))
	if err != nil {
		return nil, fmt.Errorf("creating the app transport: %w", err)
	}
	atr.BaseURL = baseURL
	return atr, nil
}
