package emulator

import "github.com/vpnscope/vpnscope/api/fault"

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
)

// ParseFault reads the --fault syntax (see fault.Parse).
func ParseFault(s string) (Fault, error) { return fault.Parse(s) }
