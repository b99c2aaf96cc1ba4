package aws

import (
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// cellOf is what column title of l shows for row x, and its paint.
func cellOf[T any](t *testing.T, s *ui.Styles, l *ui.PagedList[T], title string, x T) (text, painted string) {
	t.Helper()
	for _, c := range l.Spec.Columns {
		if c.Title == title {
			text = c.Cell(x)
			painted = text
			if c.Paint != nil {
				painted = c.Paint(s, x, text)
			}
			return text, painted
		}
	}
	t.Fatalf("no column %s", title)
	return "", ""
}

// awsWant is what the problems scan found, as each list must show it.
type awsWant struct {
	byKey  map[string]api.Impact // a resource's own finding
	byConn map[string]api.Impact // a connection's finding (its tunnel's, when one carries alone)
	rollup map[string]api.Rollup // each gateway's connections, from the findings
}

func wantFromFindings(fs []aws.Finding) awsWant {
	w := awsWant{byKey: map[string]api.Impact{}, byConn: map[string]api.Impact{}, rollup: map[string]api.Rollup{}}
	for _, f := range fs {
		w.byKey[api.ResourceKey(f.Provider, f.Region, f.Resource, f.ResourceID)] = f.Impact
		if f.Connection != nil {
			w.byConn[f.Connection.ID] = f.Impact
		}
	}
	return w
}

// connectionWant is the verdict P gives a connection: its finding's, or
// none; deleted when its state is (it makes no finding).
func (w awsWant) connectionWant(c aws.VPNConnection) api.Verdict {
	if i, ok := w.byConn[c.ID]; ok {
		return api.FoundAt(i)
	}
	if c.State == "deleted" {
		return api.Verdict{Kind: api.Deleted}
	}
	return api.Verdict{Kind: api.NothingFound}
}

// Every AWS list's mark, colour and worst-first order is the verdict the
// problems scan gives the same resource, through the emulator's demo world
// in every region (issue 28): the Client VPN endpoints' HEALTH (legacy-office
// is traffic down, not a green "● available"), each gateway's own state
// and its connections' HEALTH count, and each connection's mark (branch-paris,
// up with no route, is "✗ 2/2"; partner-gone, deleted, is no finding and
// sorts below the live colo-2).
//
// The same when the provider browses one account of several: P's
// findings then carry the account, and the lists still find them.
func TestEveryAWSListMarksWhatTheProblemsViewFinds(t *testing.T) {
	for _, account := range []string{"", "prod"} {
		t.Run("account="+account, func(t *testing.T) { everyListMarksWhatTheProblemsViewFinds(t, account) })
	}
}

func everyListMarksWhatTheProblemsViewFinds(t *testing.T, account string) {
	h, _ := newAWSHarnessIn(t, 160, 48, ui.Account{Name: account})
	s := h.Common().Styles
	h.MustShow("corp-vpn", "HEALTH: P checks every endpoint")
	h.Keys("P")
	p, ok := tuitest.Find[*awsProblemsPane](h.Harness)
	if !ok || p.List.Count() == 0 {
		t.Fatal("no problems")
	}
	want := wantFromFindings(p.List.Rows())
	checked := map[string]int{}
	for _, region := range []string{"us-east-1", "eu-west-1", "ap-southeast-2"} {
		h.Keys("esc", ":", "text:region "+region, "enter")
		root := h.App.Panes()[0].(*endpointsPane)
		l := &root.List
		for pos := range l.Count() {
			e := l.At(pos)
			v := api.Verdict{Kind: api.NothingFound}
			if i, ok := want.byKey[api.ResourceKey("aws", region, "client-vpn-endpoint", e.ID)]; ok {
				v = api.FoundAt(i)
			} else if e.Status == "deleted" {
				v = api.Verdict{Kind: api.Deleted}
			}
			text, painted := cellOf(t, s, l, "HEALTH", e)
			if text != ui.VerdictCell(v) || painted != s.PaintVerdict(v, text) {
				t.Errorf("%s endpoint %s: HEALTH %q, P says %s", region, e.Name, text, v.Word())
			}
			checked["endpoint"]++
		}
		h.Keys("o")
		for pos := 1; pos < l.Count(); pos++ {
			a, b := l.At(pos-1), l.At(pos)
			if api.CompareVerdicts(root.c.verdicts.endpoint(region, a), root.c.verdicts.endpoint(region, b)) > 0 {
				t.Errorf("%s: worst first puts %s above %s", region, a.Name, b.Name)
			}
		}

		h.Keys(":", "text:gateways", "enter")
		gp, _ := tuitest.Find[*s2sGatewaysPane](h.Harness)
		gws := append([]aws.VPNGateway{}, gp.List.Items...)
		for _, g := range gws {
			own := api.Verdict{Kind: api.NothingFound}
			if i, ok := want.byKey[api.ResourceKey("aws", region, "gateway", g.ID)]; ok {
				own = api.FoundAt(i)
			}
			if _, painted := cellOf(t, s, &gp.List, "STATE", g); painted != s.PaintState(own, g.State) {
				t.Errorf("%s gateway %s: state %q painted otherwise than P's %s", region, g.Name, g.State, own.Word())
			}
			checked["gateway"]++
		}
		for i, g := range gws {
			h.Keys("g")
			for range i {
				h.Keys("j")
			}
			h.Keys("enter")
			cp, ok := h.Top().(*s2sConnectionsPane)
			if !ok || cp.gw.ID != g.ID {
				t.Fatalf("%s: enter on %s opened %T", region, g.Name, h.Top())
			}
			var r api.Rollup
			for pos := range cp.List.Count() {
				x := cp.List.At(pos)
				v := want.connectionWant(x.VPNConnection)
				r.Count(v)
				text, painted := cellOf(t, s, &cp.List, "TUNNELS", x)
				if mark := []rune(text)[0]; string(mark) != ui.VerdictMark(v) || painted != s.PaintVerdict(v, text) {
					t.Errorf("%s connection %s: TUNNELS %q, P says %s", region, x.Name, text, v.Word())
				}
				checked["connection"]++
			}
			h.Keys("o")
			for pos := 1; pos < cp.List.Count(); pos++ {
				a, b := cp.List.At(pos-1), cp.List.At(pos)
				if api.CompareVerdicts(want.connectionWant(a.VPNConnection), want.connectionWant(b.VPNConnection)) > 0 {
					t.Errorf("%s: worst first puts %s (%s) above %s (%s)", region, a.Name, a.State, b.Name, b.State)
				}
			}
			h.Keys("esc")
			if text, _ := cellOf(t, s, &gp.List, "HEALTH", g); text != ui.RollupCell(r, true) {
				t.Errorf("%s gateway %s: HEALTH %q, its connections in P: %q", region, g.Name, text, ui.RollupCell(r, true))
			}
		}
	}
	for _, kind := range []string{"endpoint", "gateway", "connection"} {
		if checked[kind] < 3 {
			t.Errorf("only %d %s rows compared", checked[kind], kind)
		}
	}
}
