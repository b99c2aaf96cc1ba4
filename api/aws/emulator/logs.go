package emulator

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/vpnscope/vpnscope/api/emulatorkit"
	"github.com/vpnscope/vpnscope/api/fault"
)

// The CloudWatch Logs JSON protocol on the same listener as EC2: a POST
// with X-Amz-Target: Logs_20140328.<Action>, Content-Type
// application/x-amz-json-1.1, signed with SigV4 for service "logs".
// Errors are {"__type": code, "message": text} with X-Amzn-ErrorType, as
// the service answers and aws-sdk-go-v2 reads them. Only FilterLogEvents
// is served: vpnscope reads logs a window at a time and needs no other.

const logsTargetPrefix = "Logs_20140328."

// logsAction is the one CloudWatch Logs action served.
const logsAction = "FilterLogEvents"

// isLogs reports whether a request is for CloudWatch Logs.
func isLogs(r *http.Request) bool {
	return strings.HasPrefix(r.Header.Get("X-Amz-Target"), logsTargetPrefix)
}

func (s *Server) serveLogs(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	requestID := s.ids.Next()
	action := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), logsTargetPrefix)
	req := &request{action: action}
	s.serveJSONProtocol(w, r, start, req, func() {
		failJSON11(w, requestID, &jsonError{400, "SerializationException", "The request body could not be read."})
	}, func(body []byte, failure *fault.Fault) (int, string) {
		if failure != nil {
			return s.logsInject(w, r, body, req, requestID, failure)
		}
		return s.logsServe(w, r, body, req, requestID)
	})
}

// serveJSONProtocol is what CloudWatch Logs' and CloudWatch's protocols
// share around their own answers: the call counted, the body read (1 MB
// at most; unreadable is said by unreadable), the fault or the latency
// applied (a client gone is logged as such), then answer, logged.
func (s *Server) serveJSONProtocol(w http.ResponseWriter, r *http.Request, start time.Time, req *request, unreadable func(),
	answer func(body []byte, failure *fault.Fault) (int, string)) {
	defer s.Begin(req.action)()
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
	if err != nil {
		unreadable()
		return
	}
	failure, ok := s.faults.Admit(r.Context(), req.action)
	if !ok {
		s.log.Write(start, req.action, req.region, nil, 499, "ClientClosed")
		return
	}
	status, code := answer(body, failure)
	s.log.Write(start, req.action, req.region, nil, status, code)
}

func (s *Server) logsServe(w http.ResponseWriter, r *http.Request, body []byte, req *request, requestID string) (int, string) {
	acct, status, code, ok := s.json11Account(w, r, body, req, requestID, "logs", logsAction)
	if !ok {
		return status, code
	}
	out, e := lockedJSON11(acct, func() (any, *jsonError) { return acct.filterLogEvents(req.region, body) })
	if e != nil {
		return failJSON11(w, requestID, e)
	}
	if req.oversize {
		var in filterInput
		json.Unmarshal(body, &in) // read by filterLogEvents already
		limit := 10000
		if in.Limit != nil {
			limit = *in.Limit
		}
		out = emulatorkit.Swell(out, emulatorkit.OversizeFactor*limit)
	}
	return writeJSON11(w, requestID, out)
}

// logsInject answers with a fault, the way CloudWatch Logs fails.
func (s *Server) logsInject(w http.ResponseWriter, r *http.Request, body []byte, req *request, requestID string, f *fault.Fault) (int, string) {
	return injectJSON11(w, r, req, requestID, f,
		&jsonError{503, "ServiceUnavailableException", "The service cannot complete the request."},
		&jsonError{400, "AccessDeniedException", "User: arn:aws:iam::" + Account + ":user/vpnscope is not authorized to perform: logs:FilterLogEvents"},
		func(w http.ResponseWriter) (int, string) { return s.logsServe(w, r, body, req, requestID) })
}

// truncating records an answer, to send half of it.
type truncating struct {
	header http.Header
	body   []byte
}

func (t *truncating) Header() http.Header         { return t.header }
func (t *truncating) Write(b []byte) (int, error) { t.body = append(t.body, b...); return len(b), nil }
func (t *truncating) WriteHeader(int)             {}

type filterInput struct {
	LogGroupName        string   `json:"logGroupName"`
	LogGroupIdentifier  string   `json:"logGroupIdentifier"`
	LogStreamNames      []string `json:"logStreamNames"`
	LogStreamNamePrefix string   `json:"logStreamNamePrefix"`
	StartTime           *int64   `json:"startTime"`
	EndTime             *int64   `json:"endTime"`
	FilterPattern       string   `json:"filterPattern"`
	NextToken           string   `json:"nextToken"`
	Limit               *int     `json:"limit"`
}

type filteredEvent struct {
	LogStreamName string `json:"logStreamName"`
	Timestamp     int64  `json:"timestamp"`
	Message       string `json:"message"`
	IngestionTime int64  `json:"ingestionTime"`
	EventID       string `json:"eventId"`
}

type searchedStream struct {
	LogStreamName      string `json:"logStreamName"`
	SearchedCompletely bool   `json:"searchedCompletely"`
}

type filterOutput struct {
	Events             []filteredEvent  `json:"events"`
	SearchedLogStreams []searchedStream `json:"searchedLogStreams"`
	NextToken          string           `json:"nextToken,omitempty"`
}

