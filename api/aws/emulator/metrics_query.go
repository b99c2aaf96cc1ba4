package emulator

import (
	"bytes"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/smithy-go/encoding/cbor"
)

// CloudWatch's Query protocol, which older AWS CLIs and SDKs send: a
// form-encoded POST with Action=GetMetricData and Version=2010-08-01,
// lists as Name.member.N and structures as Name.Field
// (MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name),
// timestamps in ISO 8601, answered with an XML GetMetricDataResponse
// (GetMetricDataResult/MetricDataResults/member/{Id, Label,
// Timestamps/member, Values/member, StatusCode}, Messages,
// ResponseMetadata/RequestId) and errors as <ErrorResponse><Error><Type/>
// <Code/><Message/></Error><RequestId/></ErrorResponse>. (Amazon
// CloudWatch API Reference: "Making API requests" / "Query requests",
// GetMetricData and its example, and "Common Errors";
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html.)
//
// It shares the listener with EC2's own Query API, which is form-encoded
// too: a CloudWatch request is the one signed for the service
// "monitoring" (the SigV4 credential scope), and its Action is
// CloudWatch's; EC2's requests are signed for "ec2". The form is read
// into the same values the CBOR and JSON protocols decode to, so the
// three protocols answer from one getMetricData.

// metricsVersion is the CloudWatch API version a Query request names.
const metricsVersion = "2010-08-01"

// metricsXMLNS is the namespace of CloudWatch's Query answers.
const metricsXMLNS = "http://monitoring.amazonaws.com/doc/" + metricsVersion + "/"

// isMetricsQuery is a request signed for CloudWatch that is neither RPC v2
// CBOR nor JSON 1.0: the Query protocol.
func isMetricsQuery(r *http.Request) bool {
	sig, ok := parseAuthorization(r.Header.Get("Authorization"))
	return ok && sig.service == "monitoring" && r.Header.Get("X-Amz-Target") == "" &&
		!strings.HasPrefix(r.URL.Path, metricsPathPrefix)
}

// queryAction reads a Query request's form for its Action and leaves the
// body readable again for the signature check.
func queryAction(r *http.Request) string {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	r.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return ""
	}
	form, _ := url.ParseQuery(string(body))
	if a := form.Get("Action"); a != "" {
		return a
	}
	return r.URL.Query().Get("Action")
}

// decodeQuery reads the form (body and URL query) into the values
// getMetricData reads; false when it is not form-encoded.
func decodeQuery(r *http.Request, body []byte) (cbor.Map, bool) {
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, false
	}
	for k, vs := range r.URL.Query() {
		form[k] = append(form[k], vs...)
	}
	tree := map[string]any{}
	for k, vs := range form {
		setPath(tree, strings.Split(k, "."), vs[0])
	}
	m, _ := queryValue("", tree).(cbor.Map)
	return m, m != nil
}

// setPath puts v at the dotted path in a tree of maps.
func setPath(tree map[string]any, path []string, v string) {
	for _, p := range path[:len(path)-1] {
		next, ok := tree[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			tree[p] = next
		}
		tree = next
	}
	tree[path[len(path)-1]] = v
}

// queryValue turns a tree node into the value the other protocols give:
// Name.member.N a list in N's order, numbers, booleans and timestamps by
// the member's name in the GetMetricData input.
func queryValue(name string, v any) cbor.Value {
	switch x := v.(type) {
	case string:
		return queryScalar(name, x)
	case map[string]any:
		if members, ok := x["member"].(map[string]any); ok && len(x) == 1 {
			idx := make([]int, 0, len(members))
			byIdx := map[int]any{}
			for k, e := range members {
				if n, err := strconv.Atoi(k); err == nil && n >= 1 {
					idx, byIdx[n] = append(idx, n), e
				}
			}
			slices.Sort(idx)
			l := cbor.List{}
			for _, n := range idx {
				l = append(l, queryValue("", byIdx[n]))
			}
			return l
		}
		m := cbor.Map{}
		for k, e := range x {
			m[k] = queryValue(k, e)
		}
		return m
	}
	return &cbor.Nil{}
}

// queryScalar is a form value as the member's type: a value that does not
// parse stays a string, which getMetricData refuses as it would a bad one.
func queryScalar(name, s string) cbor.Value {
	switch name {
	case "Period", "MaxDatapoints":
		if n, err := strconv.ParseUint(s, 10, 64); err == nil {
			return cbor.Uint(n)
		}
	case "StartTime", "EndTime":
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			return &cbor.Tag{ID: 1, Value: cbor.Float64(float64(t.UnixMilli()) / 1e3)}
		}
	case "ReturnData":
		if b, err := strconv.ParseBool(s); err == nil {
			return cbor.Bool(b)
		}
	}
	return cbor.String(s)
}

// queryResult is GetMetricData's answer in XML.
type queryResult struct {
	XMLName   xml.Name            `xml:"GetMetricDataResponse"`
	XMLNS     string              `xml:"xmlns,attr"`
	Results   []queryMetricResult `xml:"GetMetricDataResult>MetricDataResults>member"`
	Messages  struct{}            `xml:"GetMetricDataResult>Messages"`
	RequestID string              `xml:"ResponseMetadata>RequestId"`
}

// queryMetricResult is one MetricDataResult in XML.
type queryMetricResult struct {
	ID         string   `xml:"Id"`
	Label      string   `xml:"Label"`
	Timestamps []string `xml:"Timestamps>member"`
	Values     []string `xml:"Values>member"`
	StatusCode string   `xml:"StatusCode"`
}

// writeQueryResult writes out, the map getMetricData built, as XML.
func writeQueryResult(w http.ResponseWriter, requestID string, out cbor.Map) {
	res := queryResult{XMLNS: metricsXMLNS, RequestID: requestID}
	list, _ := out["MetricDataResults"].(cbor.List)
	res.Results = make([]queryMetricResult, len(list))
	for i, v := range list {
		m, _ := v.(cbor.Map)
		r := &res.Results[i]
		r.ID, r.Label, r.StatusCode = cborString(m["Id"]), cborString(m["Label"]), cborString(m["StatusCode"])
		ts, _ := m["Timestamps"].(cbor.List)
		for _, t := range ts {
			if at, err := cbor.AsTime(t); err == nil {
				r.Timestamps = append(r.Timestamps, at.UTC().Format(time.RFC3339))
			}
		}
		vs, _ := m["Values"].(cbor.List)
		for _, x := range vs {
			f, _ := x.(cbor.Float64)
			r.Values = append(r.Values, strconv.FormatFloat(float64(f), 'f', -1, 64))
		}
	}
	raw, _ := xml.Marshal(res)
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("x-amzn-RequestId", requestID)
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, xml.Header+string(raw))
}

func cborString(v cbor.Value) string {
	s, _ := v.(cbor.String)
	return string(s)
}

// writeQueryError writes CloudWatch's Query error body, its Type Sender or
// Receiver.
func writeQueryError(w http.ResponseWriter, requestID string, e *metricsError) {
	kind := "Receiver"
	if e.sender {
		kind = "Sender"
	}
	var b strings.Builder
	b.WriteString(xml.Header + "<ErrorResponse xmlns=\"" + metricsXMLNS + "\"><Error><Type>" + kind + "</Type><Code>")
	xml.EscapeText(&b, []byte(e.code))
	b.WriteString("</Code><Message>")
	xml.EscapeText(&b, []byte(e.message))
	b.WriteString("</Message></Error><RequestId>" + requestID + "</RequestId></ErrorResponse>")
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("x-amzn-RequestId", requestID)
	w.WriteHeader(e.status)
	io.WriteString(w, b.String())
}
