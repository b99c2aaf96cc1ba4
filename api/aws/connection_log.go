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
// NA, connection-attempt-failure-reason, the authorization policy's
// evaluation (result permit / deny / error, evaluation-type
// connection-attempt or periodic, shadow-mode), and the connection's
// identity, addresses, counters and times ("NA" where a value does not
// apply). "Failed mutual authentication attempts are not logged."

// MutualAuthNotLogged is what to tell someone looking for an attempt that
// is not in the log: the service does not log failed certificate
// authentication (same page); and an expired client certificate
// revocation list fails every one of them ("Client software returns TLS
// error", clientvpn-admin troubleshooting.html; CrlDaysToExpiry in
// monitoring-cloudwatch.html counts the days left).
const MutualAuthNotLogged = "Failed mutual (certificate) authentication attempts are not logged: if an attempt is missing, " +
	"check the client's certificate against the endpoint's client root certificate chain, and the endpoint's client " +
	"certificate revocation list: once it has expired every TLS handshake fails (CrlDaysToExpiry says when)."

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
	PolicyType    string // evaluation-type: connection-attempt, periodic
	PolicyShadow  string // shadow-mode: enabled (decisions recorded, not enforced), disabled
}

// Failed reports whether the event is a failure: a failed attempt, or a
// session the authorization policy reset (PolicyReset).
func (e ConnectionLogEntry) Failed() bool { return e.AttemptStatus == "failed" || e.PolicyReset() }

// PolicyReset reports a connection-reset the authorization policy made:
// its evaluation (periodic, during the session) said deny or error, and
// shadow mode did not hold it back. connection-logging.html: "a session
// that was terminated when a periodic re-evaluation of the authorization
// policy no longer met the requirements" logs connection-reset with
// connection-attempt-status NA; "When disabled, Client VPN enforces deny
// and error decisions."
func (e ConnectionLogEntry) PolicyReset() bool {
	return e.Type == "connection-reset" && (e.PolicyResult == "deny" || e.PolicyResult == "error") && e.PolicyShadow != "enabled"
}

// Reason is why the event failed, as a word: the attempt's failure
// reason, or the policy's decision for a reset; "" for none.
func (e ConnectionLogEntry) Reason() string {
	if e.FailureReason == "" && e.PolicyReset() {
		return "authorization-policy-" + e.PolicyResult + " (" + firstNonEmpty(e.PolicyType, "periodic") + ")"
	}
	return e.FailureReason
}

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
		Type   string `json:"evaluation-type"`
		Shadow string `json:"shadow-mode"`
	}
	if json.Unmarshal(raw["authorization-policy-evaluation"], &policy) == nil {
		e.PolicyResult, e.PolicyType, e.PolicyShadow = policy.Result, policy.Type, policy.Shadow
	}
	return api.Scrubbed(e), true // outside text, safe for the terminal
}

// ExplainEntry says why a failed event failed, and what to check: a reset
// by the authorization policy, or its attempt's failure reason
// (ExplainFailureReason). ok is false for an event that did not fail, or
// a reason no document lists.
func ExplainEntry(e ConnectionLogEntry) (meaning, check string, ok bool) {
	switch {
	case !e.Failed():
		return "", "", false
	case e.FailureReason == "" && e.PolicyReset():
		return "The authorization policy's " + firstNonEmpty(e.PolicyType, "periodic") + " evaluation said " + e.PolicyResult +
				" during the session: Client VPN reset the connection.",
			"the policy's rules against this user's attributes and device posture now (a device token that failed, an attribute gone)", true
	}
	return ExplainFailureReason(e.FailureReason)
}

// ExplainFailureReason explains a documented
// connection-attempt-failure-reason: authorization-policy-deny
// (connection-logging.html) and the client connect handler's reasons
// (clientvpn-admin/connection-authorization.html, "Monitoring connection
// authorization failures"). ok is false for a reason the documentation
// does not list: show it as it is.
func ExplainFailureReason(reason string) (meaning, check string, ok bool) {
	switch reason {
	case "authorization-policy-deny":
		return "The endpoint's authorization policy denied the connection.",
			"the policy's rules against this user's attributes (SAML or AD) and device posture", true
	case "client-connect-failed":
		return "The client connect handler (a Lambda function) refused the connection.",
			"the handler's decision and its log for this user", true
	case "client-connect-handler-timed-out":
		// connection-authorization.html: "The Lambda function times out
		// after 30 seconds. This value cannot be changed."
		return "The client connect handler did not answer within 30 seconds, a limit that cannot be changed.",
			"what makes the Lambda function slow (its calls out, a cold start): it must answer within 30 s; provisioned concurrency avoids cold starts", true
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
