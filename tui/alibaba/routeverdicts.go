package alibaba

import (
	"slices"
	"strings"
	"sync"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
)

// routeFound is what the last problems scan found of connections' route
// paths (alibaba.WithRoutePath): the impact of each connection's finding
// that carries a route cause, by connection id. A connection's own fields
// cannot tell a missing route, so its list mark takes the worse of its own
// verdict and this: the list and P say the same thing (one verdict per
// resource). A newer scan starts afresh, so a route fixed since is not
// held against it.
type routeFound struct {
	mu     sync.Mutex // the overview of every provider notes from its relay (overview.go)
	seq    int
	impact map[string]api.Impact
}

func newRouteFound() *routeFound { return &routeFound{impact: map[string]api.Impact{}} }

// note records scan seq's findings.
func (r *routeFound) note(seq int, fs []alibaba.Finding) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if seq != r.seq {
		r.seq, r.impact = seq, map[string]api.Impact{}
	}
	for _, f := range fs {
		if f.ConnectionID != "" && hasRouteCause(f) {
			r.impact[f.ConnectionID] = f.Impact
		}
	}
}

// hasRouteCause reports whether the route path made or joined f.
func hasRouteCause(f alibaba.Finding) bool {
	route := func(c api.Cause) bool { return c.Phase == "route" }
	return route(f.Cause) || slices.ContainsFunc(f.Also, route) ||
		slices.ContainsFunc(f.Unchecked, func(s string) bool { return strings.HasPrefix(s, "its route path") })
}

// shown is a connection's verdict with its route path's, the worse.
func (r *routeFound) shown(id string, own api.Verdict) api.Verdict {
	if r == nil {
		return own
	}
	r.mu.Lock()
	impact, ok := r.impact[id]
	r.mu.Unlock()
	if !ok {
		return own
	}
	if v := api.FoundAt(impact); api.CompareVerdicts(v, own) < 0 {
		return v
	}
	return own
}
