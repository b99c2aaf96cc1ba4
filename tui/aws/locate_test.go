package aws

import (
	"context"
	"strings"
	"testing"
	"time"

	alicredentials "github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/vpnscope/vpnscope/api"
	alibabaemulator "github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
	"github.com/vpnscope/vpnscope/api/aws"
	tui "github.com/vpnscope/vpnscope/tui"
	alibabatui "github.com/vpnscope/vpnscope/tui/alibaba"
	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"
	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// :id cvpn-connection-… opens its endpoint on the connections tab with the
// cursor on that connection, though it is pages further on than the first
// (issue 28, 13: the cursor was on the first row).
func TestIDOfAClientConnectionLandsOnIt(t *testing.T) {
	h, _ := newAWSHarness(t, 100, 24, false)
	h.MustShow("corp-vpn")
	eps, err := h.client.Endpoints(context.Background(), "us-east-1", api.FirstPage(50))
	if err != nil {
		t.Fatal(err)
	}
	var corp aws.Endpoint
	for _, e := range eps.Items {
		if e.Name == "corp-vpn" {
			corp = e
		}
	}
	all, err := h.client.Connections(context.Background(), "us-east-1", corp.ID, aws.ConnectionFilter{}, api.FirstPage(1000))
	if err != nil || len(all.Items) < 200 {
		t.Fatalf("corp-vpn's connections: %d, %v", len(all.Items), err)
	}
	want := all.Items[200] // far past the first page of a 24-line screen
	h.Keys(":", "text:id "+want.ID, "enter")
	v, ok := h.App.Top().(*endpointView)
	if !ok {
		t.Fatalf("not on the endpoint:\n%s", h.Screen())
	}
	if got, _ := v.conns.Selected(); v.Tab != 0 || got.ID != want.ID {
		t.Fatalf("tab %d, cursor on %s, want the connections tab on %s", v.Tab, got.ID, want.ID)
	}
	if !strings.Contains(h.Screen(), "› ") || !strings.Contains(h.Screen(), want.ID[:24]) {
		t.Fatalf("the connection is not on screen under the cursor:\n%s", h.Screen())
	}
}

// Locate's own "not found" names no API call: the line ends with what to
// do, not "· Locate" (issue 28, 13).
func TestAnIDFoundNowhereEndsWithWhatToDo(t *testing.T) {
	h, _ := newAWSHarness(t, 160, 48, false)
	h.MustShow("corp-vpn")
	h.Keys(":", "text:id vpn-0000000000000dead", "enter")
	h.MustShow("vpn-0000000000000dead: no vpn has this id in any enabled region — check the id; it may have been deleted")
	h.MustNotShow("· Locate", "NotFound")
}

// On AWS, :id with an Alibaba Cloud id (the DescribeVpnConnections
// reference's forms, as long as an AWS id) switches to Alibaba Cloud and
// looks for it there, without a call to AWS, instead of NotFound after
// asking every region (issue 28, 13), or saying whose it is and leaving the
// switch to the user (walkthrough).
func TestAnAlibabaIDOnAWSIsLookedForOnAlibaba(t *testing.T) {
	emu, client := startAWSEmulator(t)
	ali, err := alibabaemulator.Start("127.0.0.1:0", alibabaemulator.Config{Now: func() time.Time { return tuitest.FixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ali.Close() })
	aliClient, err := vpcclient.New("cn-hangzhou", vpcclient.Options{Endpoint: ali.URL, Retry: api.RetryPolicy{Attempts: 1},
		Credential: alicredentials.NewStaticAKCredentialsProvider(alibabaemulator.DemoAccessKeyID, alibabaemulator.DemoAccessKeySecret)})
	if err != nil {
		t.Fatal(err)
	}
	h := tuitest.New(t, 80, 24, tui.Config{Providers: []ui.Provider{NewProvider(client, "us-east-1", "http://emulator"),
		alibabatui.NewProvider(aliClient, "cn-hangzhou", "http://emulator")}})
	h.MustShow("corp-vpn")
	for _, id := range []string{"vpn-bp1q8bgx4xnkx1234", "vco-bp10lz7aejumd1234"} {
		before := emu.Calls("")
		h.Keys(":", "text:id "+id, "enter")
		h.MustShow("Alibaba Cloud › cn-hangzhou", id+": ")
		h.MustNotShow("switches to it")
		if n := emu.Calls("") - before; n != 0 {
			t.Fatalf("%d calls to AWS looked for %s", n, id)
		}
		h.Keys("esc", "p") // back to AWS
		h.MustShow("AWS › us-east-1", "corp-vpn")
	}
}
