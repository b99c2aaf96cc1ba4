package emulator

import (
	"bytes"
	"encoding/json"
	"hash/fnv"
	"io"
	"math"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/aws/smithy-go/encoding/cbor"
	"github.com/vpnscope/vpnscope/api/emulatorkit"
	"github.com/vpnscope/vpnscope/api/fault"
)

// CloudWatch's GetMetricData on the same listener, in Smithy RPC v2 CBOR,
// the protocol aws-sdk-go-v2's service/cloudwatch speaks: a POST to
// /service/GraniteServiceVersion20100801/operation/GetMetricData with
// Smithy-Protocol: rpc-v2-cbor, a CBOR map in and out, timestamps as tag
// 1 (epoch seconds), errors as a map with __type and message and, the
// service being query-compatible, the Query code in X-Amzn-Query-Error
// (Smithy "RPC v2 CBOR protocol"; "awsQueryCompatible trait"). SigV4 for
// service "monitoring". The AWS JSON 1.0 protocol too (X-Amz-Target:
// GraniteServiceVersion20100801.GetMetricData), which the AWS CLI v1
// sends; and the Query protocol (form-encoded Action=GetMetricData, XML
// answers) of older CLIs and SDKs (metrics_query.go).
//
// The AWS/VPN metrics are a tunnel's story told again: TunnelState is 1
// while it is up and 0 otherwise, from the same history as its telemetry
// and log (a flap in the log is a flap in the metric), and
// TunnelDataIn/Out are the bytes of the tunnel that carries the traffic.

const metricsPathPrefix = "/service/GraniteServiceVersion20100801/operation/"

// metricsAction is the one CloudWatch action served.
const metricsAction = "GetMetricData"

// metricsTargetPrefix is the AWS JSON 1.0 protocol's X-Amz-Target, which
// botocore (the AWS CLI) sends when it does not speak CBOR: the service
// lists smithy-rpc-v2-cbor, json and query (botocore's service-2.json).
const metricsTargetPrefix = "GraniteServiceVersion20100801."

func isMetrics(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, metricsPathPrefix) && r.Header.Get("Smithy-Protocol") == "rpc-v2-cbor" ||
		strings.HasPrefix(r.Header.Get("X-Amz-Target"), metricsTargetPrefix) || isMetricsQuery(r)
}

// metricsProto is how a request came: RPC v2 CBOR, JSON 1.0 or Query.
// All are read into, and answered from, the same CBOR values.
type metricsProto struct{ json, query bool }

func protoOf(r *http.Request) (metricsProto, string) {
	if isMetricsQuery(r) {
		return metricsProto{query: true}, queryAction(r)
	}
	if t, ok := strings.CutPrefix(r.Header.Get("X-Amz-Target"), metricsTargetPrefix); ok {
		return metricsProto{json: true}, t
	}
	return metricsProto{}, strings.TrimPrefix(r.URL.Path, metricsPathPrefix)
}

func (p metricsProto) decode(r *http.Request, body []byte) (cbor.Map, bool) {
	if p.query {
		return decodeQuery(r, body)
	}
	if !p.json {
		v, err := cbor.Decode(body)
		m, ok := v.(cbor.Map)
		return m, err == nil && ok
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return nil, false
	}
	m, ok := fromJSON(v).(cbor.Map)
	if ok { // JSON 1.0 sends timestamps as epoch seconds
		for _, k := range []string{"StartTime", "EndTime"} {
			if m[k] != nil {
				m[k] = &cbor.Tag{ID: 1, Value: m[k]}
			}
		}
	}
	return m, ok
}

func (p metricsProto) write(w http.ResponseWriter, status int, v cbor.Map) {
	if p.json {
		raw, _ := json.Marshal(toJSON(v))
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		w.WriteHeader(status)
		w.Write(raw)
		return
	}
	w.Header().Set("Content-Type", "application/cbor")
	w.Header().Set("Smithy-Protocol", "rpc-v2-cbor")
	w.WriteHeader(status)
	w.Write(cbor.Encode(v))
}

