package alibaba

import (
	"slices"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// columnOf is the column of l titled title.
func columnOf[T any](t *testing.T, l *ui.PagedList[T], title string) ui.Column[T] {
	t.Helper()
	for _, c := range l.Spec.Columns {
		if c.Title == title {
			return c
		}
	}
	t.Fatalf("no column %s", title)
	return ui.Column[T]{}
}

// Every Alibaba Cloud list's mark, colour and worst-first order is the
// verdict the problems scan gives the same resource, through the
// emulator's demo world (issue 28): each gateway's status (a gateway being
// deleted is a note, not red; a locked one is down) and its CONNS count,
// and each connection's mark on every gateway (a connection being updated
// is a note, as P says, not "● healthy").
func TestEveryAlibabaListMarksWhatTheProblemsViewFinds(t *testing.T) {
	h := newHarness(t, 160, 48, emulator.Config{})
	s := h.Common().Styles
	h.Keys("P")
	found := h.problems().List.Rows()
	if len(found) == 0 {
		t.Fatal("no problems")
	}
	own := map[string]api.Impact{}    // a gateway's own finding, by key
	byConn := map[string]api.Impact{} // a connection's (or its tunnel's) finding, by id
	counts := map[string]api.Rollup{} // each gateway's connections in P
	regions := []string{"cn-hangzhou"}
	for _, f := range found {
		if f.Resource == "gateway" {
			own[f.Key()] = f.Impact
		}
		if f.Connection != nil {
			byConn[f.Connection.ID] = f.Impact
			r := counts[f.GatewayID]
			if f.Impact != api.Note { // a note is in no count
				r.Count(api.FoundAt(f.Impact))
			}
			counts[f.GatewayID] = r
		}
		if !slices.Contains(regions, f.Region) && f.Region != "" {
			regions = append(regions, f.Region)
		}
	}
	compared := map[string]int{}
	for _, region := range regions {
		h.Keys("esc", ":", "text:region "+region, "enter")
		gl := &h.gateways().List
		gws := append([]alibaba.Gateway{}, gl.Items...)
		for i, g := range gws {
			v := api.Verdict{Kind: api.NothingFound}
			if impact, ok := own[api.ResourceKey("alibaba", region, "gateway", g.ID)]; ok {
				v = api.FoundAt(impact)
			}
			status := columnOf(t, gl, "STATUS")
			if text := status.Cell(g); status.Paint(s, g, text) != s.PaintState(v, text) {
				t.Errorf("%s gateway %s: status %q painted otherwise than P's %s", region, g.Name, text, v.Word())
			}
			want := counts[g.ID]
			roll, _ := h.gateways().rollups.get(g.ID)
			want.Total, want.Failed, want.Unsure = roll.Total, roll.Failed, len(roll.Unchecked) > 0
			if got := columnOf(t, gl, "CONNS").Cell(g); got != ui.RollupCell(want, true) {
				t.Errorf("%s gateway %s: CONNS %q, P finds %q", region, g.Name, got, ui.RollupCell(want, true))
			}
			compared["gateway"]++
			if roll.Total == 0 {
				continue
			}
			h.Keys("g")
			for range i {
				h.Keys("j")
			}
			h.Keys("enter")
			gv := h.gateway()
			if gv == nil || gv.gw.ID != g.ID {
				t.Fatalf("%s: enter on %s opened %T", region, g.Name, h.Top())
			}
			l := gv.conns
			wantOf := func(x connRow) api.Verdict {
				if impact, ok := byConn[x.id]; ok {
					return api.FoundAt(impact)
				}
				return api.Verdict{Kind: api.NothingFound}
			}
			col := columnOf(t, l, "STATE")
			for pos := range l.Count() {
				x := l.At(pos)
				v := wantOf(x)
				if text := col.Cell(x); text != ui.VerdictCell(v) || col.Paint(s, x, text) != s.PaintVerdict(v, text) {
					t.Errorf("%s connection %s: %q, P says %s", region, x.name, text, v.Word())
				}
				compared["connection"]++
			}
			h.Keys("o")
			for pos := 1; pos < l.Count(); pos++ {
				if a, b := l.At(pos-1), l.At(pos); api.CompareVerdicts(wantOf(a), wantOf(b)) > 0 {
					t.Errorf("%s: worst first puts %s above %s", region, a.name, b.name)
				}
			}
			h.Keys("esc")
		}
	}
	t.Logf("compared %v in %v", compared, regions)
	if compared["gateway"] < 10 || compared["connection"] < 50 {
		t.Errorf("compared only %v", compared)
	}
}
