package api

// What a scan puts in the state journal, the same for every provider:
// each finding, and each tunnel of a broken connection, so a tunnel has
// its own timeline.

// Word is the impact as the journal and the JSON write it:
// "traffic-down".
func (i Impact) Word() string {
	w, _ := i.MarshalText()
	return string(w)
}

// TunnelRecordState is the state the journal keeps for one tunnel of a
// connection: StateOK while it carries traffic; unknown when its own
// state is not known; else redundancy lost while another tunnel carries,
// traffic down when none does, and unknown when the others' states are not
// known either (carrying and unsure count the connection's other tunnels
// that carry, and whose state is not known).
func TunnelRecordState(carries, unknown bool, carrying, unsure int) string {
	switch {
	case carries:
		return StateOK
	case unknown:
		return Unknown.Word()
	case carrying > 0:
		return RedundancyLost.Word()
	case unsure == 0:
		return TrafficDown.Word()
	}
	return Unknown.Word()
}

// Recordable is a provider's finding, which knows what of it the journal
// keeps: the shared finding, and the tunnels of its connection.
type Recordable interface {
	Record() (*Finding, []ResourceState)
}

// ToRecord is what a scan's findings put in the state journal: each
// finding (shared, so the journal fills in its since and flapping) and the
// tunnels of each one's connection.
func ToRecord[F any, P interface {
	*F
	Recordable
}](found []F) ([]*Finding, []ResourceState) {
	findings := make([]*Finding, len(found))
	var states []ResourceState
	for i := range found {
		f, tunnels := P(&found[i]).Record()
		findings[i] = f
		states = append(states, tunnels...)
	}
	return findings, states
}
