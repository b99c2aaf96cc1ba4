package alibaba

import (
	"testing"

	"github.com/vpnscope/vpnscope/api/alibaba"
)

// The connections list never marks a connection "● healthy" unless its
// verdict is healthy: a state no document names, or none, reads "?
// unknown"; one being created or removed "◌ inactive"; one locked for an
// overdue payment "○ down" (issue 23).
func TestConnectionMarkIsHealthyOnlyForAKnownWorkingState(t *testing.T) {
	for _, tc := range []struct{ state, want string }{
		{"active", "● healthy"},
		{"attached", "● healthy"},
		{"updating", "● healthy"},
		{"migrating", "? unknown"},
		{"", "? unknown"},
		{"financialLocked", "○ down"},
		{"attaching", "◌ inactive"},
		{"init", "◌ inactive"},
		{"detaching", "◌ inactive"},
	} {
		c := alibaba.Connection{ID: "vco-1", State: tc.state, Status: alibaba.StatusIPsecEstablished}
		if got := verdictWord(newConnRow(c).verdict); got != tc.want {
			t.Errorf("state %q, both phases up: %q, want %q", tc.state, got, tc.want)
		}
	}
	for v := alibaba.VerdictDown; v <= alibaba.VerdictHealthy; v++ {
		if verdictWord(v) == "" {
			t.Errorf("verdict %v has no mark", v)
		}
	}
}
