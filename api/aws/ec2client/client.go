// Package ec2client implements aws.Client on aws-sdk-go-v2: its EC2 client
// for Site-to-Site VPN and Client VPN, its CloudWatch Logs client for their
// logs (logs_client.go). The SDK's shapes stop in mapping.go and
// s2s_mapping.go, its errors in errors.go.
package ec2client

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

// Options configure a Client.
type Options struct {
	// Endpoint overrides the EC2 endpoint ("http://127.0.0.1:8081" for the
	// emulator); empty means the region's, or AWS_ENDPOINT_URL_EC2.
	Endpoint string
	// ReadTimeout bounds one HTTP exchange (default 10 s).
	ReadTimeout time.Duration
	// Retry is vpnscope's policy for throttling and 5xx (the SDK's own
	// retries are off, so throttling looks the same on every provider).
	Retry   api.RetryPolicy
	OnRetry func(api.RetryNotice)
	// OnCall, when set, hears about each HTTP exchange (for --debug-log):
	// action, region, duration, status, request id; never a key or a
	// signature.
	OnCall func(api.CallRecord)
}

var _ aws.Client = (*Client)(nil)

// Client reads Site-to-Site and Client VPN through the EC2 API, and their
// logs through CloudWatch Logs. Region is an argument of every call, so
// switching region needs no new client.
type Client struct {
	ec2     *ec2.Client
	logs    *cloudwatchlogs.Client // logs_client.go
	sts     *sts.Client            // identity.go
	metrics *cloudwatch.Client     // metrics.go
	trail   *cloudtrail.Client     // changes.go
	retry   api.RetryPolicy
	onRetry func(api.RetryNotice)
	cgws    *cgwCache                    // cgw_cache.go
	routes  *sharedReads[aws.RouteTable] // a VPC's route tables (routetables.go)
	transit *transitReads                // transit gateway attachments and routes (transitgateways.go)
	listed  atomic.Pointer[[]api.Region] // the account's regions, when DescribeRegions was read (region_errors.go)
}

// New builds a Client from an SDK config (credentials, region, profile, as
// config.LoadDefaultConfig resolves them).
func New(cfg awssdk.Config, o Options) *Client {
	if o.ReadTimeout <= 0 {
		o.ReadTimeout = 10 * time.Second
	}
	if o.Retry.Attempts == 0 {
		o.Retry = api.DefaultRetry
	}
	c := ec2.NewFromConfig(cfg, func(opts *ec2.Options) {
		if o.Endpoint != "" {
			opts.BaseEndpoint = awssdk.String(o.Endpoint)
		}
		opts.Retryer = awssdk.NopRetryer{}
		// A transport of its own: no connection pooled by another client
		// (or left from an endpoint gone) is reused.
		opts.HTTPClient = newHTTPClient(o, "xml", maxEC2Answer)
	})
	patience := time.Duration(max(o.Retry.Attempts, 1)) * o.ReadTimeout // one call and its retries
	return &Client{ec2: c, logs: newLogsClient(cfg, o), sts: newSTSClient(cfg, o), metrics: newMetricsClient(cfg, o), trail: newTrailClient(cfg, o), retry: o.Retry, onRetry: o.OnRetry,
		cgws: newCGWCache(patience), routes: newSharedReads[aws.RouteTable](routeTTL, patience), transit: newTransitReads(patience)}
}

// Endpoint is the EC2 endpoint the client sends to, as the SDK resolved it
// (the Endpoint option, AWS_ENDPOINT_URL_EC2, AWS_ENDPOINT_URL, or
// endpoint_url in ~/.aws/config, its services section included); "" means
// the region's own HTTPS endpoint.
func (c *Client) Endpoint() string {
	if e := c.ec2.Options().BaseEndpoint; e != nil {
		return *e
	}
	return ""
}

// LogsEndpoint is the CloudWatch Logs endpoint, resolved the same way
// (AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, or a services section's
// cloudwatch_logs, in place of EC2's).
func (c *Client) LogsEndpoint() string {
	if e := c.logs.Options().BaseEndpoint; e != nil {
		return *e
	}
	return ""
}

