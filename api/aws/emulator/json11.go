package emulator

import (
	"encoding/json"
	"net/http"
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