// filterLogEvents is FilterLogEvents: one log group (by name, or by ARN
// without the trailing ":*"), optionally some streams or a stream prefix,
// a time window (both ends included, ms), a filter pattern, and pages of
// at most limit events (1–10,000, default 10,000), oldest first.
func (s *Server) filterLogEvents(region string, body []byte) (any, *jsonError) {
	var in filterInput
	if err := json.Unmarshal(body, &in); err != nil {
		return nil, &jsonError{400, "SerializationException", "The request body is not valid JSON."}
	}
	name := in.LogGroupName
	switch {
	case in.LogGroupName != "" && in.LogGroupIdentifier != "":
		return nil, &jsonError{400, "InvalidParameterException", "LogGroupName and LogGroupIdentifier are mutually exclusive."}
	case in.LogGroupIdentifier != "":
		name = in.LogGroupIdentifier
		if i := strings.Index(name, ":log-group:"); i >= 0 {
			name = name[i+len(":log-group:"):]
			if strings.HasSuffix(name, ":*") {
				return nil, &jsonError{400, "InvalidParameterException", "Specify the log group ARN without the trailing :*."}
			}
		}
	case name == "":
		return nil, &jsonError{400, "InvalidParameterException", "Either LogGroupName or LogGroupIdentifier must be specified."}
	}
	if len(in.LogStreamNames) > 0 && in.LogStreamNamePrefix != "" {
		return nil, &jsonError{400, "InvalidParameterException", "Cannot specify both LogStreamNames and LogStreamNamePrefix."}
	}
	limit := 10000
	if in.Limit != nil {
		if *in.Limit < 1 || *in.Limit > 10000 {
			return nil, &jsonError{400, "InvalidParameterException", "1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value between 1 and 10000"}
		}
		limit = *in.Limit
	}
	match, perr := compilePattern(in.FilterPattern)
	if perr != nil {
		return nil, perr
	}
	g := s.s2s.groups[region][name]
	if g == nil {
		return nil, &jsonError{400, "ResourceNotFoundException", "The specified log group does not exist."}
	}
	offset := 0
	if in.NextToken != "" {
		raw, err := base64.RawURLEncoding.DecodeString(in.NextToken)
		n, convErr := strconv.Atoi(strings.TrimPrefix(string(raw), "event:"))
		if err != nil || convErr != nil || !strings.HasPrefix(string(raw), "event:") || n < 0 || n > len(g.events) {
			return nil, &jsonError{400, "InvalidParameterException", "The next token is invalid."}
		}
		offset = n
	}
	out := filterOutput{Events: []filteredEvent{}}
	streams := map[string]bool{}
	i := offset
	for ; i < len(g.events) && len(out.Events) < limit; i++ {
		e := g.events[i]
		if len(in.LogStreamNames) > 0 && !contains(in.LogStreamNames, e.stream) ||
			!strings.HasPrefix(e.stream, in.LogStreamNamePrefix) ||
			in.StartTime != nil && e.at < *in.StartTime || in.EndTime != nil && e.at > *in.EndTime {
			continue
		}
		streams[e.stream] = true
		if !match(e.message) {
			continue
		}
		out.Events = append(out.Events, filteredEvent{LogStreamName: e.stream, Timestamp: e.at, Message: e.message,
			IngestionTime: e.at + 800, EventID: fmt.Sprintf("%056d", i)})
	}
	if i < len(g.events) {
		out.NextToken = base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "event:%d", i))
	}
	for name := range streams {
		out.SearchedLogStreams = append(out.SearchedLogStreams, searchedStream{LogStreamName: name, SearchedCompletely: out.NextToken == ""})
	}
	return out, nil
}

// compilePattern reads the parts of CloudWatch Logs' filter pattern syntax
// vpnscope and people at a shell use: "" (everything), terms that must all
// appear (case-sensitive), "quoted phrases", ?term alternatives, and one
// JSON comparison { $.field = "value" } (or !=).
func compilePattern(p string) (func(string) bool, *jsonError) {
	p = strings.TrimSpace(p)
	if p == "" {
		return func(string) bool { return true }, nil
	}
	bad := &jsonError{400, "InvalidParameterException", "Invalid character(s) in term '" + p + "'"}
	if strings.HasPrefix(p, "{") {
		inner, ok := strings.CutSuffix(strings.TrimPrefix(p, "{"), "}")
		if !ok {
			return nil, bad
		}
		op := "="
		field, value, found := strings.Cut(inner, "!=")
		if found {
			op = "!="
		} else if field, value, found = strings.Cut(inner, "="); !found {
			return nil, bad
		}
		field, value = strings.TrimSpace(field), strings.Trim(strings.TrimSpace(value), `"`)
		key, ok := strings.CutPrefix(field, "$.")
		if !ok || key == "" {
			return nil, bad
		}
		return func(m string) bool {
			var obj map[string]any
			if json.Unmarshal([]byte(m), &obj) != nil {
				return false
			}
			v, has := obj[key]
			eq := has && fmt.Sprint(v) == value
			return eq == (op == "=")
		}, nil
	}
	var all, any []string
	for rest := p; rest != ""; rest = strings.TrimSpace(rest) {
		optional := strings.HasPrefix(rest, "?")
		rest = strings.TrimPrefix(rest, "?")
		var term string
		if strings.HasPrefix(rest, `"`) {
			end := strings.Index(rest[1:], `"`)
			if end < 0 {
				return nil, bad
			}
			term, rest = rest[1:1+end], rest[2+end:]
		} else {
			term, rest, _ = strings.Cut(rest, " ")
		}
		if optional {
			any = append(any, term)
		} else {
			all = append(all, term)
		}
	}
	return func(m string) bool {
		for _, t := range all {
			if !strings.Contains(m, t) {
				return false
			}
		}
		if len(any) == 0 {
			return true
		}
		for _, t := range any {
			if strings.Contains(m, t) {
				return true
			}
		}
		return false
	}, nil
}
