package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"regexp"
	"strings"
)

// Kind classifies an Error by what a person can do about it.
type Kind int

const (
	KindUnknown    Kind = iota
	KindAuth            // the key pair or its signature is wrong, or the clock is off
	KindPermission      // the key works but RAM denies this action
	KindNotFound        // the resource does not exist (any more)
	KindThrottled       // flow control: wait and retry
	KindInvalid         // the request itself is wrong
	KindNetwork         // no answer: DNS, refused, timeout
	KindServer          // the service failed (5xx) or answered garbage
	KindCanceled        // the caller went away
)

var kindNames = [...]string{"error", "auth", "permission", "not found", "throttled", "invalid input", "network", "server", "canceled"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "error"
}

// CodeCredentialSource is the code of an Error whose request never left
// because the credentials could not be had (a credentials URI that does
// not answer): its message names the source, so a finding blames it and
// not the service's endpoint.
const CodeCredentialSource = "CredentialSource"

// CodeUnknownRegion is the code of an Error whose request named a region
// the provider does not have (a misspelt --region or :region): the
// service's own answer may read as a wrong key (EC2's AuthFailure), so the
// hint says which region was meant.
const CodeUnknownRegion = "UnknownRegion"

// Error is every error a Client returns: the service's code, message, HTTP
// status and request id, a Kind, and a one-line hint a person can act on.
// Its text never contains access keys, signatures or STS tokens.
type Error struct {
	Action     string
	Kind       Kind
	Code       string
	Message    string
	HTTPStatus int
	RequestID  string
	Hint       string
	Attempts   int // how many times the call was sent
	cause      error
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Action != "" { // vpnscope's own finding (Locate's "no … in any region") names no call
		b.WriteString(e.Action)
		b.WriteString(": ")
	}
	if e.Code != "" {
		b.WriteString(e.Code)
		b.WriteString(": ")
	}
	b.WriteString(e.Message)
	if e.HTTPStatus != 0 {
		fmt.Fprintf(&b, " (HTTP %d", e.HTTPStatus)
		if e.RequestID != "" {
			b.WriteString(", request ")
			b.WriteString(e.RequestID)
		}
		b.WriteString(")")
	}
	return b.String()
}

// Unwrap gives the transport error (already redacted), for errors.Is checks
// such as context.Canceled.
func (e *Error) Unwrap() error { return e.cause }

// Retryable reports whether sending the same request again may succeed.
func (e *Error) Retryable() bool {
	return e.Kind == KindThrottled || (e.Kind == KindServer && e.HTTPStatus >= 500)
}

// AsError returns err as an *Error when it is one.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// TransportError is an Error for a call that got no answer, or none that
// could be read (canceled, timed out, refused, malformed), from any
// provider's client.
func TransportError(action string, err error) *Error {
	e := &Error{Action: action, Message: Printable(Redact(err.Error()))}
	var tooLarge *AnswerTooLargeError
	switch {
	case errors.As(err, &tooLarge):
		e.Kind, e.Code, e.Message = KindServer, "AnswerTooLarge", tooLarge.Error()
		e.Hint = "far more than any answer of the service: check that --endpoint (or a proxy before it) is the service"
		return e
	case errors.Is(err, context.Canceled):
		e.Kind, e.Message = KindCanceled, "canceled"
		e.cause = context.Canceled
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		e.Kind, e.Code, e.Message = KindNetwork, "Timeout", "no answer from the endpoint in time"
		e.cause = context.DeadlineExceeded
	case isNetwork(err):
		e.Kind = KindNetwork
		e.Message = networkMessage(err)
	case strings.Contains(err.Error(), "JsonUnmarshalError") || strings.Contains(err.Error(), "unmarshal"):
		e.Kind, e.Code, e.Message = KindServer, "MalformedResponse", "the endpoint's answer is not valid JSON"
	default:
		e.Kind = KindUnknown
	}
	e.Hint = hintFor(e)
	return e
}

// ProviderError is an Error from another provider's client, which knows
// its own codes' kinds; an empty hint takes the kind's.
func ProviderError(action string, kind Kind, status int, code, message, requestID, hint string) *Error {
	// The code, message and request id are the service's words: they reach
	// the screen and logs, so no control sequence may ride in them.
	e := &Error{Action: action, Kind: kind, HTTPStatus: status, Code: Printable(code), RequestID: Printable(requestID),
		Message: Printable(Redact(message)), Hint: hint}
	if e.Hint == "" {
		e.Hint = hintFor(e)
	}
	return e
}

// hintFor says what to do next, in one line.
func hintFor(e *Error) string {
	switch e.Kind {
	case KindAuth:
		return "check the credentials (profile, env vars) and the machine's clock"
	case KindPermission:
		return "these credentials may not call " + e.Action + ": ask for the permission (see README: the policy it needs)"
	case KindNotFound:
		return "it may have been deleted, or lives in another region: press r to refresh or R to switch region"
	case KindThrottled:
		return "the service is throttling this account: wait a moment, then press r"
	case KindInvalid:
		return "the request was refused as invalid: check the values sent"
	case KindNetwork:
		return "check the network path to the endpoint (proxy, DNS, firewall), then press r"
	case KindServer:
		return "the service failed: press r to retry; if it persists, give support the request id"
	case KindCanceled:
		return ""
	}
	return "press r to retry"
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout() || strings.Contains(err.Error(), "Client.Timeout") ||
		strings.Contains(err.Error(), "SDK.TimeoutError")
}

func isNetwork(err error) bool {
	var ue *url.Error
	var oe *net.OpError
	var de *net.DNSError
	return errors.As(err, &ue) || errors.As(err, &oe) || errors.As(err, &de) ||
		strings.Contains(err.Error(), "connection refused") || strings.Contains(err.Error(), "EOF")
}

// networkMessage describes a transport error without the request URL, which
// carries the signed query string.
func networkMessage(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	msg := err.Error()
	switch {
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || msg == "EOF" || strings.Contains(msg, "connection reset"):
		return "the endpoint closed the connection"
	case strings.Contains(msg, "connection refused"):
		return "connection refused: nothing listens at the endpoint"
	}
	return Redact(msg)
}

// secretParam matches the signed query parameters that must never be shown:
// in plain or percent-encoded form, as the SDK and the service echo them.
var secretParam = regexp.MustCompile(`(?i)(AccessKeyId|AccessKeySecret|Signature|SecurityToken|SignatureNonce|BearerToken)(=|%3D|":\s*")[^&\s"%]*`)

// redact removes signed parameters from text that may echo a request, and
// cuts the service's "server string to sign" tail, which holds the key id.
// Redact removes key ids, signatures and tokens from text bound for the
// screen or a log.
func Redact(s string) string {
	if i := strings.Index(s, "server string to sign is:"); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	return secretParam.ReplaceAllString(s, "$1$2***")
}
