package api

import "testing"

// The rule, one row per lifecycle: what is not judged on its contents is
// ranked by its state, and only a resource that served before and no
// longer does is traffic down.
func TestRankLifecycle(t *testing.T) {
	cases := []struct {
		l            Lifecycle
		servedBefore bool
		want         LifecycleRank
	}{
		{Serving, false, LifecycleRank{Judge: true}},
		{Changing, false, LifecycleRank{Report: true, Impact: Note, Judge: true}},
		{Creating, false, LifecycleRank{Report: true, Impact: Note}},
		{Creating, true, LifecycleRank{Report: true, Impact: TrafficDown}},
		{Deleting, false, LifecycleRank{Report: true, Impact: Note}},
		{Deleting, true, LifecycleRank{Report: true, Impact: Note}},
		{Gone, true, LifecycleRank{}},
		// A state no document names may hide traffic down: unknown, which
		// outranks a note (api.Impact), never a note.
		{UnknownLifecycle, false, LifecycleRank{Report: true, Impact: Unknown, Judge: true}},
		{UnknownLifecycle, true, LifecycleRank{Report: true, Impact: Unknown, Judge: true}},
	}
	for _, tc := range cases {
		if got := RankLifecycle(tc.l, tc.servedBefore); got != tc.want {
			t.Errorf("%s (served before %v): got %+v, want %+v", tc.l, tc.servedBefore, got, tc.want)
		}
	}
}