// fromJSON and toJSON carry a value between the two encodings.
func fromJSON(v any) cbor.Value {
	switch x := v.(type) {
	case map[string]any:
		m := cbor.Map{}
		for k, e := range x {
			m[k] = fromJSON(e)
		}
		return m
	case []any:
		l := cbor.List{}
		for _, e := range x {
			l = append(l, fromJSON(e))
		}
		return l
	case string:
		return cbor.String(x)
	case bool:
		return cbor.Bool(x)
	case json.Number:
		if n, err := x.Int64(); err == nil && n >= 0 {
			return cbor.Uint(n)
		}
		f, _ := x.Float64()
		return cbor.Float64(f)
	}
	return &cbor.Nil{}
}

func toJSON(v cbor.Value) any {
	switch x := v.(type) {
	case cbor.Map:
		m := map[string]any{}
		for k, e := range x {
			m[k] = toJSON(e)
		}
		return m
	case cbor.List:
		l := []any{}
		for _, e := range x {
			l = append(l, toJSON(e))
		}
		return l
	case cbor.String:
		return string(x)
	case cbor.Uint:
		return uint64(x)
	case cbor.Float64:
		return float64(x)
	case *cbor.Tag:
		return toJSON(x.Value)
	case cbor.Bool:
		return bool(x)
	}
	return nil
}

type metricsError struct {
	status  int
	code    string // the Query protocol's code, as X-Amzn-Query-Error says it
	sender  bool
	shape   string // the model's error shape, __type
	message string
}

func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) {
	// Another key pair's account answers from its own world.
	if sig, ok := parseAuthorization(r.Header.Get("Authorization")); ok {
		if a := s.account(sig.keyID); a != nil && a != s {
			a.serveMetrics(w, r)
			return
		}
	}
	start := time.Now()
	requestID := s.ids.Next()
	proto, action := protoOf(r)
	req := &request{action: action}
	s.serveJSONProtocol(w, r, start, req, func() {
		s.metricsFail(proto, w, requestID, badRequest("The request body could not be read."))
	}, func(body []byte, failure *fault.Fault) (int, string) {
		if failure != nil {
			return s.metricsInject(proto, w, r, body, req, requestID, failure)
		}
		return s.metricsServe(proto, w, r, body, req, requestID)
	})
}

func badRequest(msg string) *metricsError {
	return &metricsError{400, "InvalidParameterValue", true, "InvalidParameterValueException", msg}
}

