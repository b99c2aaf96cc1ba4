package emulator

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/vpnscope/vpnscope/api/emulatorkit"
	"github.com/vpnscope/vpnscope/api/fault"
)

// CloudTrail's LookupEvents on the same listener, in the AWS JSON 1.1
// protocol aws-sdk-go-v2's service/cloudtrail speaks: a POST with
// X-Amz-Target CloudTrail_20131101.LookupEvents (its serializers.go; the
// AWS CLI sends the model's full target prefix,
// com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.), Content-Type
// application/x-amz-json-1.1, SigV4 for service "cloudtrail", timestamps as
// epoch seconds, errors as {"__type", "message"} with X-Amzn-ErrorType.
//
// The rules are the API reference's (AWS CloudTrail API Reference,
// LookupEvents, https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html):
// the last 90 days; "Currently the list can contain only one item" of
// LookupAttributes; MaxResults "1 through 50. The default is 50"; a
// StartTime after EndTime is an error; a NextToken "must be passed in with
// the same parameters that were specified in the original call"; events
// newest first.

const (
	trailTargetShort = "CloudTrail_20131101."
	trailTargetLong  = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101."
	// trailAction is the one CloudTrail action served.
	trailAction = "LookupEvents"
	// trailKeep is how far back LookupEvents looks.
	trailKeep = 90 * 24 * time.Hour
)

func trailTarget(r *http.Request) (string, bool) {
	t := r.Header.Get("X-Amz-Target")
	if a, ok := strings.CutPrefix(t, trailTargetLong); ok {
		return a, true
	}
	return strings.CutPrefix(t, trailTargetShort)
}

func isTrail(r *http.Request) bool {
	_, ok := trailTarget(r)
	return ok
}

func (s *Server) serveTrail(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	requestID := s.ids.Next()
	action, _ := trailTarget(r)
	req := &request{action: action}
	s.serveJSONProtocol(w, r, start, req, func() {
		failJSON11(w, requestID, &jsonError{400, "SerializationException", "The request body could not be read."})
	}, func(body []byte, failure *fault.Fault) (int, string) {
		if failure != nil {
			return s.trailInject(w, r, body, req, requestID, failure)
		}
		return s.trailServe(w, r, body, req, requestID)
	})
}

func (s *Server) trailServe(w http.ResponseWriter, r *http.Request, body []byte, req *request, requestID string) (int, string) {
	acct, status, code, ok := s.json11Account(w, r, body, req, requestID, "cloudtrail", trailAction)
	if !ok {
		return status, code
	}
	out, e := lockedJSON11(acct, func() (*lookupOutput, *jsonError) { return acct.lookupEvents(req.region, body) })
	if e != nil {
		return failJSON11(w, requestID, e)
	}
	if req.oversize && len(out.Events) > 0 {
		// A service that ignores MaxResults: far more events than 50.
		for one := out.Events; len(out.Events) <= emulatorkit.OversizeFactor*50; {
			out.Events = append(out.Events, one...)
		}
	}
	return writeJSON11(w, requestID, out)
}

// trailInject answers with a fault, the way CloudTrail fails.
func (s *Server) trailInject(w http.ResponseWriter, r *http.Request, body []byte, req *request, requestID string, f *fault.Fault) (int, string) {
	return injectJSON11(w, r, req, requestID, f,
		&jsonError{503, "ServiceUnavailableException", "The service is unavailable. Try again later."},
		&jsonError{400, "AccessDeniedException", "User: arn:aws:iam::" + Account + ":user/vpnscope is not authorized to perform: cloudtrail:LookupEvents because no identity-based policy allows the cloudtrail:LookupEvents action"},
		func(w http.ResponseWriter) (int, string) { return s.trailServe(w, r, body, req, requestID) })
}

type lookupAttribute struct {
	AttributeKey   string `json:"AttributeKey"`
	AttributeValue string `json:"AttributeValue"`
}

type lookupInput struct {
	LookupAttributes []lookupAttribute `json:"LookupAttributes"`
	StartTime        *float64          `json:"StartTime"`
	EndTime          *float64          `json:"EndTime"`
	EventCategory    string            `json:"EventCategory"`
	MaxResults       *int              `json:"MaxResults"`
	NextToken        string            `json:"NextToken"`
}

type trailResource struct {
	ResourceType string `json:"ResourceType"`
	ResourceName string `json:"ResourceName"`
}

