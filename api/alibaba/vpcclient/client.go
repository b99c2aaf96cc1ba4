// Package vpcclient implements alibaba.Client on alibaba-cloud-sdk-go's VPC
// client; the SDK's quirks stop in mapping.go, its errors in errors.go.
package vpcclient

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"time"

	"github.com/vpnscope/vpnscope/api"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
)

// Options configure an Client.
type Options struct {
	// Endpoint overrides the service endpoint: "http://127.0.0.1:8080" for
	// the emulator, "https://vpc.example.com" for a proxy. Empty means the
	// region's public endpoint over HTTPS.
	Endpoint string
	// Credential is any SDK credential or credentials provider; nil selects
	// the SDK's default chain.
	Credential auth.Credential
	// ReadTimeout bounds one HTTP exchange (default 10 s); ConnectTimeout
	// bounds dialing (default 5 s).
	ReadTimeout, ConnectTimeout time.Duration
	// Retry is the policy for throttling and 5xx; zero means DefaultRetry.
	Retry api.RetryPolicy
	// MaxInFlight caps concurrent calls (default 4), so a burst of panes
	// opening, or watch mode, cannot storm the service.
	MaxInFlight int
	// OnRetry, when set, hears about each retry before its wait.
	OnRetry func(api.RetryNotice)
	// OnCall, when set, hears about each HTTP exchange (for --debug-log).
	OnCall func(api.CallRecord)
}

// Client implements alibaba.Client on alibaba-cloud-sdk-go's vpc package.
//
// The SDK's client rewrites its shared http.Client on every call, so one SDK
// client must not run two calls at once. Client keeps a small pool of SDK
// clients over one transport; a call borrows one, which also caps the
// number of calls in flight.
type Client struct {
	pool      chan *vpc.Client
	transport *callTransport
	retry     api.RetryPolicy
	onRetry   func(api.RetryNotice)
	onCall    func(api.CallRecord)
	cgws      *cgwCache
	domain    string      // --endpoint's host, for every service; "" for each one's own
	routes    *routeCache // the route path's reads (routes.go)
}

// New builds a client whose default region is region.
func New(region string, o Options) (*Client, error) {
	if o.ReadTimeout <= 0 {
		o.ReadTimeout = 10 * time.Second
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = 5 * time.Second
	}
	if o.MaxInFlight <= 0 {
		o.MaxInFlight = 4
	}
	if o.Retry.Attempts == 0 {
		o.Retry = api.DefaultRetry
	}
	scheme, domain, err := parseEndpoint(o.Endpoint)
	if err != nil {
		return nil, err
	}
	base := &http.Transport{
		Proxy:               http.ProxyFromEnvironment,
		DialContext:         (&net.Dialer{Timeout: o.ConnectTimeout, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout: o.ConnectTimeout,
		MaxIdleConnsPerHost: o.MaxInFlight,
		IdleConnTimeout:     90 * time.Second,
		ForceAttemptHTTP2:   true,
	}
	ct := newCallTransport(api.LimitAnswers(api.RequireHTTPS(base), maxAnswer))
	c := &Client{
		pool:      make(chan *vpc.Client, o.MaxInFlight),
		transport: ct,
		retry:     o.Retry,
		onRetry:   o.OnRetry,
		onCall:    o.OnCall,
		domain:    domain,
		cgws:      newCGWCache(time.Duration(max(o.Retry.Attempts, 1)) * (o.ConnectTimeout + o.ReadTimeout)),
		routes:    newRouteCache(),
	}
	cred := safeCredential(o.Credential) // one lock for every client below: they share the provider
	for range o.MaxInFlight {
		cfg := sdk.NewConfig().WithScheme(scheme)
		cfg.Transport = ct
		v, err := vpc.NewClientWithOptions(region, cfg, cred)
		if err != nil {
			return nil, fmt.Errorf("create VPC client: %s", api.Redact(err.Error()))
		}
		v.Domain = domain
		v.SetReadTimeout(o.ReadTimeout)
		v.SetConnectTimeout(o.ConnectTimeout)
		c.pool <- v
	}
	return c, nil
}

// maxAnswer bounds every answer (api.LimitAnswers): a page is at most 50
// rows, and 50 dual-tunnel connections with every option are under 200 KB.
const maxAnswer = 8 << 20

// parseEndpoint splits an --endpoint value into the SDK's scheme and domain.
// A bare host:port is taken as HTTPS.
func parseEndpoint(endpoint string) (scheme, domain string, err error) {
	if endpoint == "" {
		return "HTTPS", "", nil
	}
	if err := api.CheckEndpoint(endpoint); err != nil {
		return "", "", err
	}
	if !strings.Contains(endpoint, "://") {
		endpoint = "https://" + endpoint
	}
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" {
		return "", "", fmt.Errorf("endpoint %q: want http(s)://host[:port]", endpoint)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	default:
		return "", "", fmt.Errorf("endpoint %q: scheme must be http or https", endpoint)
	}
	return strings.ToUpper(u.Scheme), u.Host, nil
}

// call sends one request with retries.
func (c *Client) call(ctx context.Context, region string, req requests.AcsRequest, resp responses.AcsResponse) error {
	action := req.GetActionName()
	return c.retry.Do(ctx, action, c.onRetry, func() error {
		return c.send(ctx, action, region, req, resp)
	})
}

// send performs one HTTP exchange on a borrowed SDK client. It returns as
// soon as ctx ends; the exchange itself is aborted through callTransport.
func (c *Client) send(ctx context.Context, action, region string, req requests.AcsRequest, resp responses.AcsResponse) error {
	if err := ctx.Err(); err != nil {
		return asError(action, err)
	}
	var v *vpc.Client
	select {
	case v = <-c.pool:
	case <-ctx.Done():
		return asError(action, ctx.Err())
	}
	id, release := c.transport.register(ctx)
	req.GetHeaders()[callHeader] = id
	start := time.Now()
	done := make(chan error, 1)
	go func() {
		defer func() {
			// The SDK panics on some malformed error bodies (a numeric
			// Code); that is the endpoint's fault, not a reason to crash.
			if r := recover(); r != nil {
				done <- api.ProviderError(action, api.KindServer, 0, "MalformedResponse",
					"the endpoint's error answer could not be read", "", "")
			}
			release()
			c.pool <- v
		}()
		done <- v.DoAction(req, resp)
	}()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		err = ctx.Err()
	}
	var out *api.Error
	if err != nil {
		if e, ok := err.(*api.Error); ok {
			out = e
		} else {
			out = asError(action, err)
		}
	}
	c.record(start, action, region, resp, out)
	if out != nil {
		return out
	}
	return nil
}

func (c *Client) record(start time.Time, action, region string, resp responses.AcsResponse, e *api.Error) {
	if c.onCall == nil {
		return
	}
	r := api.CallRecord{Start: start, Action: action, Region: region, Duration: time.Since(start)}
	if e != nil {
		r.HTTPStatus, r.Code, r.RequestID = e.HTTPStatus, e.Code, e.RequestID
	} else {
		r.HTTPStatus = resp.GetHttpStatus()
		r.RequestID = requestIDOf(resp)
	}
	c.onCall(r)
}

// requestIDOf reads the RequestId every typed SDK response has.
func requestIDOf(resp responses.AcsResponse) string {
	v := reflect.ValueOf(resp)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return ""
	}
	if f := v.FieldByName("RequestId"); f.IsValid() && f.Kind() == reflect.String {
		return f.String()
	}
	return ""
}
