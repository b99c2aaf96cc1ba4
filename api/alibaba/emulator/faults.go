package emulator

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/vpnscope/vpnscope/api/emulatorkit"
	"github.com/vpnscope/vpnscope/api/fault"
)

// The fault kinds and syntax are shared with the other emulators (package
// fault); these names keep the emulator's own API.
type (
	Fault     = fault.Fault
	FaultKind = fault.Kind
)

const (
	FaultThrottle    = fault.Throttle
	FaultUnavailable = fault.Unavailable
	FaultInternal    = fault.Internal
	FaultTruncate    = fault.Truncate
	FaultMalformed   = fault.Malformed
	FaultNumericCode = fault.NumericCode
	FaultHang        = fault.Hang
	FaultForbidden   = fault.Forbidden
	FaultLatency     = fault.Latency
	FaultLost        = fault.Lost
	FaultOversize    = fault.Oversize
)

// ParseFault reads the --fault syntax (see fault.Parse).
func ParseFault(s string) (Fault, error) { return fault.Parse(s) }

// requestID is the next request id, in capitals as the service writes them.
func (s *Server) requestID() string { return strings.ToUpper(s.ids.Next()) }

// injectBefore answers with a fault that replaces the action. Truncation
// happens after the action runs, so it reports not done.
func (s *Server) injectBefore(w http.ResponseWriter, r *http.Request, requestID string, f *Fault) (bool, int, string) {
	var status int
	var code string
	switch f.Kind {
	case FaultThrottle:
		status, code = s.writeError(w, requestID, errf(400, "Throttling.User", "Request was denied due to user flow control."))
	case FaultUnavailable:
		status, code = s.writeError(w, requestID, errf(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server."))
	case FaultInternal:
		status, code = s.writeError(w, requestID, errf(500, "InternalError", "The request processing has failed due to some unknown error, exception or failure."))
	case FaultForbidden:
		status, code = s.writeError(w, requestID, errf(403, "Forbidden.RAM", "User not authorized to operate on the specified resource, or this API doesn't support RAM."))
	case FaultMalformed:
		w.Header().Set("Content-Type", "application/json;charset=utf-8")
		w.WriteHeader(http.StatusOK)
		io.WriteString(w, "<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>")
		status, code = 200, "malformed"
	case FaultNumericCode:
		w.Header().Set("Content-Type", "application/json;charset=utf-8")
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"RequestId":%q,"Code":400,"Message":"Bad Request"}`, requestID)
		status, code = 400, "numeric-code"
	case FaultHang:
		emulatorkit.Hang(r.Context())
		status, code = 499, "hang"
	default:
		return false, 0, ""
	}
	return true, status, code
}

// oversized is an answer as a service that ignores the page size would
// give it (the oversize fault): each list holds OversizeFactor times the
// rows asked for (PageSize or MaxResults, 10 when not given).
func oversized(body any, p url.Values) any {
	asked := 10
	for _, name := range []string{"PageSize", "MaxResults"} {
		if n, ok := integerParam(p.Get(name), 1, 1<<31-1); ok {
			asked = n
		}
	}
	return emulatorkit.Swell(body, emulatorkit.OversizeFactor*asked)
}