// inRegion sends a call to region rather than the config's.
func inRegion(region string) func(*ec2.Options) {
	return func(o *ec2.Options) {
		if region != "" {
			o.Region = region
		}
	}
}

// call runs one action with vpnscope's retries and errors.
func (c *Client) call(ctx context.Context, action string, send func() error) error {
	return c.retry.Do(ctx, action, c.onRetry, func() error {
		if err := send(); err != nil {
			return c.unknownRegion(asError(action, err), err)
		}
		return nil
	})
}

// maxResults is the page size a cursor asks for, within the service's 5–1000.
func maxResults(cur api.Cursor) *int32 {
	return awssdk.Int32(int32(min(max(cur.Size(), 5), 1000)))
}

// checkRows refuses a page with more rows than cur asked for
// (api.OversizedPage).
func checkRows(action string, rows int, cur api.Cursor, md middleware.Metadata) error {
	return checkLimit(action, rows, int(*maxResults(cur)), md)
}

// checkLimit refuses an answer with more rows than limit.
func checkLimit(action string, rows, limit int, md middleware.Metadata) error {
	if rows <= limit {
		return nil
	}
	id, _ := awsmiddleware.GetRequestIDMetadata(md)
	return api.OversizedPage(action, rows, limit, id)
}

func nextToken(cur api.Cursor) *string {
	if cur.Token() == "" {
		return nil
	}
	return awssdk.String(cur.Token())
}

// page builds an api.Page from a token-paged answer; the service gives no
// total.
func page[T any](items []T, cur api.Cursor, next *string) api.Page[T] {
	p := api.Page[T]{Items: api.Scrubbed(items), Total: -1} // safe for the terminal, every list
	if next != nil && *next != "" {
		p.More, p.Next = true, api.TokenCursor(*next, cur.Size())
	}
	return p
}

// Endpoints lists the region's Client VPN endpoints.
func (c *Client) Endpoints(ctx context.Context, region string, cur api.Cursor) (api.Page[aws.Endpoint], error) {
	var out *ec2.DescribeClientVpnEndpointsOutput
	err := c.call(ctx, "DescribeClientVpnEndpoints", func() (err error) {
		out, err = c.ec2.DescribeClientVpnEndpoints(ctx, &ec2.DescribeClientVpnEndpointsInput{
			MaxResults: maxResults(cur), NextToken: nextToken(cur)}, inRegion(region))
		return err
	})
	if err == nil {
		err = checkRows("DescribeClientVpnEndpoints", len(out.ClientVpnEndpoints), cur, out.ResultMetadata)
	}
	if err != nil {
		return api.Page[aws.Endpoint]{}, err
	}
	items := make([]aws.Endpoint, len(out.ClientVpnEndpoints))
	for i, e := range out.ClientVpnEndpoints {
		items[i] = mapEndpoint(e)
	}
	return page(items, cur, out.NextToken), nil
}

// filters says a ConnectionFilter in EC2's terms.
func filters(f aws.ConnectionFilter) []types.Filter {
	var out []types.Filter
	if f.ConnectionID != "" {
		out = append(out, types.Filter{Name: awssdk.String("connection-id"), Values: []string{f.ConnectionID}})
	}
	if f.Username != "" {
		out = append(out, types.Filter{Name: awssdk.String("username"), Values: []string{f.Username}})
	}
	return out
}

// Connections lists an endpoint's client connections: active ones and
// those that ended in the last hour.
func (c *Client) Connections(ctx context.Context, region, endpointID string, f aws.ConnectionFilter, cur api.Cursor) (api.Page[aws.Connection], error) {
	var out *ec2.DescribeClientVpnConnectionsOutput
	err := c.call(ctx, "DescribeClientVpnConnections", func() (err error) {
		out, err = c.ec2.DescribeClientVpnConnections(ctx, &ec2.DescribeClientVpnConnectionsInput{
			ClientVpnEndpointId: awssdk.String(endpointID), Filters: filters(f),
			MaxResults: maxResults(cur), NextToken: nextToken(cur)}, inRegion(region))
		return err
	})
	if err == nil {
		err = checkRows("DescribeClientVpnConnections", len(out.Connections), cur, out.ResultMetadata)
	}
	if err != nil {
		return api.Page[aws.Connection]{}, err
	}
	items := make([]aws.Connection, len(out.Connections))
	for i, x := range out.Connections {
		items[i] = mapConnection(x)
	}
	return page(items, cur, out.NextToken), nil
}

