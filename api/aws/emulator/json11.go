package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"time"

	"github.com/vpnscope/vpnscope/api/emulatorkit"
	"github.com/vpnscope/vpnscope/api/fault"
)

// The AWS JSON 1.1 protocol's answers, as CloudWatch Logs and CloudTrail
// send them on this listener: the body as JSON with Content-Type
// application/x-amz-json-1.1 and the request id; an error as
// {"__type": code, "message": …} with the code in X-Amzn-ErrorType too
// (Smithy "AWS JSON 1.1 protocol", error responses).

// jsonError is a JSON 1.1 service's error: its status, code and text.
type jsonError struct {
	status  int
	code    string
	message string
}

// writeJSON11 answers 200 with body.
func writeJSON11(w http.ResponseWriter, requestID string, body any) (int, string) {
	raw, _ := json.Marshal(body)
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Header().Set("x-amzn-RequestId", requestID)
	w.WriteHeader(http.StatusOK)
	w.Write(raw)
	return http.StatusOK, ""
}

// failJSON11 answers with e, and returns what it answered for the log.
func failJSON11(w http.ResponseWriter, requestID string, e *jsonError) (int, string) {
	raw, _ := json.Marshal(map[string]string{"__type": e.code, "message": e.message})
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Header().Set("X-Amzn-ErrorType", e.code)
	w.Header().Set("x-amzn-RequestId", requestID)
	w.WriteHeader(e.status)
	w.Write(raw)
	return e.status, e.code
}

// json11Account is the account a JSON 1.1 request is signed for, checked
// as the service checks it: a known key, SigV4 for service, a signing
// time within 15 minutes, a region the account has, the one action this
// service serves. Refused, the answer is written and ok is false.
func (s *Server) json11Account(w http.ResponseWriter, r *http.Request, body []byte, req *request, requestID, service, action string) (acct *Server, status int, code string, ok bool) {
	sig, parsed := parseAuthorization(r.Header.Get("Authorization"))
	acct = s.account(sig.keyID)
	fail := func(e *jsonError) (*Server, int, string, bool) {
		status, code := failJSON11(w, requestID, e)
		return nil, status, code, false
	}
	switch {
	case !parsed || acct == nil:
		return fail(&jsonError{400, "UnrecognizedClientException", "The security token included in the request is invalid."})
	case sig.service != service || sig.signature != expectedSignature(r, body, sig, acct.cfg.SecretAccessKey):
		return fail(&jsonError{400, "InvalidSignatureException", "The request signature we calculated does not match the signature you provided."})
	}
	if t, ok := requestTime(r); !ok || absDuration(time.Since(t)) > 15*time.Minute {
		return fail(&jsonError{400, "InvalidSignatureException", "Signature expired: the signing time is more than 15 minutes from the service's time."})
	}
	if _, known := acct.world[sig.region]; !known {
		return fail(&jsonError{400, "UnrecognizedClientException", "The security token included in the request is invalid."})
	}
	req.region = sig.region
	if req.action != action {
		return fail(&jsonError{400, "UnknownOperationException", "Unknown operation " + req.action})
	}
	return acct, 0, "", true
}

// internalFailure is what a JSON 1.1 service answers when it fails.
var internalFailure = &jsonError{500, "InternalFailure", "The request processing has failed because of an unknown error."}

// injectJSON11 answers with fault f, the way a JSON 1.1 service fails:
// unavailable and forbidden in its own words, the rest alike; serve
// answers the request for the faults that still read it (oversize,
// truncate).
func injectJSON11(w http.ResponseWriter, r *http.Request, req *request, requestID string, f *fault.Fault,
	unavailable, forbidden *jsonError, serve func(w http.ResponseWriter) (int, string)) (int, string) {
	switch f.Kind {
	case fault.Throttle:
		return failJSON11(w, requestID, &jsonError{400, "ThrottlingException", "Rate exceeded"})
	case fault.Unavailable:
		return failJSON11(w, requestID, unavailable)
	case fault.Internal:
		return failJSON11(w, requestID, internalFailure)
	case fault.Forbidden:
		return failJSON11(w, requestID, forbidden)
	case fault.NumericCode:
		return failJSON11(w, requestID, &jsonError{400, "400", "Bad Request"})
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
		status, code := serve(w)
		return status, firstNonEmpty(code, "oversize")
	case fault.Truncate:
		rec := &truncating{header: http.Header{}}
		status, code := serve(rec)
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		w.WriteHeader(status)
		w.Write(rec.body[:len(rec.body)/2])
		return status, firstNonEmpty(code, "truncated")
	}
	return serve(w)
}

// lockedJSON11 runs a JSON 1.1 action in the account's lock; a panic in
// it is the service's internal failure.
func lockedJSON11[T any](acct *Server, run func() (T, *jsonError)) (out T, e *jsonError) {
	if emulatorkit.Locked(&acct.mu, func() { out, e = run() }) != nil {
		return out, internalFailure
	}
	return out, e
}
