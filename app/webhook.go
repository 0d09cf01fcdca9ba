package app

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"log/slog"
	"mime"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/tidwall/gjson"

	"github.com/prcoach/prcoach/handlers"
)

// MaxWebhookBody is the largest delivery accepted; GitHub sends at most 25 MB.
const MaxWebhookBody = 25 << 20

// maxJSONDepth caps the nesting of a delivery's JSON, checked without
// recursion before any parser that recurses sees the body. GitHub's
// payloads nest about ten levels.
const maxJSONDepth = 1000

// maxLogged bounds a field taken from a verified request into a log line.
const maxLogged = 64

// The intake's own log keys; the delivery's keys are handlers' (handlers.LogDeliveryID
// and the rest), so a delivery is found by the same keys from intake to comment.
const (
	logStatus   = "status"      // the HTTP status answered
	logRemote   = "remote"      // the socket's address, never a forwarded header
	logAction   = "action"      // the payload's action, clipped
	logDuration = "duration_ms" // how long a delivery's handling took
)

// prNumber is the pull request a delivery concerns, for its log lines. It is
// read only when a line is written, so the intake's fast path pays nothing;
// a delivery about no pull request logs no number.
type prNumber []byte

// prNumberPaths are where GitHub's payloads carry a pull request's number.
var prNumberPaths = []string{"pull_request.number", "check_run.pull_requests.0.number",
	"workflow_run.pull_requests.0.number", "check_suite.pull_requests.0.number"}

// LogValue implements slog.LogValuer.
func (p prNumber) LogValue() slog.Value {
	for _, path := range prNumberPaths {
		if n := gjson.GetBytes(p, path); n.Type == gjson.Number {
			return slog.Int64Value(n.Int())
		}
	}
	if gjson.GetBytes(p, "issue.pull_request").Exists() {
		if n := gjson.GetBytes(p, "issue.number"); n.Type == gjson.Number {
			return slog.Int64Value(n.Int())
		}
	}
	return slog.GroupValue() // an empty group: the key is left out
}

// webhook authenticates a delivery, stores it with its job and acknowledges it.
// Nothing else happens on this path: every GitHub or model call is a worker's.
//
// Until the signature is verified, nothing from the request becomes a
// label, a log field or a stored row, and the body is read only when the
// signature header is well formed, within a byte budget shared by all
// requests.
type webhook struct {
	secrets func() [][]byte // current secret first; empty when unconfigured
	accepts func(event, action string) bool
	known   func(event string) bool // events worth a metrics label of their own
	intake  *intake
	logger  *slog.Logger
	metrics *metrics
	budget  *byteBudget
}

func (w *webhook) serve(c echo.Context) error {
	req := c.Request()
	event := req.Header.Get("X-GitHub-Event")
	delivery := req.Header.Get("X-GitHub-Delivery")
	reject := func(status int, outcome, msg string) error {
		w.metrics.delivery(otherEvent, outcome)
		w.logger.Warn("delivery rejected", handlers.LogOutcome, outcome, logStatus, status, logRemote, socketIP(req))
		return c.String(status, msg+"\n")
	}
	secrets := w.secrets()
	if len(secrets) == 0 {
		return reject(http.StatusServiceUnavailable, "unconfigured", "PR Coach is not configured yet: open /setup")
	}
	if !headerToken(event, maxLogged) || !headerToken(delivery, 100) {
		return reject(http.StatusBadRequest, "bad_headers", "X-GitHub-Event or X-GitHub-Delivery holds invalid bytes")
	}
	sig, ok := parseSignature(req.Header.Get("X-Hub-Signature-256"))
	if !ok {
		return reject(http.StatusUnauthorized, "bad_signature", "missing or wrong X-Hub-Signature-256")
	}
	if req.ContentLength > MaxWebhookBody {
		return reject(http.StatusRequestEntityTooLarge, "too_large", "payload too large")
	}
	body, release, err := w.budget.readBody(c.Response(), req, MaxWebhookBody)
	defer release()
	switch {
	case errors.Is(err, errOverBudget):
		c.Response().Header().Set("Retry-After", "5")
		return reject(http.StatusServiceUnavailable, "busy", "too many deliveries being read; retry later")
	case errors.As(err, new(*http.MaxBytesError)):
		return reject(http.StatusRequestEntityTooLarge, "too_large", "payload too large")
	case err != nil:
		return reject(http.StatusBadRequest, "unreadable", "could not read the body")
	}
	if !signedBy(sig, body, secrets) {
		return reject(http.StatusUnauthorized, "bad_signature", "missing or wrong X-Hub-Signature-256")
	}
	return w.verified(c, event, delivery, body)
}

