package aws

import (
	"fmt"
	"strings"
	"time"

	"github.com/vpnscope/vpnscope/api"
)

// Judging AWS resources into api.Finding, the model every provider shares:
// at most one finding per resource, its worst cause first, what follows
// from it as consequences, lesser causes as "also", and what could not be
// read as unchecked (unknown is never healthy).

// Finding is an api.Finding with the AWS resource it is about, so a
// screen can open it without another call.
type Finding struct {
	api.Finding
	Connection *VPNConnection `json:"-"`
	Endpoint   *Endpoint      `json:"-"`
}

func newFinding(region, resource, id, name string) api.Finding {
	return api.Finding{Provider: "aws", Region: region, Resource: resource, ResourceID: id, ResourceName: name}
}

// ConnectionFinding judges one Site-to-Site connection: nil when it is
// healthy (or deleted: nothing left to fix). One being created or deleted
// is ranked by its state alone (api.RankLifecycle); otherwise its tunnels
// decide (connectionVerdicts), and a state no document names is unknown.
func ConnectionFinding(region string, g VPNGateway, cgw CustomerGateway, c VPNConnection, now time.Time) *Finding {
	rank := api.RankLifecycle(StateLifecycle(c.State), false)
	if !rank.Judge && !rank.Report {
		return nil
	}
	f := newFinding(region, "connection", c.ID, c.Name)
	f.GatewayID, f.GatewayName, f.ConnectionID, f.ConnectionName = g.ID, g.Name, c.ID, c.Name
	if !rank.Judge {
		f.Impact, f.Cause = rank.Impact, stateCause("connection", c.State, false)
		return &Finding{Finding: f, Connection: &c}
	}
	f.Unchecked = stateUnchecked("connection", c.State)
	x := tallyTunnels(c)
	for _, rt := range x.unsure {
		f.Unchecked = append(f.Unchecked, "tunnel "+rt.OutsideIP+": "+fill(rt.r.Brief, rt.Tunnel))
	}
	if len(c.Tunnels) == 0 {
		f.Unchecked = append(f.Unchecked, "the connection's tunnels, which the service did not list")
	}
	logsOff := 0
	for _, t := range c.Tunnels {
		if !t.Logging {
			logsOff++
		}
	}
	judged := false
	for _, v := range connectionVerdicts {
		if v.when(x) {
			f.Impact = v.impact
			v.judge(&f, x, cgw, c.BGP(), now)
			judged = true
			break
		}
	}
	switch {
	case judged:
	case rank.Report && rank.Impact == api.Unknown:
		// Every tunnel carries traffic, but the state says nothing known.
		f.Impact, f.Cause = rank.Impact, stateCause("connection", c.State, false)
	case len(f.Unchecked) > 0:
		f.Impact = api.Unknown
		f.Cause = api.Cause{Phase: "unchecked", State: "unknown", Message: "could not check " + strings.Join(f.Unchecked, "; ")}
	case logsOff > 0:
		f.Impact = api.Note
		f.Cause = logsOffCause(logsOff, len(c.Tunnels))
	case rank.Report:
		f.Impact, f.Cause = rank.Impact, stateCause("connection", c.State, false)
	default:
		return nil
	}
	if logsOff > 0 && f.Phase != "logging" {
		f.Also = append(f.Also, logsOffCause(logsOff, len(c.Tunnels)))
	}
	return &Finding{Finding: f, Connection: &c}
}

func logsOffCause(off, of int) api.Cause {
	msg := "the tunnel activity log is off: a failure leaves nothing to read (ModifyVpnTunnelOptions turns it on)"
	if off < of {
		msg = fmt.Sprintf("the tunnel activity log is off on %d of its %d tunnels (ModifyVpnTunnelOptions turns it on)", off, of)
	}
	return api.Cause{Phase: "logging", State: "off", Message: msg}
}

// GatewayFinding: a VGW or TGW that is not available (and not deleted),
// ranked by api.RankLifecycle.
func GatewayFinding(region string, g VPNGateway) *Finding {
	rank := api.RankLifecycle(StateLifecycle(g.State), false)
	if !rank.Report {
		return nil
	}
	f := newFinding(region, "gateway", g.ID, g.Name)
	f.GatewayID, f.GatewayName = g.ID, g.Name
	f.Impact, f.Cause = rank.Impact, stateCause("gateway", g.State, false)
	f.Unchecked = stateUnchecked("gateway", g.State)
	return &Finding{Finding: f}
}

