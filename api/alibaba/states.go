package alibaba

import (
	"fmt"
	"strings"

	"github.com/vpnscope/vpnscope/api"
)

// The state words Alibaba Cloud documents for a VPN gateway (Status), an
// IPsec-VPN connection (State) and a tunnel of a dual-tunnel connection
// (TunnelOptions.State), each with what it means for whether the resource
// serves (the lifecycle api.RankLifecycle ranks), one row per documented
// word with where it is documented. A word in none of these tables is
// unknown: never taken as fine.

// stateWord is one documented state.
type stateWord struct {
	lifecycle api.Lifecycle
	// locked: stopped for an overdue payment. No negotiation setting
	// brings it back; paying does.
	locked bool
	// meaning is what the state says, for a finding about a resource not
	// simply serving; empty for a serving state.
	meaning string
	ref     string
}

// connectionStates are the values of DescribeVpnConnections' State.
var connectionStates = map[string]stateWord{
	"active": {lifecycle: api.Serving, ref: refDescribe},
	// A connection attached to a transit router has no VPN gateway; once
	// attached (or changed) it is "attached": its working state.
	"attached": {lifecycle: api.Serving, ref: refDescribe + "; " + refAttachment + " (attached once a change is done)"},
	"init":     {lifecycle: api.Creating, meaning: "being created: not serving yet", ref: refDescribe},
	"provisioning": {lifecycle: api.Creating, meaning: "being created: not serving yet",
		ref: refDescribe},
	"attaching": {lifecycle: api.Creating, meaning: "being attached to a transit router: it does not carry traffic through it yet",
		ref: refDescribe + "; " + refTransitRouter},
	"detaching": {lifecycle: api.Deleting, meaning: "being detached from its transit router on purpose: its traffic through it stops",
		ref: refDescribe + "; " + refTransitRouter},
	"updating": {lifecycle: api.Changing, meaning: "being updated: it still serves; configuration changes are refused until it is done",
		ref: refDescribe + "; " + refAttachment + " (updating while a change is applied)"},
	"upgrading": {lifecycle: api.Changing, meaning: "being upgraded: it still serves; configuration changes are refused until it is done",
		ref: refDescribe},
	// Not in the connection's list but in the tunnel's (TunnelOptions.State)
	// and the gateway's: a connection being deleted reports it too.
	"deleting": {lifecycle: api.Deleting, meaning: "being deleted on purpose: its tunnels are going away", ref: refDescribe + " (TunnelOptions.State)"},
	"deleted":  {lifecycle: api.Gone, ref: refDescribe},
	// Overdue payment: the lock, not the key. The tunnels are down because
	// the service stopped the connection, whatever the peer does.
	"financialLocked": {lifecycle: api.Serving, locked: true,
		meaning: "locked for an overdue payment: the service has stopped it, so no tunnel negotiates until the account's overdue payment is settled; nothing on the peer or in the IPsec settings will bring it back",
		ref:     refDescribe + " (State financialLocked); api-notes (a gateway's BusinessStatus FinancialLocked)"},
}

// tunnelStates are the values of TunnelOptions.State.
var tunnelStates = map[string]stateWord{
	"active":   {lifecycle: api.Serving, ref: refDescribe + " (TunnelOptions.State)"},
	"updating": {lifecycle: api.Changing, ref: refDescribe + " (TunnelOptions.State)"},
	"deleting": {lifecycle: api.Deleting, ref: refDescribe + " (TunnelOptions.State)"},
}

// gatewayStates are the values of DescribeVpnGateways' Status (the
// gateway's financial lock is its BusinessStatus, apart).
var gatewayStates = map[string]stateWord{
	"init":         {lifecycle: api.Creating, ref: "api-notes: DescribeVpnGateways Status"},
	"provisioning": {lifecycle: api.Creating, ref: "api-notes: DescribeVpnGateways Status"},
	"active":       {lifecycle: api.Serving, ref: "api-notes: DescribeVpnGateways Status"},
	"updating":     {lifecycle: api.Changing, ref: "api-notes: DescribeVpnGateways Status"},
	"upgrading":    {lifecycle: api.Changing, ref: "the connection's list (DescribeVpnConnections State)"},
	"deleting":     {lifecycle: api.Deleting, ref: "api-notes: DescribeVpnGateways Status"},
	"deleted":      {lifecycle: api.Gone, ref: "the connection's list (DescribeVpnConnections State)"},
}

// connectionState reads a connection's State; ok is false for a word no
// document names, or none.
func connectionState(state string) (stateWord, bool) {
	w, ok := lookupConnectionState(state)
	if !ok {
		return stateWord{lifecycle: api.UnknownLifecycle}, false
	}
	return w, true
}

func gatewayLifecycle(status string) api.Lifecycle {
	if w, ok := gatewayStates[status]; ok {
		return w.lifecycle
	}
	return api.UnknownLifecycle
}

// gatewayLocked: the gateway's own financial lock (api-notes:
// BusinessStatus FinancialLocked), which stops every connection on it.
func gatewayLocked(g Gateway) bool { return g.BusinessStatus == "FinancialLocked" }

// unknownWord says why a state or status could not be read: the service
// gave none, or a word vpnscope does not know.
func unknownWord(what, word string) string {
	if word == "" {
		return what + " (the service gave none)"
	}
	return fmt.Sprintf("%s (%q is not one vpnscope knows)", what, word)
}

// stateCause says what a gateway's or connection's own state means, for
// one that is not simply serving.
func stateCause(kind, state string) api.Cause {
	c := api.Cause{Phase: "status", State: state}
	w, ok := lookupConnectionState(state)
	if kind == "gateway" {
		w, ok = gatewayStates[state]
	}
	switch {
	case !ok:
		c.State = "unknown"
		c.Message = "the service gave no state for this " + kind
		if state != "" {
			c.Message = fmt.Sprintf("state %q is not one vpnscope knows (no document names it): whether it serves is unknown", state)
		}
	case kind == "gateway":
		c.Message = map[api.Lifecycle]string{
			api.Creating: "being created: its connections and SSL clients can use it once it is active",
			api.Changing: "being updated: it still serves; configuration changes are refused until it is active",
			api.Deleting: "being deleted on purpose: its connections and SSL clients go with it",
		}[w.lifecycle]
	default:
		c.Message = w.meaning
	}
	return c
}

// lookupConnectionState is state's row, its case aside: the service spells
// some words otherwise in some answers ("Upgrading" for upgrading).
func lookupConnectionState(state string) (stateWord, bool) {
	if w, ok := connectionStates[state]; ok {
		return w, true
	}
	for word, w := range connectionStates {
		if strings.EqualFold(word, state) {
			return w, true
		}
	}
	return stateWord{}, false
}