// TargetNetworks lists the subnets associated with an endpoint.
func (c *Client) TargetNetworks(ctx context.Context, region, endpointID string, cur api.Cursor) (api.Page[aws.TargetNetwork], error) {
	var out *ec2.DescribeClientVpnTargetNetworksOutput
	err := c.call(ctx, "DescribeClientVpnTargetNetworks", func() (err error) {
		out, err = c.ec2.DescribeClientVpnTargetNetworks(ctx, &ec2.DescribeClientVpnTargetNetworksInput{
			ClientVpnEndpointId: awssdk.String(endpointID), MaxResults: maxResults(cur), NextToken: nextToken(cur)}, inRegion(region))
		return err
	})
	if err == nil {
		err = checkRows("DescribeClientVpnTargetNetworks", len(out.ClientVpnTargetNetworks), cur, out.ResultMetadata)
	}
	if err != nil {
		return api.Page[aws.TargetNetwork]{}, err
	}
	items := make([]aws.TargetNetwork, len(out.ClientVpnTargetNetworks))
	for i, x := range out.ClientVpnTargetNetworks {
		items[i] = mapTargetNetwork(x)
	}
	return page(items, cur, out.NextToken), nil
}

// Routes lists an endpoint's routes.
func (c *Client) Routes(ctx context.Context, region, endpointID string, cur api.Cursor) (api.Page[aws.Route], error) {
	var out *ec2.DescribeClientVpnRoutesOutput
	err := c.call(ctx, "DescribeClientVpnRoutes", func() (err error) {
		out, err = c.ec2.DescribeClientVpnRoutes(ctx, &ec2.DescribeClientVpnRoutesInput{
			ClientVpnEndpointId: awssdk.String(endpointID), MaxResults: maxResults(cur), NextToken: nextToken(cur)}, inRegion(region))
		return err
	})
	if err == nil {
		err = checkRows("DescribeClientVpnRoutes", len(out.Routes), cur, out.ResultMetadata)
	}
	if err != nil {
		return api.Page[aws.Route]{}, err
	}
	items := make([]aws.Route, len(out.Routes))
	for i, x := range out.Routes {
		items[i] = mapRoute(x)
	}
	return page(items, cur, out.NextToken), nil
}

// AuthorizationRules lists an endpoint's authorization rules.
func (c *Client) AuthorizationRules(ctx context.Context, region, endpointID string, cur api.Cursor) (api.Page[aws.AuthorizationRule], error) {
	var out *ec2.DescribeClientVpnAuthorizationRulesOutput
	err := c.call(ctx, "DescribeClientVpnAuthorizationRules", func() (err error) {
		out, err = c.ec2.DescribeClientVpnAuthorizationRules(ctx, &ec2.DescribeClientVpnAuthorizationRulesInput{
			ClientVpnEndpointId: awssdk.String(endpointID), MaxResults: maxResults(cur), NextToken: nextToken(cur)}, inRegion(region))
		return err
	})
	if err == nil {
		err = checkRows("DescribeClientVpnAuthorizationRules", len(out.AuthorizationRules), cur, out.ResultMetadata)
	}
	if err != nil {
		return api.Page[aws.AuthorizationRule]{}, err
	}
	items := make([]aws.AuthorizationRule, len(out.AuthorizationRules))
	for i, x := range out.AuthorizationRules {
		items[i] = mapAuthorizationRule(x)
	}
	return page(items, cur, out.NextToken), nil
}