// EndpointFinding judges a Client VPN endpoint from Troubleshoot's advice,
// its connections stuck failed-to-terminate, and what could not be read
// (unread: unknown, with what to do).
// Blocking advice means no client can connect or reach anything. One being
// created or deleted is ranked by its state (api.RankLifecycle; servedBefore
// from EndpointServedBefore), its other advice kept as "also".
func EndpointFinding(region string, e Endpoint, servedBefore bool, advice []Advice, stuck []Connection, unread []api.Unread) *Finding {
	rank := api.RankLifecycle(StateLifecycle(e.Status), servedBefore)
	if !rank.Judge && !rank.Report {
		return nil
	}
	f := newFinding(region, "client-vpn-endpoint", e.ID, e.Name)
	f.ServerID = e.ID
	f.Unchecked = stateUnchecked("endpoint", e.Status)
	for _, u := range unread {
		f.Unchecked = append(f.Unchecked, u.What)
	}
	var causes []api.Cause
	var impacts []api.Impact
	add := func(impact api.Impact, c api.Cause) { causes, impacts = append(causes, c), append(impacts, impact) }
	if rank.Report {
		// Its state leads when it is not judged on what it serves.
		add(rank.Impact, stateCause("endpoint", e.Status, servedBefore))
	}
	for _, a := range advice {
		if a.FromState {
			continue // said by the state's own cause
		}
		c := api.Cause{Phase: firstNonEmpty(a.Phase, "configuration"), State: a.State, Message: strings.TrimSuffix(a.Problem, ".") + ": " + a.Check}
		switch {
		case a.Blocking:
			c.State = firstNonEmpty(c.State, "cannot serve")
			add(api.TrafficDown, c)
		case a.Note:
			c.State = firstNonEmpty(c.State, "note")
			add(api.Note, c)
		default:
			c.State = firstNonEmpty(c.State, "degraded")
			add(api.Degraded, c)
		}
	}
	if len(stuck) > 0 {
		ids := make([]string, 0, 3)
		for _, c := range stuck[:min(3, len(stuck))] {
			ids = append(ids, c.ID)
		}
		add(api.Degraded, api.Cause{Phase: "terminate", State: "failed-to-terminate",
			Message: fmt.Sprintf("%s could not be terminated (%s): terminate again", api.Count(len(stuck), "connection"), strings.Join(ids, ", "))})
	}
	if len(unread) > 0 {
		cause, reason := api.UnreadCause("ec2", unread)
		add(api.Unknown, cause)
		f.Reason = reason
	}
	if len(causes) == 0 {
		return nil
	}
	// The first cause at the worst impact leads (the state's, when the
	// endpoint is not judged); the rest are "also".
	lead := 0
	for i := range impacts {
		if rank.Judge && impacts[i] < impacts[lead] {
			lead = i
		}
	}
	f.Impact, f.Cause = impacts[lead], causes[lead]
	for i, c := range causes {
		if i != lead {
			f.Also = append(f.Also, c)
		}
	}
	return &Finding{Finding: f, Endpoint: &e}
}

// RegionFinding is a region whose lists (VPN connections, gateways,
// customer gateways, Client VPN endpoints) could not be read: unknown,
// saying what and what to do; nil when all was read.
func RegionFinding(region string, unread []api.Unread) *Finding {
	if len(unread) == 0 {
		return nil
	}
	f := newFinding(region, "region", region, region)
	f.Impact = api.Unknown
	f.Cause, f.Reason = api.UnreadCause("ec2", unread)
	for _, u := range unread {
		f.Unchecked = append(f.Unchecked, u.What)
	}
	return &Finding{Finding: f}
}

// AccountFinding is the account whose regions could not be listed: no
// region was checked.
func AccountFinding(err error) *Finding {
	f := newFinding("", "account", "", "every region")
	f.Impact = api.Unknown
	f.Cause, f.Reason = api.UnreadCause("ec2", []api.Unread{{What: "the list of regions (so no region was checked)", Err: err}})
	f.Unchecked = []string{"the list of regions"}
	return &Finding{Finding: f}
}