func (s *Server) metricsServe(proto metricsProto, w http.ResponseWriter, r *http.Request, body []byte, req *request, requestID string) (int, string) {
	sig, ok := parseAuthorization(r.Header.Get("Authorization"))
	switch {
	case !ok || sig.keyID != s.cfg.AccessKeyID:
		return s.metricsFail(proto, w, requestID, &metricsError{403, "InvalidClientTokenId", true, "InvalidClientTokenId", "The security token included in the request is invalid."})
	case sig.service != "monitoring" || sig.signature != expectedSignature(r, body, sig, s.cfg.SecretAccessKey):
		return s.metricsFail(proto, w, requestID, &metricsError{403, "SignatureDoesNotMatch", true, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided."})
	}
	if t, ok := requestTime(r); !ok || absDuration(time.Since(t)) > 15*time.Minute {
		return s.metricsFail(proto, w, requestID, &metricsError{400, "RequestExpired", true, "RequestExpired", "Request has expired."})
	}
	if _, known := s.world[sig.region]; !known {
		return s.metricsFail(proto, w, requestID, &metricsError{403, "InvalidClientTokenId", true, "InvalidClientTokenId", "The security token included in the request is invalid."})
	}
	req.region = sig.region
	in, ok := proto.decode(r, body)
	if req.action != metricsAction || proto.query && cborString(in["Version"]) != metricsVersion {
		msg := "Unknown operation " + req.action
		if proto.query { // as the Query API words it
			msg = "Could not find operation " + req.action + " for version " + cborString(in["Version"])
		}
		return s.metricsFail(proto, w, requestID, &metricsError{400, "InvalidAction", true, "UnknownOperationException", msg})
	}
	var out cbor.Map
	var e *metricsError
	if !ok {
		return s.metricsFail(proto, w, requestID, &metricsError{400, "SerializationException", true, "SerializationException", "The request body could not be read."})
	}
	if emulatorkit.Locked(&s.mu, func() { out, e = s.getMetricData(req.region, in) }) != nil {
		e = &metricsError{500, "InternalServiceError", false, "InternalServiceFault", "Request processing has failed due to some unknown error."}
	}
	if e != nil {
		return s.metricsFail(proto, w, requestID, e)
	}
	if req.oversize {
		for _, v := range out["MetricDataResults"].(cbor.List) {
			m := v.(cbor.Map)
			for _, k := range []string{"Timestamps", "Values"} {
				l := m[k].(cbor.List)
				for range emulatorkit.OversizeFactor {
					m[k] = append(m[k].(cbor.List), l...)
				}
			}
		}
	}
	if proto.query {
		writeQueryResult(w, requestID, out)
		return http.StatusOK, ""
	}
	w.Header().Set("x-amzn-RequestId", requestID)
	proto.write(w, http.StatusOK, out)
	return http.StatusOK, ""
}

func (s *Server) metricsFail(proto metricsProto, w http.ResponseWriter, requestID string, e *metricsError) (int, string) {
	if proto.query {
		writeQueryError(w, requestID, e)
		return e.status, e.code
	}
	fault := "Receiver"
	if e.sender {
		fault = "Sender"
	}
	w.Header().Set("X-Amzn-Query-Error", e.code+";"+fault)
	w.Header().Set("x-amzn-RequestId", requestID)
	proto.write(w, e.status, cbor.Map{"__type": cbor.String("com.amazonaws.cloudwatch#" + e.shape), "message": cbor.String(e.message)})
	return e.status, e.code
}

// metricsInject answers with a fault, the way CloudWatch fails.
func (s *Server) metricsInject(proto metricsProto, w http.ResponseWriter, r *http.Request, body []byte, req *request, requestID string, f *fault.Fault) (int, string) {
	switch f.Kind {
	case fault.Throttle:
		return s.metricsFail(proto, w, requestID, &metricsError{400, "Throttling", true, "ThrottlingException", "Rate exceeded"})
	case fault.Unavailable:
		return s.metricsFail(proto, w, requestID, &metricsError{503, "ServiceUnavailable", false, "ServiceUnavailableException", "Service Unavailable"})
	case fault.Internal:
		return s.metricsFail(proto, w, requestID, &metricsError{500, "InternalServiceError", false, "InternalServiceFault", "Request processing has failed due to some unknown error."})
	case fault.Forbidden:
		return s.metricsFail(proto, w, requestID, &metricsError{403, "AccessDenied", true, "AccessDeniedException",
			"User: arn:aws:iam::" + Account + ":user/vpnscope is not authorized to perform: cloudwatch:GetMetricData"})
	case fault.NumericCode:
		return s.metricsFail(proto, w, requestID, &metricsError{400, "400", true, "400", "Bad Request"})
	case fault.Malformed:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusOK)
		io.WriteString(w, "<html><body><h1>502 Bad Gateway</h1></body></html>")
		return http.StatusOK, "malformed"
	case fault.Hang, fault.Lost:
		<-r.Context().Done()
		return 0, string(f.Kind)
	case fault.Oversize:
		req.oversize = true
		status, code := s.metricsServe(proto, w, r, body, req, requestID)
		return status, firstNonEmpty(code, "oversize")
	case fault.Truncate:
		rec := &truncating{header: http.Header{}}
		status, code := s.metricsServe(proto, rec, r, body, req, requestID)
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		w.WriteHeader(status)
		w.Write(rec.body[:len(rec.body)/2])
		return status, firstNonEmpty(code, "truncated")
	}
	return s.metricsServe(proto, w, r, body, req, requestID)
}

// metricQueryID is GetMetricData's rule for an Id: "The first character
// must be a lowercase letter" and the rest letters, digits or underscores
// (CloudWatch API Reference, MetricDataQuery).
var metricQueryID = regexp.MustCompile(`^[a-z][a-zA-Z0-9_]*$`)

// getMetricData is GetMetricData for AWS/VPN's tunnel metrics and
// AWS/ClientVPN's endpoint metrics (metrics_clientvpn.go); any other
// metric has no data (as CloudWatch answers for a metric nobody
// published). Checks from the API reference: 1 to 500 queries, unique
// ids, StartTime before EndTime, a period that is a multiple of 60, at
// most 100,800 points (the emulator does not page).
func (s *Server) getMetricData(region string, in cbor.Map) (cbor.Map, *metricsError) {
	start, err1 := cbor.AsTime(in["StartTime"])
	end, err2 := cbor.AsTime(in["EndTime"])
	if err1 != nil || err2 != nil || !start.Before(end) {
		return nil, badRequest("The parameter StartTime must be less than the parameter EndTime.")
	}
	queries, _ := in["MetricDataQueries"].(cbor.List)
	if len(queries) == 0 || len(queries) > 500 {
		return nil, badRequest("The collection MetricDataQueries must not be empty and must have at most 500 elements.")
	}
	descending := true // ScanBy's default is TimestampDescending
	if sb, _ := in["ScanBy"].(cbor.String); sb == "TimestampAscending" {
		descending = false
	}
	results, seen, points := cbor.List{}, map[string]bool{}, 0
	for _, qv := range queries {
		q, _ := qv.(cbor.Map)
		id, _ := q["Id"].(cbor.String)
		if !metricQueryID.MatchString(string(id)) || seen[string(id)] {
			return nil, badRequest("The value " + string(id) + " for parameter MetricDataQueries.member.Id is not valid or not unique.")
		}
		seen[string(id)] = true
		ms, _ := q["MetricStat"].(cbor.Map)
		metric, _ := ms["Metric"].(cbor.Map)
		period, perr := cbor.AsInt64(ms["Period"])
		stat, _ := ms["Stat"].(cbor.String)
		if ms == nil || perr != nil || period < 60 || period%60 != 0 {
			return nil, badRequest("The parameter MetricDataQueries.member.MetricStat.Period must be a multiple of 60.")
		}
		p := time.Duration(period) * time.Second
		points += int(end.Sub(start) / p)
		if points > 100800 {
			return nil, badRequest("The request asks for more than 100800 data points.")
		}
		ns, _ := metric["Namespace"].(cbor.String)
		name, _ := metric["MetricName"].(cbor.String)
		dims := map[string]string{}
		dl, _ := metric["Dimensions"].(cbor.List)
		for _, dv := range dl {
			d, _ := dv.(cbor.Map)
			n, _ := d["Name"].(cbor.String)
			val, _ := d["Value"].(cbor.String)
			dims[string(n)] = string(val)
		}
		var ts, vs cbor.List
		if ns == "AWS/VPN" && len(dims) == 2 {
			if c, k := s.tunnelByIP(region, dims["VpnId"], dims["TunnelIpAddress"]); c != nil {
				for t := start.Truncate(p); t.Before(end); t = t.Add(p) {
					if x, ok := tunnelStat(c, k, string(name), string(stat), t, p); ok {
						ts, vs = append(ts, &cbor.Tag{ID: 1, Value: cbor.Uint(t.Unix())}), append(vs, cbor.Float64(x))
					}
				}
			}
		}
		if ns == "AWS/ClientVPN" && len(dims) == 1 {
			ts, vs = s.endpointSeries(region, dims["Endpoint"], string(name), string(stat), start, end, p)
		}
		if descending {
			slices.Reverse(ts)
			slices.Reverse(vs)
		}
		label, _ := q["Label"].(cbor.String)
		if label == "" {
			label = name
		}
		results = append(results, cbor.Map{"Id": id, "Label": label, "StatusCode": cbor.String("Complete"),
			"Timestamps": orEmpty(ts), "Values": orEmpty(vs)})
	}
	return cbor.Map{"MetricDataResults": results, "Messages": cbor.List{}}, nil
}

func orEmpty(l cbor.List) cbor.List {
	if l == nil {
		return cbor.List{}
	}
	return l
}

// tunnelByIP finds a connection and the index of its tunnel.
func (s *Server) tunnelByIP(region, vpnID, ip string) (*vpnConnection, int) {
	for _, c := range s.s2s.conns[region] {
		if c.ID != vpnID {
			continue
		}
		for k, t := range c.Telemetry {
			if t.OutsideIPAddress == ip {
				return c, k
			}
		}
	}
	return nil, -1
}

// span is a time the tunnel was down, before its last status change.
type span struct{ from, to time.Time }

// pastDowns reads the outages in a tunnel's log: from an event that says
// phase 1 or phase 2 is down to the next that says both are established.
// What follows the last status change is the telemetry's own status.
func pastDowns(now time.Time, h tunnelHistory) []span {
	events := slices.Clone(h.events)
	slices.SortStableFunc(events, func(a, b historyEvent) int { return int(b.ago - a.ago) })
	var out []span
	var down *span
	for _, e := range events {
		at := now.Add(-e.ago)
		switch {
		case down == nil && (e.p1 == "Down" || e.p2 == "Down"):
			down = &span{from: at}
		case down != nil && e.p1 == "Established" && e.p2 == "Established":
			down.to = at
			out = append(out, *down)
			down = nil
		}
	}
	if down != nil {
		out = append(out, span{from: down.from, to: now}) // the telemetry's status takes over from its last change
	}
	return out
}

// noteOutage keeps the outage a status change ends, for TunnelState.
func (t *telemetry) noteOutage(now time.Time) {
	if last, err := time.Parse(telemetryTime, t.LastStatusChange); err == nil && t.Status != "UP" {
		t.downs = append(t.downs, span{from: last, to: now})
	}
	if t.Status != "UP" && t.metricsFrom.After(now) {
		t.metricsFrom = time.Time{}
	}
}

// tunnelUp says whether tunnel k was up at t, and false for ok before its
// metrics begin.
func tunnelUp(c *vpnConnection, k int, t time.Time) (up, ok bool) {
	tel := c.Telemetry[k]
	if !tel.metricsFrom.IsZero() && t.Before(tel.metricsFrom) {
		return false, false
	}
	if last, err := time.Parse(telemetryTime, tel.LastStatusChange); err == nil && !t.Before(last) {
		return tel.Status == "UP", true
	}
	for _, d := range tel.downs {
		if !t.Before(d.from) && t.Before(d.to) {
			return false, true
		}
	}
	return true, true
}

// tunnelStat is a metric of tunnel k over [t, t+p), from a sample a
// minute; false when no minute of it has data.
func tunnelStat(c *vpnConnection, k int, name, stat string, t time.Time, p time.Duration) (float64, bool) {
	var sum, n, minV, maxV float64
	minV, maxV = math.Inf(1), math.Inf(-1)
	for m := t; m.Before(t.Add(p)); m = m.Add(time.Minute) {
		x, ok := minuteSample(c, k, name, m)
		if !ok {
			continue
		}
		sum, n, minV, maxV = sum+x, n+1, min(minV, x), max(maxV, x)
	}
	if n == 0 {
		return 0, false
	}
	switch stat {
	case "Sum":
		return sum, true
	case "Minimum":
		return minV, true
	case "Maximum":
		return maxV, true
	case "SampleCount":
		return n, true
	}
	return sum / n, true
}

// minuteSample is one minute of a metric. The first tunnel up carries the
// traffic (AWS routes over one tunnel at a time unless ECMP); the other,
// while up, only its BGP keepalives and DPD. The bytes follow the time of
// day, so a window reads the same at the same clock.
func minuteSample(c *vpnConnection, k int, name string, m time.Time) (float64, bool) {
	up, ok := tunnelUp(c, k, m)
	if !ok {
		return 0, false
	}
	if name == "TunnelState" {
		return map[bool]float64{true: 1}[up], true
	}
	if name != "TunnelDataIn" && name != "TunnelDataOut" {
		return 0, false
	}
	if !up {
		return 0, true
	}
	carrier := -1
	for j := range c.Telemetry {
		if u, ok := tunnelUp(c, j, m); ok && u {
			carrier = j
			break
		}
	}
	if carrier != k {
		return 1200, true // keepalives
	}
	h := fnv.New32a()
	io.WriteString(h, c.ID+name)
	base := float64(200_000 + h.Sum32()%1_800_000) // bytes a minute
	day := float64(m.UTC().Hour()*60+m.UTC().Minute()) / 1440
	return math.Round(base * (1.1 + math.Sin(2*math.Pi*(day-0.3)))), true
}
