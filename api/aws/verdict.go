package aws

import "slices"

// Verdict is Troubleshoot on what could actually be read. A list that
// could not be read (403, a malformed answer) is named in Unchecked and
// the advice that needs it is not given, so "nothing stops clients" is
// only ever said on complete data.
type Verdict struct {
	Advice    []Advice
	Unchecked []string // "its target networks", "its routes", "its authorization rules"
}

// Healthy reports whether nothing stops clients and everything was read.
func (v Verdict) Healthy() bool { return len(v.Advice) == 0 && len(v.Unchecked) == 0 }

// Lists are an endpoint's lists with whether each was read whole.
type Lists struct {
	Networks                            []TargetNetwork
	Routes                              []Route
	Rules                               []AuthorizationRule
	NetworksRead, RoutesRead, RulesRead bool
}

// Judge troubleshoots an endpoint from what was read.
func Judge(e Endpoint, l Lists) Verdict {
	var v Verdict
	for _, x := range []struct {
		read bool
		what string
	}{{l.NetworksRead, "its target networks"}, {l.RoutesRead, "its routes"}, {l.RulesRead, "its authorization rules"}} {
		if !x.read {
			v.Unchecked = append(v.Unchecked, x.what)
		}
	}
	if len(v.Unchecked) == 0 {
		v.Advice = Troubleshoot(e, l.Networks, l.Routes, l.Rules)
		return v
	}
	// Only what the endpoint itself says stands: its state and its logging.
	v.Advice = slices.DeleteFunc(Troubleshoot(e, nil, nil, nil), func(a Advice) bool { return !a.Blocking && !stateOnly(a) })
	return v
}

// stateOnly reports advice that needs only the endpoint itself (its
// logging), so it stands when the lists could not be read.
func stateOnly(a Advice) bool {
	return a.Phase == "logging"
}

// connectionRank orders client connections worst first: stuck ones (the
// service could not cut them) before those being cut, then active, then
// ended; an unknown status sorts with the stuck, never as fine.
var connectionRank = map[string]int{"failed-to-terminate": 0, "terminating": 1, "active": 2, "terminated": 3}

// ConnectionRank is a client connection's place in a worst-first order.
func ConnectionRank(status string) int {
	if r, ok := connectionRank[status]; ok {
		return r
	}
	return 0
}
