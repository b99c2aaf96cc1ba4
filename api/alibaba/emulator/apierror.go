package emulator

import (
	"fmt"
	"net/http"
)

// apiError is an error answer in the service's shape.
type apiError struct {
	Status    int
	Code      string
	Message   string
	Recommend string
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

func errf(status int, code, format string, args ...any) *apiError {
	return &apiError{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

func missing(name string) *apiError {
	return errf(http.StatusBadRequest, "MissingParameter",
		"The input parameter %q that is mandatory for processing this request is not supplied.", name)
}

func illegal(name string) *apiError {
	return errf(http.StatusBadRequest, "IllegalParam."+name, "The specified %q is invalid.", name)
}

// internalError is the service's answer to its own failure.
func internalError() *apiError {
	return errf(http.StatusInternalServerError, "InternalError", "The request processing has failed due to some unknown error.")
}

func gatewayNotFound(status int) *apiError {
	return errf(status, "InvalidVpnGatewayInstanceId.NotFound", "The specified vpn gateway instance id does not exist.")
}

// errorBody is the service's JSON error body: all strings.
type errorBody struct {
	RequestId string
	HostId    string
	Code      string
	Message   string
	Recommend string
}