// verified handles a delivery whose signature holds.
func (w *webhook) verified(c echo.Context, event, delivery string, body []byte) error {
	req := c.Request()
	label := otherEvent
	if event == "ping" || w.known(event) {
		label = event
	}
	reject := func(status int, outcome, msg string) error {
		w.metrics.delivery(label, outcome)
		w.logger.Warn("delivery rejected", handlers.LogDeliveryID, delivery, handlers.LogEventType, event,
			handlers.LogPRNumber, prNumber(body), handlers.LogOutcome, outcome, logStatus, status, logRemote, socketIP(req))
		return c.String(status, msg+"\n")
	}
	if mt, _, _ := mime.ParseMediaType(req.Header.Get("Content-Type")); mt != "application/json" {
		return reject(http.StatusUnsupportedMediaType, "not_json", "send the webhook as application/json")
	}
	if !shallowJSON(body, maxJSONDepth) {
		return reject(http.StatusBadRequest, "too_deep", "the JSON is nested too deeply")
	}
	// gjson validates and picks the few routing fields several times faster
	// than encoding/json, which was a quarter of the intake's CPU.
	if !gjson.ValidBytes(body) {
		return reject(http.StatusUnsupportedMediaType, "not_json", "the body is not valid JSON")
	}
	if !jsonObject(body) {
		return reject(http.StatusBadRequest, "bad_payload", "payload is not a GitHub event object")
	}
	rt := routeOf(body)
	action := rt.action
	if event == "" || delivery == "" {
		return reject(http.StatusBadRequest, "bad_headers", "X-GitHub-Event and X-GitHub-Delivery are required")
	}
	if event == "ping" {
		w.metrics.delivery(label, "pong")
		w.logger.Info("ping received", handlers.LogDeliveryID, delivery, handlers.LogEventType, event, handlers.LogOutcome, "pong")
		return c.String(http.StatusOK, "pong\n")
	}
	if !w.accepts(event, action) {
		w.metrics.delivery(label, "ignored")
		w.logger.Debug("delivery ignored", handlers.LogDeliveryID, delivery, handlers.LogEventType, event,
			handlers.LogPRNumber, prNumber(body), logAction, clip(action, maxLogged))
		return c.String(http.StatusAccepted, "ignored\n")
	}
	dup, err := w.intake.Submit(req.Context(), handlers.Event{
		DeliveryID: delivery, Name: event, Action: action, InstallationID: rt.installationID,
		Owner: rt.owner, Repo: rt.repo, Payload: body,
	})
	if err != nil {
		w.metrics.delivery(label, "store_error")
		w.logger.Error("delivery not stored", handlers.LogDeliveryID, delivery, handlers.LogEventType, event,
			handlers.LogPRNumber, prNumber(body), handlers.LogOutcome, "store_error", handlers.LogError, err)
		return c.String(http.StatusServiceUnavailable, "could not store the delivery; redeliver it later\n")
	}
	if dup {
		w.metrics.delivery(label, "duplicate")
		w.logger.Debug("duplicate delivery", handlers.LogDeliveryID, delivery, handlers.LogEventType, event,
			handlers.LogPRNumber, prNumber(body))
		return c.String(http.StatusOK, "already received\n")
	}
	w.metrics.delivery(label, "queued")
	return c.String(http.StatusAccepted, "queued\n")
}

// validSignature checks GitHub's X-Hub-Signature-256 header against every
// secret in constant time. Only sha256= is accepted; SHA-1 alone is not.
func validSignature(header string, body []byte, secrets [][]byte) bool {
	got, ok := parseSignature(header)
	return ok && signedBy(got, body, secrets)
}

// parseSignature decodes an X-Hub-Signature-256 value: "sha256=" and 64
// hex digits.
func parseSignature(header string) ([]byte, bool) {
	hexSig, ok := strings.CutPrefix(header, "sha256=")
	if !ok || len(hexSig) != sha256.Size*2 {
		return nil, false
	}
	got, err := hex.DecodeString(hexSig)
	return got, err == nil
}

// signedBy reports whether got is body's HMAC under one of the secrets.
func signedBy(got, body []byte, secrets [][]byte) bool {
	valid := false
	for _, secret := range secrets {
		if len(secret) == 0 {
			continue
		}
		mac := hmac.New(sha256.New, secret)
		mac.Write(body)
		// No early exit: the time taken does not tell which secret matched.
		if hmac.Equal(got, mac.Sum(nil)) {
			valid = true
		}
	}
	return valid
}

// Sign returns the X-Hub-Signature-256 value GitHub would send for body.
func Sign(secret, body []byte) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}
