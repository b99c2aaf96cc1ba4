package alibaba

import (
	"github.com/vpnscope/vpnscope/api"
)

// A connection's route path in the findings model, as on AWS
// (api/aws/routepath_finding.go): still one finding per connection. Its
// worst route issue leads when it is worse than what the tunnels say (a
// connection with phase 2 up and nothing routed into it carries no
// traffic: traffic down), else it joins the finding's "also"; a route path
// that could not be read is unknown, with the permission to grant, never
// healthy.

// RouteCause is a route issue as a finding's cause.
func RouteCause(i RouteIssue) api.Cause {
	return api.Cause{Phase: "route", State: i.Rule, Message: i.Problem + ": " + i.Check}
}

// WithRoutePath folds a connection's route verdict into its finding f
// (nil when the connection is otherwise fine), for a connection whose
// route path applies (RoutePathApplies); f unchanged otherwise.
func WithRoutePath(f *Finding, region string, g Gateway, c Connection, v RouteVerdict) *Finding {
	if !RoutePathApplies(c) || v.Healthy() {
		return f
	}
	var causes []api.Cause
	var impacts []api.Impact
	for _, i := range v.Issues {
		causes, impacts = append(causes, RouteCause(i)), append(impacts, i.Impact)
	}
	o := api.NewRouteOutcome(causes, impacts, v.Unread, "vpc")
	if f == nil {
		nf := newFinding(region, g, "connection", c.ID, c.Name)
		nf.ConnectionID, nf.ConnectionName = c.ID, c.Name
		return &Finding{Finding: o.NewFinding(nf), Connection: &c}
	}
	out := *f
	out.Finding = o.Fold(f.Finding, c.ID, c.Name)
	return &out
}
