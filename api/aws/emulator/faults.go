package emulator

import (
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/vpnscope/vpnscope/api/emulatorkit"
	"github.com/vpnscope/vpnscope/api/fault"
)

// inject answers with a fault, the way EC2 fails: its codes and statuses,
// or a broken or missing answer.
func (s *Server) inject(w http.ResponseWriter, r *http.Request, body []byte, req *request, requestID string, f *fault.Fault) (int, string) {
	switch f.Kind {
	case fault.Throttle:
		return s.fail(w, requestID, errf(503, "RequestLimitExceeded", "Request limit exceeded."))
	case fault.Unavailable:
		return s.fail(w, requestID, errf(503, "Unavailable", "The server is temporarily unable to service the request."))
	case fault.Internal:
		return s.fail(w, requestID, errf(500, "InternalError", "An internal error has occurred."))
	case fault.Forbidden:
		return s.fail(w, requestID, errf(403, "UnauthorizedOperation", "You are not authorized to perform this operation."))
	case fault.NumericCode:
		return s.fail(w, requestID, errf(400, "400", "Bad Request"))
	case fault.Malformed:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusOK)
		io.WriteString(w, "<html><body><h1>502 Bad Gateway</h1></body></html>")
		return http.StatusOK, "malformed"
	case fault.Hang:
		emulatorkit.Hang(r.Context())
		return 499, "hang"
	case fault.Oversize:
		req.oversize = true
		status, code := s.serve(w, r, body, req, requestID)
		return status, firstNonEmpty(code, "oversize")
	case fault.Truncate, fault.Lost:
		rec := httptest.NewRecorder()
		status, code := s.serve(rec, r, body, req, requestID)
		if f.Kind == fault.Lost {
			emulatorkit.Hang(r.Context()) // the action happened; its answer never comes
			return 499, "lost"
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(status)
		out := rec.Body.Bytes()
		w.Write(out[:len(out)/2])
		return status, firstNonEmpty(code, "truncated")
	}
	return s.serve(w, r, body, req, requestID)
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
