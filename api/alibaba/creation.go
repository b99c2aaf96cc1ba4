package alibaba

import (
	"context"
	"fmt"
	"time"

	"github.com/vpnscope/vpnscope/api"
)

// Creating an SSL-VPN server is the service's contract, not a screen's:
// CreateSslVpnServer is idempotent per ClientToken, the gateway goes from
// updating to active while the server is set up, and a refusal names a
// parameter. Creation keeps that contract; a form drives it.

const (
	// CreationPollEvery is how often the gateway is asked for its state
	// after a create.
	CreationPollEvery = 2 * time.Second
	// CreationTimeout is how long a create may keep the gateway updating
	// before vpnscope stops waiting (the server may still come up).
	CreationTimeout = 3 * time.Minute
)

// Creation is one CreateSslVpnServer session on a gateway. A client token
// serves one request: every retry of it (a second enter, a timeout) sends
// the same token, so it can never create a second server. A request
// changed after it was sent (the service refused it, the user fixed it)
// needs a new token: "If you provide a ClientToken that has been used but
// other request parameters have changed, VPC returns the
// IdempotentParameterMismatch error code" (VPC API, How to ensure
// idempotence, help.aliyun.com/knowledge_detail/36569.html).
type Creation struct {
	newToken func() string
	token    string
	sentWith string // the request the token was last sent with
	renewed  bool   // the token replaced one sent with another request
	started  time.Time
}

// NewCreation starts a session; newToken makes a fresh ClientToken.
func NewCreation(newToken func() string) Creation {
	return Creation{newToken: newToken, token: newToken()}
}

// Token is the token the next submit sends.
func (c *Creation) Token() string { return c.token }

// Changed notes that the request is now spec: a request other than the
// one the token was sent with needs a new token.
func (c *Creation) Changed(spec SSLServerSpec) {
	if c.sentWith != "" && fingerprint(spec) != c.sentWith {
		c.token, c.sentWith, c.renewed = c.newToken(), "", true
	}
}

// Renewed reports whether Token replaced a token the service has seen
// with another request: a screen that showed the old one says why.
func (c *Creation) Renewed() bool { return c.renewed }

// Sending notes that spec goes out with Token now.
func (c *Creation) Sending(spec SSLServerSpec) { c.sentWith, c.renewed = fingerprint(spec), false }

// Submit sends spec once, bounded by timeout.
func Submit(ctx context.Context, client Client, region string, spec SSLServerSpec, token string, timeout time.Duration) (CreatedSSLServer, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	return client.CreateSSLServer(ctx, region, spec, token)
}

// Created notes that the server was made at now: the gateway updates.
func (c *Creation) Created(now time.Time) { c.started = now }

// Elapsed is how long the gateway has been updating since the create.
func (c *Creation) Elapsed(now time.Time) time.Duration { return now.Sub(c.started) }

// TimedOut reports whether the gateway has been updating too long.
func (c *Creation) TimedOut(now time.Time) bool { return c.Elapsed(now) > CreationTimeout }

// Poll asks for the gateway's state after a create; once it is active,
// for its new SSL server too.
func Poll(ctx context.Context, client Client, region, gatewayID string) (Gateway, *SSLServer, error) {
	g, err := client.Gateway(ctx, region, gatewayID)
	if err != nil || g.Status != "active" {
		return g, nil, err
	}
	server, err := client.SSLServer(ctx, region, gatewayID)
	return g, server, err
}

// Refusal reads a failed submit: retry when the same request may succeed
// (network, throttling, the service's own trouble); otherwise the service
// refused it, and field is the parameter the refusal is about ("" or
// FieldGateway when it is about the gateway as a whole).
func Refusal(err error) (e *api.Error, field string, retry bool) {
	e, ok := api.AsError(err)
	if !ok || e.Kind == api.KindNetwork || e.Kind == api.KindThrottled || e.Kind == api.KindServer {
		return e, "", true
	}
	return e, FieldOfCreateError(e.Code), false
}

// fingerprint identifies a request, to tell a retry from a changed one.
func fingerprint(s SSLServerSpec) string { return fmt.Sprintf("%#v", s) }
