package aws

import (
	"context"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/keymap"
	"github.com/vpnscope/vpnscope/tui/tuitest"
	"github.com/vpnscope/vpnscope/tui/ui"
)

// A finding opened from the overview of every provider opens as the
// problems view opens it: on the finding's tunnel, with the provider's
// verdicts at hand; and the overview's whole scan is what the lists'
// HEALTH columns read afterwards, as after P on AWS alone.
func TestTheOverviewOpensAFindingAsTheProblemsViewDoes(t *testing.T) {
	_, client := startAWSEmulator(t)
	p := NewProvider(client, "us-east-1", "http://emulator").(*provider)
	c := &ui.Common{Ctx: context.Background(), Keys: keymap.Default(), Styles: ui.NewStyles(true), Region: "us-east-1",
		Now: func() time.Time { return tuitest.FixedNow }, Loc: time.UTC, Width: 160, Height: 48, MaxInFlight: 4}
	var last ui.ScanUpdate
	for u := range p.ScanFindings(c) {
		last = u
	}
	if !last.Done || !p.verdicts.judged() {
		t.Fatalf("the overview's whole scan (done %v) left the lists' verdicts unset", last.Done)
	}
	second := 0
	for _, f := range last.Found {
		if f.Resource != "tunnel" {
			continue
		}
		push, ok := f.Open(c)().(ui.PushMsg)
		if !ok {
			t.Fatalf("%s: opened nothing", f.Subject())
		}
		pane, _ := push.Build()
		v := pane.(*foundTunnels)
		if v.c.verdicts == nil {
			t.Errorf("%s: opened without the provider's verdicts", f.Subject())
		}
		if got := v.conn.Tunnels[v.sel].OutsideIP; got != f.TunnelID {
			t.Errorf("%s opened with tunnel %s selected, not %s", f.Subject(), got, f.TunnelID)
		}
		if v.conn.Tunnels[0].OutsideIP != f.TunnelID {
			second++
		}
	}
	if second == 0 {
		t.Fatal("no finding is about a connection's second tunnel: this test cannot fail")
	}
}
