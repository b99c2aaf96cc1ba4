package aws

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/vpnscope/vpnscope/api"
)

// The Client VPN connection log, as AWS documents it in "Connection
// logging for an AWS Client VPN endpoint" (docs.aws.amazon.com/vpn/latest/
// clientvpn-admin/connection-logging.html): one JSON object per event,
// connection-log-type connection-attempt or connection-reset,
// connection-attempt-status successful / failed / waiting-for-assertion /
// NA, connection-attempt-failure-reason, and the connection's identity,
// addresses, counters and times ("NA" where a value does not apply).
// "Failed mutual authentication attempts are not logged."

// MutualAuthNotLogged is what to tell someone looking for an attempt that
// is not in the log: the service does not log failed certificate
// authentication (same page).
const MutualAuthNotLogged = "Failed mutual (certificate) authentication attempts are not logged: if an attempt is missing, check the client's certificate against the endpoint's client root certificate chain."

// ConnectionLogEntry is one event of an endpoint's connection log.
type ConnectionLogEntry struct {
	Time          time.Time // when CloudWatch Logs got it
	Type          string    // connection-attempt, connection-reset
	AttemptStatus string    // successful, failed, waiting-for-assertion, NA
	FailureReason string    // "" when NA
	ConnectionID  string
	EndpointID    string
	Transport     string
	Started       time.Time
	LastUpdate    time.Time
	Ended         time.Time
	ClientIP      string
	CommonName    string
	Username      string
	DeviceType    string
	DeviceIP      string
	Port          string
	IngressBytes  int64
	EgressBytes   int64
	Posture       []string
	PolicyResult  string // authorization-policy-evaluation.result: permit, deny, error
}

// Failed reports whether the event is a failed attempt.
func (e ConnectionLogEntry) Failed() bool { return e.AttemptStatus == "failed" }

// Who names the person behind an attempt: the username when the endpoint
// authenticates users, else the certificate's common name.
func (e ConnectionLogEntry) Who() string { return firstNonEmpty(e.Username, e.CommonName) }

// ParseConnectionLog reads one event; ok is false for a line that is not a
// connection log entry.
func ParseConnectionLog(at time.Time, message string) (ConnectionLogEntry, bool) {
	var raw map[string]json.RawMessage
	if json.Unmarshal([]byte(message), &raw) != nil {
		return ConnectionLogEntry{}, false
	}
	str := func(k string) string {
		var s string
		if json.Unmarshal(raw[k], &s) != nil || s == "NA" {
			return ""
		}
		return s
	}
	num := func(k string) int64 { n, _ := strconv.ParseInt(str(k), 10, 64); return max(n, 0) }
	e := ConnectionLogEntry{
		Time: at, Type: str("connection-log-type"), AttemptStatus: str("connection-attempt-status"),
		FailureReason: str("connection-attempt-failure-reason"), ConnectionID: str("connection-id"),
		EndpointID: str("client-vpn-endpoint-id"), Transport: str("transport-protocol"),
		Started: ParseTime(str("connection-start-time")), LastUpdate: ParseTime(str("connection-last-update-time")),
		Ended: ParseTime(str("connection-end-time")), ClientIP: str("client-ip"), CommonName: str("common-name"),
		Username: str("username"), DeviceType: str("device-type"), DeviceIP: str("device-ip"), Port: str("port"),
		IngressBytes: num("ingress-bytes"), EgressBytes: num("egress-bytes"),
	}
	if e.Type == "" {
		return ConnectionLogEntry{}, false
	}
	// posture-compliance-statuses: a list; some writers send a string.
	var posture []string
	if json.Unmarshal(raw["posture-compliance-statuses"], &posture) == nil {
		e.Posture = posture
	} else if s := str("posture-compliance-statuses"); s != "" {
		e.Posture = []string{s}
	}
	var policy struct {
		Result string `json:"result"`
	}
	if json.Unmarshal(raw["authorization-policy-evaluation"], &policy) == nil {
		e.PolicyResult = policy.Result
	}
	return api.Scrubbed(e), true // outside text, safe for the terminal
}

// FailureReason explains a documented connection-attempt-failure-reason:
// authorization-policy-deny (connection-logging.html) and the client
// connect handler's reasons (clientvpn-admin/connection-authorization.html,
// "Monitoring connection authorization failures"). ok is false for a
// reason the documentation does not list: show it as it is.
func ExplainFailureReason(reason string) (meaning, check string, ok bool) {
	switch reason {
	case "authorization-policy-deny":
		return "The endpoint's authorization policy denied the connection.",
			"the policy's rules against this user's attributes (SAML or AD) and device posture", true
	case "client-connect-failed":
		return "The client connect handler (a Lambda function) refused the connection.",
			"the handler's decision and its log for this user", true
	case "client-connect-handler-timed-out":
		return "The client connect handler timed out.", "the Lambda function's duration and timeout", true
	case "client-connect-handler-other-execution-error":
		return "The client connect handler failed with an unexpected error.", "the Lambda function's log", true
	case "client-connect-handler-throttled":
		return "The client connect handler was throttled.", "the Lambda function's concurrency limits", true
	case "client-connect-handler-invalid-response":
		return "The client connect handler returned a response that is not valid.", "what the Lambda function returns", true
	case "client-connect-handler-service-error":
		return "A service-side error happened during the attempt.", "try again; if it persists, contact AWS Support", true
	}
	return "", "", false
}
