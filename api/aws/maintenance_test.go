package aws

import "testing"

// After its endpoint is replaced a tunnel comes back by itself only when
// AWS initiates it: startup action start, over IKEv2. IKEv1, or add (the
// default), waits for the device.
func TestATunnelStaysDownAfterAReplacementUnlessAWSInitiates(t *testing.T) {
	for _, c := range []struct {
		versions []string
		startup  string
		down     bool
	}{
		{[]string{"ikev2"}, "start", false},
		{[]string{"ikev1", "ikev2"}, "start", false},
		{[]string{"ikev1"}, "start", true},
		{[]string{"ikev2"}, "add", true},
		{nil, "", true}, // AWS's defaults: both versions, add
	} {
		why := StaysDownAfterReplacement(Tunnel{IKEVersions: c.versions, StartupAction: c.startup})
		if (why != "") != c.down {
			t.Errorf("%v %q: %q, want down %v", c.versions, c.startup, why, c.down)
		}
	}
}