// Terminate cuts one connection (connectionID) or every active connection
// of a user (username), and says what became of each.
func (c *Client) Terminate(ctx context.Context, region, endpointID, connectionID, username string) ([]aws.Termination, error) {
	in := &ec2.TerminateClientVpnConnectionsInput{ClientVpnEndpointId: awssdk.String(endpointID)}
	if connectionID != "" {
		in.ConnectionId = awssdk.String(connectionID)
	} else {
		in.Username = awssdk.String(username)
	}
	var out *ec2.TerminateClientVpnConnectionsOutput
	// Retried like the rest: terminating a connection twice is harmless
	// (the second finds nothing active to cut).
	err := c.call(ctx, "TerminateClientVpnConnections", func() (err error) {
		out, err = c.ec2.TerminateClientVpnConnections(ctx, in, inRegion(region))
		return err
	})
	if err != nil {
		return nil, err
	}
	items := make([]aws.Termination, len(out.ConnectionStatuses))
	for i, s := range out.ConnectionStatuses {
		items[i] = aws.Termination{ConnectionID: deref(s.ConnectionId), Previous: connectionStatus(s.PreviousStatus), Current: connectionStatus(s.CurrentStatus)}
	}
	return api.Scrubbed(items), nil
}

// errMalformed is an answer that is not XML at all (an HTML error page
// from a proxy): the SDK's decoder would read it as an empty answer.
var errMalformed = errors.New("the endpoint's answer is not XML")

// newHTTPClient is the HTTP client of each SDK client (EC2 answers in XML,
// CloudWatch Logs in JSON): a transport of its own, so no connection pooled
// by another client (or left from an endpoint gone) is reused; never plain
// HTTP to another machine, whatever endpoint the SDK resolved; each answer
// read whole, up to limit bytes (api.LimitAnswers); each exchange told to
// OnCall.
func newHTTPClient(o Options, contentType string, limit int64) *http.Client {
	transport := http.DefaultTransport.(*http.Transport).Clone()
	return &http.Client{Timeout: o.ReadTimeout,
		Transport: recorded{base: wholeAnswer{base: api.LimitAnswers(api.RequireHTTPS(transport), limit), contentType: contentType}, onCall: o.OnCall}}
}

// The bounds on an answer (api.LimitAnswers), well above any real one.
// DescribeVpnConnections and DescribeVpnGateways are not paged: one answer
// holds a region's every connection, each with its device configuration
// (about 10 KB): 16 MB is some 1,500 of them, 30 times the default quota
// of 50 a region. A FilterLogEvents page is at most 1 MB of events
// (CloudWatch Logs API Reference: FilterLogEvents).
const (
	maxEC2Answer  = 16 << 20
	maxLogsAnswer = 4 << 20
)

// wholeAnswer reads each answer whole before the SDK decodes it, and
// refuses a successful answer that is not of the protocol's content type,
// so an empty list is never shown in place of a broken answer.
//
// Reading whole: with its retryer off, the SDK saw about one answer in a
// hundred end mid-body with "use of closed network connection" when it
// read the body itself; read here first, not once in 500 runs under
// -race. Answers are small (a page of 1,000 connections is under 1 MB),
// and base bounds them.
type wholeAnswer struct {
	base        http.RoundTripper
	contentType string // "xml" or "json", as it appears in Content-Type
}

func (x wholeAnswer) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := x.base.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if resp.StatusCode == http.StatusOK && !strings.Contains(resp.Header.Get("Content-Type"), x.contentType) {
		return nil, errMalformed
	}
	return resp, nil
}

// recorded tells OnCall about each exchange: the SDK puts the operation
// and region in the request's context.
type recorded struct {
	base   http.RoundTripper
	onCall func(api.CallRecord)
}

