package alibaba

import (
	"slices"

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
	impact := api.Unknown
	for _, i := range v.Issues {
		causes = append(causes, RouteCause(i))
		impact = min(impact, i.Impact)
	}
	var unchecked []string
	reason := ""
	if len(v.Unread) > 0 {
		cause, r := api.UnreadCause("vpc", v.Unread)
		reason = r
		if len(causes) == 0 {
			causes = append(causes, cause)
		}
		for _, u := range v.Unread {
			unchecked = append(unchecked, "its route path: "+u.What)
		}
	}
	if f == nil {
		nf := newFinding(region, g, "connection", c.ID, c.Name)
		nf.ConnectionID, nf.ConnectionName = c.ID, c.Name
		f = &Finding{Finding: nf, Connection: &c}
		f.Impact, f.Cause = impact, causes[0]
		f.Also = causes[1:]
		f.Unchecked, f.Reason = unchecked, reason
		return f
	}
	out := *f
	out.Finding.Unchecked = append(slices.Clone(f.Unchecked), unchecked...)
	if out.Reason == "" {
		out.Reason = reason
	}
	if impact >= f.Impact {
		out.Also = append(slices.Clone(f.Also), causes...)
		return &out
	}
	// The route path leads: the finding is about the connection, and what
	// it said before (a tunnel down, a health check) is said as well.
	old := f.Cause
	if f.Resource == "tunnel" {
		old.Message = "tunnel " + f.TunnelID + ": " + old.Message
	}
	out.Resource, out.ResourceID, out.ResourceName, out.TunnelID = "connection", c.ID, c.Name, ""
	out.Impact, out.Cause = impact, causes[0]
	out.Since, out.SinceSource = nil, "" // the tunnels' time, not the route's
	out.Also = append(append(append(slices.Clone(causes[1:]), old), f.Consequences...), f.Also...)
	out.Consequences = nil
	return &out
}
