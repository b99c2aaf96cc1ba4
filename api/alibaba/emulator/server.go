// Package emulator is a local HTTP server that speaks the VPC OpenAPI as
// the service does (RPC style, signature v1) for the actions vpnscope uses.
// It is an independent implementation of the service's rules, with seeded
// data, so the real SDK can be tested against it over HTTP, and it can
// inject faults.
package emulator

import (
	"context"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/vpnscope/vpnscope/api/emulatorkit"
	"github.com/vpnscope/vpnscope/api/fault"
)

// The demo key pair, accepted when Config names none.
const (
	DemoAccessKeyID     = "LTAI5tVpnscopeDemoKey01"
	DemoAccessKeySecret = "vpnscope-demo-secret-not-a-real-key"
)

// Config sets up a Server.
type Config struct {
	AccessKeyID, AccessKeySecret string // default: the demo pair
	// Accounts are further key pairs, each an account of its own with its
	// own world (accounts.go).
	Accounts []KeyPair
	// Now is the data clock: fixtures are built relative to it and
	// timestamps in answers come from it. Default time.Now. Tests fix it so
	// golden screens are stable. Signature timestamps are always checked
	// against the wall clock.
	Now func() time.Time
	// Latency is added to every answer (the demo uses tens of ms).
	Latency time.Duration
	Faults  []Fault
	// UpdateDuration is how long a gateway stays "updating" after a
	// configuration change (default 3 s).
	UpdateDuration time.Duration
	// Log, when set, gets one line per request.
	Log io.Writer
	// ScaleConnections, when set, adds a gateway "scale-test" in
	// cn-hangzhou with this many connections, made on demand from their
	// index (never stored), for benchmarks at 100,000 rows.
	ScaleConnections int
	// ClockSkew moves the emulator's wall clock, as seen by the signature
	// check, to test a client whose clock is off.
	ClockSkew time.Duration
	// Churn, when set, flaps a tunnel and connects and disconnects an SSL
	// client this often (the demo uses it to show watch mode).
	Churn time.Duration
}

// Server is the emulator's http.Handler.
type Server struct {
	emulatorkit.Counter // Calls and PeakInFlight
	cfg                 Config
	faults              *emulatorkit.Faults
	log                 *emulatorkit.RequestLog
	nonces              *nonceGuard
	wall                func() time.Time // the signature clock: time.Now but in tests
	accounts            []*Server        // each further key pair's, with its own world (accounts.go)

	mu      sync.Mutex
	world   map[string]*regionData
	tokens  map[string]tokenResult // ClientToken -> first result
	serial  int
	ids     *emulatorkit.RequestIDs
	handler map[string]func(*request) (any, *apiError)
	trail   map[string][]*trailEvent // ActionTrail's events, newest first (actiontrail.go)
}

// New builds a Server with its seeded world.
func New(cfg Config) *Server {
	if cfg.AccessKeyID == "" {
		cfg.AccessKeyID, cfg.AccessKeySecret = DemoAccessKeyID, DemoAccessKeySecret
	}
	cfg.Now = emulatorkit.OrNow(cfg.Now)
	if cfg.UpdateDuration <= 0 {
		cfg.UpdateDuration = 3 * time.Second
	}
	s := &Server{
		cfg:    cfg,
		faults: emulatorkit.NewFaults(cfg.Faults, cfg.Latency),
		world:  buildWorld(cfg.Now(), cfg.ScaleConnections),
		log: emulatorkit.NewRequestLog(cfg.Log, "VpnGatewayId", "VpnConnectionId", "TunnelId",
			"PageNumber", "PageSize", "MaxResults", "NextToken", "ClientToken"),
		wall:   time.Now,
		tokens: map[string]tokenResult{},
		ids:    emulatorkit.NewRequestIDs(),
	}
	s.nonces = newNonceGuard(func() time.Time { return s.wall() }, nonceWindow, maxNonces)
	s.handler = map[string]func(*request) (any, *apiError){
		"DescribeRegions":           s.describeRegions,
		"DescribeVpnGateways":       s.describeVpnGateways,
		"DescribeVpnGateway":        s.describeVpnGateway,
		"DescribeVpnConnections":    s.describeVpnConnections,
		"DescribeSslVpnClients":     s.describeSslVpnClients,
		"ListIpsecServers":          s.listIpsecServers,
		"DescribeSslVpnServers":     s.describeSslVpnServers,
		"DescribeVpnConnectionLogs": s.describeVpnConnectionLogs,
		"CreateSslVpnServer":        s.createSslVpnServer,
		"DiagnoseVpnConnections":    s.diagnoseVpnConnections,
		"DescribeCustomerGateways":  s.describeCustomerGateways,
		"DescribeMetricList":        s.describeMetricList, // CloudMonitor (cms.go)
		"DescribeMetricMetaList":    s.describeMetricMetaList,
		"LookupEvents":              s.lookupEvents, // ActionTrail (actiontrail.go)
		// The route path (routes.go).
		"DescribeVpnRouteEntries":    s.describeVpnRouteEntries,
		"DescribeVpnPbrRouteEntries": s.describeVpnPbrRouteEntries,
		"DescribeRouteTableList":     s.describeRouteTableList,
		"DescribeRouteEntryList":     s.describeRouteEntryList,
	}
	s.trail = buildTrail(cfg.Now(), s.world)
	return withAccounts(s)
}

// SetFaults replaces the injected faults (and resets their counters).
func (s *Server) SetFaults(faults ...Fault) { s.faults.Set(faults) }

