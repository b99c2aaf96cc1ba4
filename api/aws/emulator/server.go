// Package emulator is an independent implementation, on one loopback
// listener, of the EC2 Query API's Site-to-Site VPN and Client VPN actions
// (form-encoded requests, SigV4 verified against its key pair, XML answers
// in the service's shapes, EC2's error codes, MaxResults/NextToken paging
// and DryRun) and of the CloudWatch Logs JSON API that holds their logs.
// Any standard AWS client pointed at it with an endpoint override works,
// not only vpnscope's.
package emulator

import (
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/vpnscope/vpnscope/api/emulatorkit"
	"github.com/vpnscope/vpnscope/api/fault"
)

// The key pair the emulator accepts unless configured otherwise.
const (
	DemoAccessKeyID     = "AKIAVPNSCOPEDEMO0001"
	DemoSecretAccessKey = "vpnscope/demo/secret/not/a/real/key/0001"
)

// apiVersion is the EC2 API version every request must name.
const apiVersion = "2016-11-15"

// Config sets up a Server.
type Config struct {
	AccessKeyID, SecretAccessKey string // default: the demo pair
	// Accounts are further key pairs, each an account of its own: its own
	// account id and its own seeded world. The first key pair's world is
	// the one it always was.
	Accounts []KeyPair
	// Now is the data clock (default time.Now); signatures are checked
	// against the wall clock.
	Now func() time.Time
	// Latency is added to every answer.
	Latency time.Duration
	// TerminateAfter is how long a terminated connection stays
	// "terminating" (default 2 s).
	TerminateAfter time.Duration
	// Faults are injected failures (the same --fault syntax as the Alibaba
	// emulator), answered the way EC2 fails.
	Faults []fault.Fault
	// Churn, when set, connects and disconnects a client this often, so
	// watch mode has something to show.
	Churn time.Duration
	// Log, when set, gets one line per request.
	Log io.Writer
}

// Server answers the EC2 Query API's Site-to-Site and Client VPN actions,
// and CloudWatch Logs'.
type Server struct {
	emulatorkit.Counter // Calls and PeakInFlight
	cfg                 Config
	accountID           string    // 12 digits
	accounts            []*Server // every key pair's world, this one first (accounts.go)
	faults              *emulatorkit.Faults
	log                 *emulatorkit.RequestLog
	mu                  sync.Mutex
	world               map[string][]*endpoint
	ending              map[*connection]time.Time // terminating until then
	churned             int
	ids                 *emulatorkit.RequestIDs
	handlers            map[string]func(*request) (any, *apiError)
	s2s                 *s2sWorld // Site-to-Site VPN and the log groups (s2s_world.go)

	// CloudTrail's events per region, newest first (cloudtrail_world.go).
	trail map[string][]*trailEvent
}

// request is one call: its action, region and parameters.
type request struct {
	action string
	region string
	params url.Values
	// oversize: answer as a service that ignores the page size (the
	// oversize fault), each list OversizeFactor times the rows asked for.
	oversize bool
}

// New builds a Server with its seeded world.
func New(cfg Config) *Server {
	cfg.Now = emulatorkit.OrNow(cfg.Now)
	if cfg.AccessKeyID == "" {
		cfg.AccessKeyID, cfg.SecretAccessKey = DemoAccessKeyID, DemoSecretAccessKey
	}
	if cfg.TerminateAfter <= 0 {
		cfg.TerminateAfter = 2 * time.Second
	}
	s := newAccount(cfg, 0, emulatorkit.NewFaults(cfg.Faults, cfg.Latency),
		emulatorkit.NewRequestLog(cfg.Log, "ClientVpnEndpointId", "ConnectionId", "MaxResults", "NextToken"), emulatorkit.NewRequestIDs())
	s.accounts = []*Server{s}
	for i, k := range cfg.Accounts {
		one := cfg
		one.AccessKeyID, one.SecretAccessKey = k.AccessKeyID, k.SecretAccessKey
		s.accounts = append(s.accounts, newAccount(one, uint64(i+1), s.faults, s.log, s.ids))
	}
	return s
}

