package api

import "slices"

// A connection's route path in the findings model, on every cloud: still
// one finding per connection. Its worst route issue leads when it is
// worse than what the tunnels say (a connection with its tunnels up and
// nothing routed into it carries no traffic: traffic down), else it joins
// the finding's "also"; a route path that could not be read is unknown,
// with the permission to grant, never healthy.

// RouteOutcome is a route verdict as a finding takes it: a cause per
// issue, worst first, the worst impact, and what could not be read.
type RouteOutcome struct {
	Causes    []Cause
	Impact    Impact
	Unchecked []string
	Reason    string
}

// NewRouteOutcome is the outcome of issues (their causes and impacts, in
// the verdict's order) and of what was not read, whose permission is
// service's ("ec2", "vpc").
func NewRouteOutcome(causes []Cause, impacts []Impact, unread []Unread, service string) RouteOutcome {
	o := RouteOutcome{Causes: causes, Impact: Unknown}
	for _, i := range impacts {
		o.Impact = min(o.Impact, i)
	}
	if len(unread) > 0 {
		cause, reason := UnreadCause(service, unread)
		o.Reason = reason
		if len(o.Causes) == 0 {
			o.Causes = append(o.Causes, cause)
		}
		for _, u := range unread {
			o.Unchecked = append(o.Unchecked, "its route path: "+u.What)
		}
	}
	return o
}

// NewFinding is nf, a finding about a connection the tunnels found fine,
// made of the outcome alone.
func (o RouteOutcome) NewFinding(nf Finding) Finding {
	nf.Impact, nf.Cause = o.Impact, o.Causes[0]
	nf.Also = o.Causes[1:]
	nf.Unchecked, nf.Reason = o.Unchecked, o.Reason
	return nf
}

// Fold is f with the outcome in it: in its "also" when f is as bad or
// worse; else the route path leads, the finding is about the connection
// (connID, connName), and what f said before (a tunnel down) is said as
// well, without the tunnels' since.
func (o RouteOutcome) Fold(f Finding, connID, connName string) Finding {
	out := f
	out.Unchecked = append(slices.Clone(f.Unchecked), o.Unchecked...)
	if out.Reason == "" {
		out.Reason = o.Reason
	}
	if o.Impact >= f.Impact {
		out.Also = append(slices.Clone(f.Also), o.Causes...)
		return out
	}
	old := f.Cause
	if f.Resource == "tunnel" {
		old.Message = "tunnel " + f.TunnelID + ": " + old.Message
	}
	out.Resource, out.ResourceID, out.TunnelID = "connection", connID, ""
	if connName != "" {
		out.ResourceName = connName
	}
	out.Impact, out.Cause = o.Impact, o.Causes[0]
	out.Since, out.SinceSource = nil, "" // the tunnels' time, not the route's
	out.Also = append(append(append(slices.Clone(o.Causes[1:]), old), f.Consequences...), f.Also...)
	out.Consequences = nil
	return out
}
