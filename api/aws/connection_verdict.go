package aws

import (
	"strings"
	"time"

	"github.com/vpnscope/vpnscope/api"
)

// How a Site-to-Site connection's tunnels, each read by ReadTunnel,
// rank as one finding, by api.Impact's own definitions: traffic down is
// "nothing carries the traffic", redundancy lost "traffic flows, but on
// the last path left", unknown "could not be read". A tunnel that is UP
// but accepts no BGP routes carries nothing, so it is no survivor.

// readTunnel is a tunnel with the documented case it is in.
type readTunnel struct {
	Tunnel
	r TunnelReading
}

// tally sorts a connection's tunnels: carrying traffic, carrying nothing
// (down, or up with no routes), and those it cannot tell.
type tally struct {
	carrying, failing, unsure []readTunnel
	all                       []readTunnel // every tunnel, in the connection's order
}

func tallyTunnels(c VPNConnection) tally {
	var x tally
	for _, t := range c.Tunnels {
		rt := readTunnel{t, ReadTunnel(c, t)}
		x.all = append(x.all, rt)
		switch {
		case rt.r.Carries:
			x.carrying = append(x.carrying, rt)
		case rt.r.Unknown:
			x.unsure = append(x.unsure, rt)
		default:
			x.failing = append(x.failing, rt)
		}
	}
	return x
}

// connectionVerdicts: the first whose when holds judges the connection;
// none holds for one whose every tunnel carries traffic.
var connectionVerdicts = []struct {
	name, source string
	when         func(x tally) bool
	impact       api.Impact
	judge        func(f *api.Finding, x tally, cgw CustomerGateway, bgp bool, now time.Time)
}{
	{"no tunnel carries traffic", "api.Impact: traffic down, nothing carries the traffic",
		func(x tally) bool { return len(x.carrying) == 0 && len(x.unsure) == 0 && len(x.failing) > 0 },
		api.TrafficDown, judgeNothingCarries},
	{"none carries for sure, some cannot be told", "api.Impact: unknown, could not be read; never healthy",
		func(x tally) bool { return len(x.carrying) == 0 && len(x.unsure) > 0 },
		api.Unknown, judgeUnsure("could not tell whether any tunnel carries traffic")},
	{"one carries, another carries nothing", "api.Impact: redundancy lost, traffic flows on the last path left",
		func(x tally) bool { return len(x.carrying) > 0 && len(x.failing) > 0 },
		api.RedundancyLost, judgeLastPath},
	{"one carries, another cannot be told", "api.Impact: unknown, could not be read; never healthy",
		func(x tally) bool { return len(x.carrying) > 0 && len(x.unsure) > 0 },
		api.Unknown, judgeUnsure("could not tell whether the connection still has two paths")},
}

// tunnelCause is why one tunnel carries nothing, briefly: its reading,
// its last status change, and who must initiate when IKE may be down.
func tunnelCause(cgw CustomerGateway, rt readTunnel, now time.Time) api.Cause {
	msg := fill(rt.r.Brief, rt.Tunnel)
	if !rt.LastStatusChange.IsZero() {
		msg += "; last status change " + api.AgeWords(now, rt.LastStatusChange)
	}
	if rt.r.Initiation && awsWaits(rt.Tunnel) {
		msg += "; AWS waits for " + cgw.Device() + " to initiate"
	}
	return api.Cause{Phase: rt.r.Phase, State: rt.r.State, Message: msg}
}

func onlyIKEv1(t Tunnel) bool { return len(t.IKEVersions) == 1 && t.IKEVersions[0] == "ikev1" }

// awsWaits: AWS initiates IKE only with startup action start, and never
// over IKEv1 (Tunnel options, s2s-vpn-user-guide VPNTunnels.html:
// "Startup action"): otherwise the device must bring the tunnel up.
func awsWaits(t Tunnel) bool { return t.StartupAction != "start" || onlyIKEv1(t) }

