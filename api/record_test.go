package api

import "testing"

// A tunnel's journal state: fine while it carries; unknown when its own
// state or, with nothing carrying, the others' are not known; redundancy
// lost while another carries; traffic down when none does.
func TestATunnelsJournalStateFollowsWhatCarries(t *testing.T) {
	for _, c := range []struct {
		carries, unknown bool
		carrying, unsure int
		want             string
	}{
		{true, false, 0, 0, "ok"},
		{false, true, 1, 0, "unknown"},
		{false, false, 1, 0, "redundancy-lost"},
		{false, false, 1, 1, "redundancy-lost"},
		{false, false, 0, 0, "traffic-down"},
		{false, false, 0, 1, "unknown"},
	} {
		if got := TunnelRecordState(c.carries, c.unknown, c.carrying, c.unsure); got != c.want {
			t.Errorf("%+v: %s, want %s", c, got, c.want)
		}
	}
}