// newAccount is account n's world and handlers, answering with the
// front's faults, request log and request ids.
func newAccount(cfg Config, n uint64, faults *emulatorkit.Faults, log *emulatorkit.RequestLog, ids *emulatorkit.RequestIDs) *Server {
	s := &Server{cfg: cfg, accountID: accountID(n), world: buildWorld(cfg.Now(), n), ending: map[*connection]time.Time{},
		ids: ids, faults: faults, log: log}
	s.handlers = map[string]func(*request) (any, *apiError){
		"DescribeClientVpnEndpoints":          s.describeEndpoints,
		"DescribeClientVpnConnections":        s.describeConnections,
		"DescribeClientVpnTargetNetworks":     s.describeTargetNetworks,
		"DescribeClientVpnRoutes":             s.describeRoutes,
		"DescribeClientVpnAuthorizationRules": s.describeAuthorizationRules,
		"TerminateClientVpnConnections":       s.terminateConnections,
	}
	s.s2s = buildS2S(cfg.Now(), s.world, n)
	maps.Copy(s.handlers, s.s2sHandlers())
	maps.Copy(s.handlers, s.tgwHandlers())                                        // transitgateways.go
	s.handlers["GetVpnTunnelReplacementStatus"] = s.getVpnTunnelReplacementStatus // maintenance.go
	s.trail = buildTrail(cfg.Now(), s.s2s, s.world, n)
	return s
}

