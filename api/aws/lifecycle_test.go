package aws_test

import (
	"strings"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

// A Site-to-Site connection, a gateway and a Client VPN endpoint in the
// same state rank alike (api.RankLifecycle): being created or deleted is a
// note whatever its tunnels or targets say; deleted is no finding; an
// endpoint that served and is pending-associate again is traffic down.
func TestLifecycleRanksEveryResourceAlike(t *testing.T) {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	down := []aws.Tunnel{tunnel(false), tunnel(false)}
	down[1].OutsideIP = "203.0.113.11"
	conn := func(state string) *aws.Finding {
		return aws.ConnectionFinding("us-east-1", aws.VPNGateway{ID: "vgw-1"}, aws.CustomerGateway{},
			aws.VPNConnection{ID: "vpn-1", State: state, Tunnels: down}, now)
	}
	endpoint := func(state string, served bool) *aws.Finding {
		e := aws.Endpoint{ID: "cvpn-endpoint-1", Status: state, LoggingEnabled: true}
		return aws.EndpointFinding("us-east-1", e, served, aws.Troubleshoot(e, nil, nil, nil), nil, nil)
	}
	gateway := func(state string) *aws.Finding {
		return aws.GatewayFinding("us-east-1", aws.VPNGateway{ID: "tgw-1", State: state})
	}
	type want struct {
		none   bool
		impact api.Impact
		phase  string
		has    string
	}
	cases := []struct {
		name string
		f    *aws.Finding
		want want
	}{
		{"connection available, both tunnels down", conn("available"), want{impact: api.TrafficDown, phase: "tunnel"}},
		{"connection pending", conn("pending"), want{impact: api.Note, phase: "status", has: "being created"}},
		{"connection deleting", conn("deleting"), want{impact: api.Note, phase: "status", has: "deleted on purpose"}},
		{"connection deleted", conn("deleted"), want{none: true}},
		{"connection in an unknown state, tunnels down", conn("exploding"), want{impact: api.TrafficDown, phase: "tunnel"}},
		// API_ClientVpnEndpointStatus: pending waits for the Transit Gateway
		// attachment to be accepted, which someone must do.
		{"endpoint pending", endpoint("pending", false), want{impact: api.Note, phase: "status", has: "Transit Gateway attachment to be accepted"}},
		{"endpoint pending-associate, new", endpoint("pending-associate", false), want{impact: api.Note, phase: "status", has: "associated yet"}},
		{"endpoint pending-associate, served before", endpoint("pending-associate", true), want{impact: api.TrafficDown, phase: "status", has: "cut off"}},
		{"endpoint deleting", endpoint("deleting", true), want{impact: api.Note, phase: "status", has: "deleted on purpose"}},
		{"endpoint deleted", endpoint("deleted", true), want{none: true}},
		{"endpoint available, no network", endpoint("available", false), want{none: true}},
		{"endpoint with no state", endpoint("", false), want{impact: api.Unknown, phase: "status", has: "no state"}},
		{"endpoint in a state no document names", endpoint("hibernating", false), want{impact: api.Unknown, phase: "status", has: `"hibernating"`}},
		{"gateway available", gateway("available"), want{none: true}},
		{"gateway pending", gateway("pending"), want{impact: api.Note, phase: "status", has: "being created"}},
		{"gateway modifying", gateway("modifying"), want{impact: api.Note, phase: "status", has: "still serves"}},
		{"gateway deleting", gateway("deleting"), want{impact: api.Note, phase: "status", has: "deleted on purpose"}},
		{"gateway deleted", gateway("deleted"), want{none: true}},
		{"gateway with no state", gateway(""), want{impact: api.Unknown, phase: "status", has: "no state"}},
		{"gateway in a state no document names", gateway("hibernating"), want{impact: api.Unknown, phase: "status", has: `"hibernating"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.want.none {
				if tc.f != nil {
					t.Fatalf("want no finding, got %+v", tc.f.Finding)
				}
				return
			}
			if tc.f == nil {
				t.Fatal("no finding")
			}
			f := tc.f.Finding
			if f.Impact != tc.want.impact || f.Phase != tc.want.phase || !strings.Contains(f.Message, tc.want.has) {
				t.Errorf("got %s %s %q, want %s %s %q", f.Impact, f.Phase, f.Message, tc.want.impact, tc.want.phase, tc.want.has)
			}
			for _, a := range f.Also {
				if strings.Contains(a.Message, "still being created") || strings.Contains(a.Message, "accepts no client.") {
					t.Errorf("the state said twice: %q", a.Message)
				}
			}
		})
	}
	if f := conn("exploding"); f == nil || len(f.Unchecked) == 0 {
		t.Errorf("an unknown state is not passed off as known: %+v", f)
	}
}

// Served before: a connection in the list, or a network being
// disassociated; a new endpoint has neither.
func TestEndpointServedBefore(t *testing.T) {
	if aws.EndpointServedBefore(nil, nil) {
		t.Error("a new endpoint served before")
	}
	if !aws.EndpointServedBefore(nil, []aws.Connection{{Status: "terminated"}}) {
		t.Error("an endpoint with an ended connection did not serve")
	}
	if !aws.EndpointServedBefore([]aws.TargetNetwork{{Status: "disassociating"}}, nil) {
		t.Error("an endpoint losing its network did not serve")
	}
}