func (t recorded) RoundTrip(r *http.Request) (*http.Response, error) {
	if t.onCall == nil {
		return t.base.RoundTrip(r)
	}
	start := time.Now()
	resp, err := t.base.RoundTrip(r)
	rec := api.CallRecord{Start: start, Action: awsmiddleware.GetOperationName(r.Context()),
		Region: awsmiddleware.GetRegion(r.Context()), Duration: time.Since(start)}
	switch {
	case resp != nil:
		rec.HTTPStatus = resp.StatusCode
		rec.Code, rec.RequestID = answerIdentity(resp)
	case errors.Is(err, errMalformed):
		rec.HTTPStatus, rec.Code = http.StatusOK, "MalformedResponse"
	case errors.As(err, new(*api.AnswerTooLargeError)):
		rec.Code = "AnswerTooLarge"
	case err != nil:
		rec.Code = "NoAnswer"
	}
	t.onCall(rec)
	return resp, err
}

// answerIdentity reads the error code and request id from an answer: EC2
// puts both in the XML body (<Code>, <RequestID> on errors, <requestId> on
// success), not in headers; CloudWatch Logs (JSON) puts the code in the
// X-Amzn-Errortype header or the body's __type, the id in a header. The
// body was read whole by wholeAnswer, so it is read here and put back.
func answerIdentity(resp *http.Response) (code, requestID string) {
	requestID = resp.Header.Get("x-amzn-RequestId")
	body, err := io.ReadAll(resp.Body)
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return "", requestID
	}
	if resp.StatusCode >= 300 && strings.Contains(resp.Header.Get("Content-Type"), "json") {
		return jsonErrorCode(resp.Header.Get("X-Amzn-Errortype"), body), requestID
	}
	if strings.Contains(resp.Header.Get("Content-Type"), "cbor") {
		if resp.StatusCode >= 300 {
			code = cborErrorCode(resp.Header.Get("X-Amzn-Query-Error"), body)
		}
		return code, requestID
	}
	dec := xml.NewDecoder(bytes.NewReader(body))
	var inside string
	for {
		tok, err := dec.Token()
		if err != nil {
			return code, requestID
		}
		switch t := tok.(type) {
		case xml.StartElement:
			inside = t.Name.Local
		case xml.EndElement:
			inside = ""
		case xml.CharData:
			switch {
			case inside == "Code" && code == "" && resp.StatusCode >= 300:
				code = strings.TrimSpace(string(t))
			case strings.EqualFold(inside, "RequestId") && requestID == "":
				requestID = strings.TrimSpace(string(t))
			}
		}
		if requestID != "" && (code != "" || resp.StatusCode < 300) {
			return code, requestID
		}
	}
}

// jsonErrorCode is the code of an AWS JSON protocol error: the header's, or
// the body's __type (or code), without the namespace or the ":…" suffix
// ("com.amazonaws.logs#ServiceUnavailableException" is
// ServiceUnavailableException).
func jsonErrorCode(header string, body []byte) string {
	code := header
	if code == "" {
		var e struct {
			Type string `json:"__type"`
			Code string `json:"code"`
		}
		if json.Unmarshal(body, &e) == nil {
			code = e.Type
			if code == "" {
				code = e.Code
			}
		}
	}
	code, _, _ = strings.Cut(code, ":")
	if i := strings.LastIndexByte(code, '#'); i >= 0 {
		code = code[i+1:]
	}
	return strings.TrimSpace(code)
}

// asError turns what the SDK returned into an *api.Error, classifying
// EC2's codes.
func asError(action string, err error) *api.Error {
	if errors.Is(err, errMalformed) {
		return api.ProviderError(action, api.KindServer, 200, "MalformedResponse", errMalformed.Error(), "", "")
	}
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		var de *smithy.DeserializationError
		if errors.As(err, &de) {
			return api.ProviderError(action, api.KindServer, 200, "MalformedResponse", "the endpoint's answer is not valid XML", "", "")
		}
		return api.TransportError(action, err)
	}
	status, requestID := 0, ""
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		status, requestID = re.HTTPStatusCode(), re.ServiceRequestID()
	}
	kind, hint := classify(action, status, ae.ErrorCode())
	return api.ProviderError(action, kind, status, ae.ErrorCode(), ae.ErrorMessage(), requestID, hint)
}