// lookupEvent is an Event as LookupEvents returns it; CloudTrailEvent is
// the whole record, a JSON document in a string.
type lookupEvent struct {
	EventID         string          `json:"EventId"`
	EventName       string          `json:"EventName"`
	ReadOnly        string          `json:"ReadOnly"`
	AccessKeyID     string          `json:"AccessKeyId,omitempty"`
	EventTime       float64         `json:"EventTime"`
	EventSource     string          `json:"EventSource"`
	Username        string          `json:"Username,omitempty"`
	Resources       []trailResource `json:"Resources"`
	CloudTrailEvent string          `json:"CloudTrailEvent"`
}

type lookupOutput struct {
	Events    []lookupEvent `json:"Events"`
	NextToken string        `json:"NextToken,omitempty"`
}

// lookupKeys are the attribute keys LookupAttribute accepts
// (API_LookupAttribute.html: AttributeKey valid values).
var lookupKeys = map[string]bool{"EventId": true, "EventName": true, "ReadOnly": true, "Username": true,
	"ResourceType": true, "ResourceName": true, "EventSource": true, "AccessKeyId": true}

func (s *Server) lookupEvents(region string, body []byte) (*lookupOutput, *jsonError) {
	var in lookupInput
	if err := json.Unmarshal(body, &in); err != nil {
		return nil, &jsonError{400, "SerializationException", "The request body is not valid JSON."}
	}
	now := s.cfg.Now()
	from, to := now.Add(-trailKeep), now
	if in.StartTime != nil {
		from = epoch(*in.StartTime)
	}
	if in.EndTime != nil {
		to = epoch(*in.EndTime)
	}
	if from.After(to) {
		return nil, &jsonError{400, "InvalidTimeRangeException", "Start time must be before end time."}
	}
	switch {
	case len(in.LookupAttributes) > 1:
		return nil, &jsonError{400, "InvalidLookupAttributesException", "You can specify only one lookup attribute."}
	case len(in.LookupAttributes) == 1 && !lookupKeys[in.LookupAttributes[0].AttributeKey]:
		return nil, &jsonError{400, "InvalidLookupAttributesException", "Invalid attribute key: " + in.LookupAttributes[0].AttributeKey}
	case in.EventCategory != "" && in.EventCategory != "insight":
		return nil, &jsonError{400, "InvalidEventCategoryException", "Invalid event category: " + in.EventCategory}
	}
	limit := 50
	if in.MaxResults != nil {
		limit = *in.MaxResults
	}
	if limit < 1 || limit > 50 {
		return nil, &jsonError{400, "InvalidMaxResultsException", "MaxResults must be between 1 and 50."}
	}
	// A token names its query: the same parameters, another page.
	h := fnv.New64a()
	fmt.Fprintf(h, "%s|%v|%v|%s|%d", region, in.LookupAttributes, [2]int64{from.Unix(), to.Unix()}, in.EventCategory, limit)
	query := strconv.FormatUint(h.Sum64(), 36)
	offset := 0
	if in.NextToken != "" {
		raw, err := base64.RawURLEncoding.DecodeString(in.NextToken)
		q, n, ok := strings.Cut(string(raw), ":")
		off, perr := strconv.Atoi(n)
		if err != nil || !ok || q != query || perr != nil || off < 0 {
			return nil, &jsonError{400, "InvalidNextTokenException", "Invalid NextToken: it must come with the parameters of the call that returned it."}
		}
		offset = off
	}
	out := &lookupOutput{Events: []lookupEvent{}}
	if in.EventCategory == "insight" {
		return out, nil // the world has no Insights events
	}
	var match []*trailEvent
	for _, e := range s.trail[region] { // newest first
		if e.at.Before(from) || e.at.After(to) || e.at.Before(now.Add(-trailKeep)) {
			continue
		}
		if len(in.LookupAttributes) == 1 && !e.has(in.LookupAttributes[0]) {
			continue
		}
		match = append(match, e)
	}
	for i := offset; i < len(match) && len(out.Events) < limit; i++ {
		out.Events = append(out.Events, match[i].lookup(s.accountID, region))
	}
	if offset+limit < len(match) {
		out.NextToken = base64.RawURLEncoding.EncodeToString([]byte(query + ":" + strconv.Itoa(offset+limit)))
	}
	return out, nil
}

func epoch(sec float64) time.Time {
	whole, frac := math.Modf(sec)
	return time.Unix(int64(whole), int64(frac*1e9)).UTC()
}
