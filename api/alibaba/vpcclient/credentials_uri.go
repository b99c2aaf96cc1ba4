package vpcclient

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/vpnscope/vpnscope/api"
)

// CredentialsURIEnv is the variable the Alibaba Cloud credential chain reads
// a credentials URI from: a local service that answers STS credentials as
// JSON (AccessKeyId, AccessKeySecret, SecurityToken, Expiration).
const CredentialsURIEnv = "ALIBABA_CLOUD_CREDENTIALS_URI"

// maxCredentialsAnswer bounds what is read from the credentials URI: its
// answer is four short fields; anything near this is not credentials.
const maxCredentialsAnswer = 64 << 10

// uriCredentials does what the SDK's URLCredentialsProvider does, under
// vpnscope's rules: the plain-HTTP rule of every endpoint (an STS token in
// clear only to this machine), a bounded answer, and errors that name the
// URI's host (never its path or query, which may carry a token, nor the
// answer, which carries the keys). The SDK's provider prints its errors on
// stdout, which breaks `problems --json`.
type uriCredentials struct {
	url    string
	host   string
	client *http.Client

	mu      sync.Mutex
	cached  *credentials.Credentials
	expires time.Time
}

// NewURICredentials checks uri by the plain-HTTP rule and returns a
// provider that fetches from it on first use and again before expiry.
func NewURICredentials(uri string) (credentials.CredentialsProvider, error) {
	u, err := url.Parse(uri)
	if err != nil || u.Host == "" || !strings.Contains(uri, "://") {
		return nil, fmt.Errorf("%s: want http://127.0.0.1:PORT/… (a local service) or https://…", CredentialsURIEnv)
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
	case "http":
		if !api.IsLoopbackHost(u.Hostname()) {
			return nil, fmt.Errorf("%s: plain http to %s would carry the STS token in clear; "+
				"plain http is allowed only to this machine (localhost, 127.0.0.0/8, ::1): use https://", CredentialsURIEnv, api.Printable(u.Host))
		}
	default:
		return nil, fmt.Errorf("%s: the scheme must be https (or http to this machine)", CredentialsURIEnv)
	}
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	base := &http.Transport{Proxy: http.ProxyFromEnvironment, DialContext: dialer.DialContext, TLSHandshakeTimeout: 5 * time.Second}
	return &uriCredentials{
		url:  uri,
		host: api.Printable(u.Host),
		// As the SDK's provider: 5 s to connect, 10 s to read. RequireHTTPS
		// holds each redirect to the same rule.
		client: &http.Client{Timeout: 15 * time.Second, Transport: api.RequireHTTPS(base)},
	}, nil
}

// CredentialsURIError is a failure to get credentials from the credentials
// URI. It names the host, so a finding blames the credentials service, not
// the VPC endpoint.
type CredentialsURIError struct {
	Host   string
	Reason string
}

func (e *CredentialsURIError) Error() string {
	return fmt.Sprintf("no credentials from %s (host %s): %s", CredentialsURIEnv, e.Host, e.Reason)
}

func (p *uriCredentials) GetProviderName() string { return "credential_uri" }

func (p *uriCredentials) GetCredentials() (*credentials.Credentials, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	// As the SDK: fetch again within 3 minutes of expiry.
	if p.cached != nil && time.Until(p.expires) > 3*time.Minute {
		c := *p.cached
		return &c, nil
	}
	c, expires, err := p.fetch()
	if err != nil {
		return nil, err
	}
	p.cached, p.expires = c, expires
	out := *c
	return &out, nil
}

func (p *uriCredentials) fetch() (*credentials.Credentials, time.Time, error) {
	fail := func(format string, args ...any) (*credentials.Credentials, time.Time, error) {
		return nil, time.Time{}, &CredentialsURIError{Host: p.host, Reason: fmt.Sprintf(format, args...)}
	}
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, p.url, nil)
	if err != nil {
		return fail("the URI cannot be requested")
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return fail("%s", transportReason(err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxCredentialsAnswer+1))
	if err != nil {
		return fail("the answer broke off: %s", transportReason(err))
	}
	if len(body) > maxCredentialsAnswer {
		return fail("the answer is larger than %d KB, so it is not credentials", maxCredentialsAnswer>>10)
	}
	if resp.StatusCode != http.StatusOK {
		return fail("it answered HTTP %d", resp.StatusCode)
	}
	var answer struct{ AccessKeyId, AccessKeySecret, SecurityToken, Expiration string }
	if json.Unmarshal(body, &answer) != nil {
		return fail("the answer is not JSON")
	}
	if answer.AccessKeyId == "" || answer.AccessKeySecret == "" || answer.SecurityToken == "" || answer.Expiration == "" {
		return fail("the answer lacks AccessKeyId, AccessKeySecret, SecurityToken or Expiration")
	}
	expires, err := time.Parse("2006-01-02T15:04:05Z", answer.Expiration)
	if err != nil {
		return fail("Expiration %s is not a UTC time (2006-01-02T15:04:05Z)", api.Printable(truncate(answer.Expiration, 40)))
	}
	return &credentials.Credentials{AccessKeyId: answer.AccessKeyId, AccessKeySecret: answer.AccessKeySecret,
		SecurityToken: answer.SecurityToken, ProviderName: p.GetProviderName()}, expires, nil
}

// transportReason says why a request got no answer, without the URL (its
// query may hold a token).
func transportReason(err error) string {
	if ue, ok := err.(*url.Error); ok {
		err = ue.Err
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "connection refused"):
		return "connection refused: nothing listens there"
	case strings.Contains(msg, "Client.Timeout") || strings.Contains(msg, "deadline exceeded") || strings.Contains(msg, "i/o timeout"):
		return "no answer in time"
	}
	return api.Printable(api.Redact(msg))
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