// SetFaults replaces the injected faults (and resets their counters).
func (s *Server) SetFaults(faults ...fault.Fault) { s.faults.Set(faults) }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if isLogs(r) {
		s.serveLogs(w, r) // CloudWatch Logs' JSON protocol (logs.go)
		return
	}
	if isSTS(r) {
		s.serveSTS(w, r) // STS GetCallerIdentity (sts.go)
		return
	}
	if isMetrics(r) {
		s.serveMetrics(w, r) // CloudWatch's RPC v2 CBOR protocol (metrics.go)
		return
	}
	if isTrail(r) {
		s.serveTrail(w, r) // CloudTrail's JSON 1.1 protocol (cloudtrail.go)
		return
	}
	start := time.Now()
	requestID := s.ids.Next()
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
	if err != nil {
		s.fail(w, requestID, errf(400, "InvalidRequest", "The request body could not be read."))
		return
	}
	params, err := url.ParseQuery(string(body))
	if err != nil {
		s.fail(w, requestID, errf(400, "InvalidQueryParameter", "The request body is not form-encoded."))
		return
	}
	for k, vs := range r.URL.Query() {
		params[k] = append(params[k], vs...)
	}
	req := &request{action: params.Get("Action"), params: params}
	defer s.Begin(req.action)()
	failure, ok := s.faults.Admit(r.Context(), req.action)
	if !ok {
		s.log.Write(start, req.action, req.region, req.params, 499, "ClientClosed")
		return
	}
	var status int
	var code string
	if failure != nil {
		status, code = s.inject(w, r, body, req, requestID, failure)
	} else {
		status, code = s.serve(w, r, body, req, requestID)
	}
	s.log.Write(start, req.action, req.region, req.params, status, code)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request, body []byte, req *request, requestID string) (int, string) {
	region, acct, e := s.authenticate(r, body)
	if e != nil {
		return s.fail(w, requestID, e)
	}
	req.region = region
	h, ok := acct.handlers[req.action]
	switch {
	case !ok:
		return s.fail(w, requestID, errf(400, "InvalidAction", "The action %s is not valid for this web service.", req.action))
	case req.params.Get("Version") != apiVersion:
		return s.fail(w, requestID, errf(400, "InvalidParameterValue", "Version %q is not supported: use %s.", req.params.Get("Version"), apiVersion))
	case strings.EqualFold(req.params.Get("DryRun"), "true"):
		return s.fail(w, requestID, errf(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set."))
	}
	var out any
	if emulatorkit.Locked(&acct.mu, func() { out, e = h(req) }) != nil {
		e = errf(500, "InternalError", "An internal error has occurred.")
	}
	if e != nil {
		return s.fail(w, requestID, e)
	}
	if req.oversize {
		asked, _ := maxResults(req) // checked by the action
		out = emulatorkit.Swell(out, emulatorkit.OversizeFactor*asked)
	}
	return s.answer(w, req.action, requestID, out)
}

// authenticate checks the SigV4 signature and the key, and returns the
// region the request was signed for and the key's account, whose world
// answers it.
func (s *Server) authenticate(r *http.Request, body []byte) (string, *Server, *apiError) {
	denied := errf(401, "AuthFailure", "AWS was not able to validate the provided access credentials")
	sig, ok := parseAuthorization(r.Header.Get("Authorization"))
	if !ok {
		return "", nil, denied
	}
	acct := s.account(sig.keyID)
	if acct == nil {
		return "", nil, denied
	}
	if t, ok := requestTime(r); !ok || absDuration(time.Since(t)) > 15*time.Minute {
		return "", nil, errf(400, "RequestExpired", "Request has expired: the signing time is more than 15 minutes from the service's time.")
	}
	if sig.service != "ec2" || sig.signature != expectedSignature(r, body, sig, acct.cfg.SecretAccessKey) {
		return "", nil, denied
	}
	if _, known := acct.world[sig.region]; !known {
		return "", nil, denied
	}
	return sig.region, acct, nil
}

func absDuration(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// answer writes a successful response: <ActionResponse> with requestId.
func (s *Server) answer(w http.ResponseWriter, action, requestID string, out any) (int, string) {
	var b strings.Builder
	b.WriteString(xml.Header)
	fmt.Fprintf(&b, "<%sResponse xmlns=\"http://ec2.amazonaws.com/doc/%s/\">", action, apiVersion)
	fmt.Fprintf(&b, "<requestId>%s</requestId>", requestID)
	inner, err := xml.Marshal(out)
	if err != nil {
		return s.fail(w, requestID, errf(500, "InternalError", "An internal error has occurred."))
	}
	// The record marshals as <body>…</body>; its children are the answer.
	b.WriteString(strings.TrimSuffix(strings.TrimPrefix(string(inner), "<body>"), "</body>"))
	fmt.Fprintf(&b, "</%sResponse>", action)
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	w.Header().Set("x-amzn-RequestId", requestID)
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, b.String())
	return http.StatusOK, ""
}

// apiError is an EC2 error: its HTTP status, code and message.
type apiError struct {
	status  int
	code    string
	message string
}

func errf(status int, code, format string, args ...any) *apiError {
	return &apiError{status: status, code: code, message: fmt.Sprintf(format, args...)}
}

// fail writes EC2's error body:
// <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>.
func (s *Server) fail(w http.ResponseWriter, requestID string, e *apiError) (int, string) {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString("<Response><Errors><Error><Code>")
	xml.EscapeText(&b, []byte(e.code))
	b.WriteString("</Code><Message>")
	xml.EscapeText(&b, []byte(e.message))
	b.WriteString("</Message></Error></Errors><RequestID>" + requestID + "</RequestID></Response>")
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	w.WriteHeader(e.status)
	io.WriteString(w, b.String())
	return e.status, e.code
}

// Running is a Server listening on an address.
type Running struct {
	*Server
	*emulatorkit.Listener // URL, Addr, Close (which stops the churn too)
}

// Actions are the actions the emulator serves, sorted: EC2's, and
// CloudWatch Logs' FilterLogEvents.
func (s *Server) Actions() []string {
	return slices.Sorted(slices.Values(append(slices.Collect(maps.Keys(s.handlers)), logsAction, metricsAction, trailAction)))
}

// Start serves on addr ("127.0.0.1:0" picks a port). It refuses a fault
// naming an action it does not serve (fault.CheckActions), and two
// accounts with one key id.
func Start(addr string, cfg Config) (*Running, error) {
	s := New(cfg)
	if err := s.checkKeys(); err != nil {
		return nil, err
	}
	if err := fault.CheckActions(cfg.Faults, s.Actions()); err != nil {
		return nil, err
	}
	l, err := emulatorkit.Serve(addr, s, cfg.Churn, s.churnTick)
	if err != nil {
		return nil, err
	}
	return &Running{Server: s, Listener: l}, nil
}