// request is one parsed call.
type request struct {
	action, region string
	params         url.Values
	ctx            context.Context
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	requestID := s.requestID()
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		s.writeError(w, requestID, errf(400, "InvalidParameter", "The request body could not be read."))
		return
	}
	req := &request{action: r.Form.Get("Action"), region: r.Form.Get("RegionId"), params: r.Form, ctx: r.Context()}
	defer s.Begin(req.action)()
	status, code := s.accountFor(r.Form.Get("AccessKeyId")).serve(w, r, req, requestID)
	s.log.Write(start, req.action, req.region, req.params, status, code)
}

// serve answers one request and returns what it answered, for the log.
func (s *Server) serve(w http.ResponseWriter, r *http.Request, req *request, requestID string) (int, string) {
	if err := s.authenticate(r.Method, req.params); err != nil {
		return s.writeError(w, requestID, err)
	}
	h, ok := s.handler[req.action]
	if !ok {
		return s.writeError(w, requestID, errf(404, "InvalidApi.NotFound", "Specified api is not found, please check your url and method."))
	}
	fault, ok := s.faults.Admit(r.Context(), req.action)
	if !ok {
		return 499, "ClientClosed"
	}
	if fault != nil {
		if done, status, code := s.injectBefore(w, r, requestID, fault); done {
			return status, code
		}
	}
	if req.region == "" {
		return s.writeError(w, requestID, missing("RegionId"))
	}
	if _, ok := s.world[req.region]; !ok && req.action != "DescribeRegions" {
		return s.writeError(w, requestID, errf(404, "InvalidRegionId.NotFound", "The specified region is not found during access authentication."))
	}
	var body any
	var apiErr *apiError
	if emulatorkit.Locked(&s.mu, func() { body, apiErr = h(req) }) != nil {
		return s.writeError(w, requestID, internalError())
	}
	if fault != nil && fault.Kind == FaultLost {
		// The change is made, but the answer is lost: the client can only
		// time out, and must retry with the same ClientToken.
		emulatorkit.Hang(r.Context())
		return 499, "lost"
	}
	if apiErr != nil {
		return s.writeError(w, requestID, apiErr)
	}
	code := ""
	if fault != nil && fault.Kind == FaultOversize {
		body, code = oversized(body, req.params), "oversize"
	}
	out, err := json.Marshal(withRequestID(body, requestID))
	if err != nil {
		return s.writeError(w, requestID, internalError())
	}
	if fault != nil && fault.Kind == FaultTruncate {
		out, code = out[:len(out)/2], "truncated"
	}
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.WriteHeader(http.StatusOK)
	w.Write(out)
	return http.StatusOK, code
}

// authenticate checks the signature the way the service does.
func (s *Server) authenticate(method string, p url.Values) *apiError {
	sig := p.Get("Signature")
	keyID := p.Get("AccessKeyId")
	if sig == "" || keyID == "" || p.Get("SignatureNonce") == "" || p.Get("Timestamp") == "" {
		return errf(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards.")
	}
	if keyID != s.cfg.AccessKeyID {
		return errf(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
	}
	if p.Get("SignatureMethod") != "HMAC-SHA1" || p.Get("SignatureVersion") != "1.0" {
		return errf(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards.")
	}
	sts := stringToSign(method, p)
	if sign(sts, s.cfg.AccessKeySecret) != sig {
		return errf(400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation. server string to sign is:%s", sts)
	}
	ts, err := time.Parse("2006-01-02T15:04:05Z", p.Get("Timestamp"))
	if err != nil {
		return errf(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.")
	}
	if d := s.wall().Add(s.cfg.ClockSkew).Sub(ts); d > 15*time.Minute || d < -15*time.Minute {
		return errf(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.")
	}
	if !s.nonces.firstUse(p.Get("SignatureNonce")) {
		return errf(400, "SignatureNonceUsed", "Specified signature nonce was used already.")
	}
	return nil
}

func (s *Server) writeError(w http.ResponseWriter, requestID string, e *apiError) (int, string) {
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.WriteHeader(e.Status)
	json.NewEncoder(w).Encode(errorBody{RequestId: requestID, HostId: "vpc.aliyuncs.com", Code: e.Code,
		Message: e.Message, Recommend: "https://api.aliyun.com/troubleshoot?q=" + e.Code + "&product=Vpc"})
	return e.Status, e.Code
}

// withRequestID adds RequestId to an answer body.
func withRequestID(body any, id string) any {
	if m, ok := body.(map[string]any); ok {
		m["RequestId"] = id
		return m
	}
	return body
}

// Running is an emulator serving on a loopback port.
type Running struct {
	*Server
	*emulatorkit.Listener // URL, Addr, Close (which ends hung requests and churn too)
}

// Actions are the actions the emulator serves, sorted.
func (s *Server) Actions() []string { return slices.Sorted(maps.Keys(s.handler)) }

// Start serves a new emulator on addr ("127.0.0.1:0" picks a free port).
// It refuses a fault naming an action it does not serve (fault.CheckActions).
func Start(addr string, cfg Config) (*Running, error) {
	s := New(cfg)
	if err := fault.CheckActions(cfg.Faults, s.Actions()); err != nil {
		return nil, err
	}
	l, err := emulatorkit.Serve(addr, s, cfg.Churn, s.churnTick())
	if err != nil {
		return nil, err
	}
	return &Running{Server: s, Listener: l}, nil
}
