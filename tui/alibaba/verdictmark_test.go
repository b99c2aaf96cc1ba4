package alibaba

import (
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// The connections list never marks a connection "● healthy" unless the
// problems scan finds nothing wrong with it: a state no document names,
// or none, reads "? unknown"; one being created, changed or removed "◌
// note", as P ranks it (issue 28); one locked for an overdue payment "✗
// down"; a deleted one "– deleted", no finding and no health either.
func TestConnectionMarkIsHealthyOnlyForAKnownWorkingState(t *testing.T) {
	for _, tc := range []struct{ state, want string }{
		{"active", "● healthy"},
		{"attached", "● healthy"},
		{"updating", "◌ note"},
		{"migrating", "? unknown"},
		{"", "? unknown"},
		{"financialLocked", "✗ down"},
		{"attaching", "◌ note"},
		{"init", "◌ note"},
		{"detaching", "◌ note"},
		{"deleted", "– deleted"},
	} {
		c := alibaba.Connection{ID: "vco-1", State: tc.state, Status: alibaba.StatusIPsecEstablished}
		if got := ui.VerdictCell(newConnRow("cn-hangzhou", alibaba.Gateway{ID: "vpn-1"}, c).verdict); got != tc.want {
			t.Errorf("state %q, both phases up: %q, want %q", tc.state, got, tc.want)
		}
	}
	// A healthy connection on a gateway locked for an overdue payment is
	// down, as its finding says.
	locked := alibaba.Gateway{ID: "vpn-1", BusinessStatus: "FinancialLocked"}
	c := alibaba.Connection{ID: "vco-1", State: "active", Status: alibaba.StatusIPsecEstablished}
	if v := newConnRow("cn-hangzhou", locked, c).verdict; v != api.FoundAt(api.TrafficDown) {
		t.Errorf("on a locked gateway: %+v", v)
	}
}