// causeBGPBehindTunnels: with no tunnel's IPsec up, BGP (which runs inside
// the tunnels, your-cgw.html) is down with them.
var causeBGPBehindTunnels = api.Cause{Phase: "bgp", State: "down",
	Message: "the BGP sessions run inside the tunnels, so no route is learned while they are down"}

// judgeNothingCarries: traffic down. Down tunnels lead (IKE, IPsec, then
// BGP), then those up with no routes.
func judgeNothingCarries(f *api.Finding, x tally, cgw CustomerGateway, bgp bool, now time.Time) {
	failing := append([]readTunnel{}, x.failing...)
	// A down tunnel leads a tunnel that is up but accepts no routes.
	for i, rt := range failing {
		if rt.Up() {
			continue
		}
		failing[0], failing[i] = failing[i], failing[0]
		break
	}
	lead := failing[0]
	f.TunnelID = lead.OutsideIP
	f.Cause = tunnelCause(cgw, lead, now)
	f.Message = "no tunnel carries traffic; tunnel " + lead.OutsideIP + ": " + f.Message
	ipsecDown := true
	for _, rt := range failing {
		ipsecDown = ipsecDown && rt.r.Phase == "tunnel"
	}
	for _, rt := range failing[1:] {
		cause := tunnelCause(cgw, rt, now)
		cause.Message = "tunnel " + rt.OutsideIP + ": " + cause.Message
		f.Also = append(f.Also, cause)
	}
	if bgp && ipsecDown {
		f.Consequences = append(f.Consequences, causeBGPBehindTunnels)
	}
	sinceLastChange(f, failing)
}

// judgeLastPath: redundancy lost, said of the tunnel that carries nothing.
func judgeLastPath(f *api.Finding, x tally, cgw CustomerGateway, _ bool, now time.Time) {
	rt := x.failing[0]
	f.Resource, f.ResourceID, f.TunnelID = "tunnel", f.ConnectionID+"/"+rt.OutsideIP, rt.OutsideIP
	f.Cause = tunnelCause(cgw, rt, now)
	f.Message += "; tunnel " + x.carrying[0].OutsideIP + " carries the traffic alone"
	sinceLastChange(f, x.failing[:1])
}

// judgeUnsure: unknown, saying which tunnels could not be told and what
// the others do.
func judgeUnsure(what string) func(f *api.Finding, x tally, cgw CustomerGateway, _ bool, now time.Time) {
	return func(f *api.Finding, x tally, cgw CustomerGateway, _ bool, now time.Time) {
		var told []string
		for _, rt := range x.unsure {
			told = append(told, "tunnel "+rt.OutsideIP+": "+fill(rt.r.Brief, rt.Tunnel))
		}
		f.TunnelID = x.unsure[0].OutsideIP
		f.Cause = api.Cause{Phase: "unchecked", State: "unknown", Message: what + "; " + strings.Join(told, "; ")}
		for _, rt := range x.failing {
			cause := tunnelCause(cgw, rt, now)
			cause.Message = "tunnel " + rt.OutsideIP + ": " + cause.Message
			f.Also = append(f.Also, cause)
		}
	}
}

// sinceLastChange gives f the latest of the tunnels' last status changes,
// when every one is down: a tunnel has been in its status at least since
// its last IKE, IPsec or BGP change (API_VgwTelemetry), so traffic has
// been down at least since the last of them. A tunnel up with no routes
// gives none: its route count changes without a status change.
func sinceLastChange(f *api.Finding, rts []readTunnel) {
	var last time.Time
	for _, rt := range rts {
		if rt.Up() || rt.LastStatusChange.IsZero() {
			return
		}
		if rt.LastStatusChange.After(last) {
			last = rt.LastStatusChange
		}
	}
	if !last.IsZero() {
		f.Since, f.SinceSource = &last, api.SinceLastChange
	}
}
