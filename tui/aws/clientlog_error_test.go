package aws

import (
	"fmt"
	"strings"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws/ec2client"
	awsemulator "github.com/vpnscope/vpnscope/api/aws/emulator"
	"github.com/vpnscope/vpnscope/api/fault"
	"github.com/vpnscope/vpnscope/tui"
	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"
	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// A connection log whose read timed out says so in sentences at any width
// (walkthrough 2, B3: at 80 columns "then press" / "r" / "FilterLogEvents"
// stood on lines of their own): the advice is whole on a line when it
// fits, and wrapped, its next line hangs under it and carries more than
// one word.
func TestClientLogTimeoutReadsAsProse(t *testing.T) {
	const advice = "→ check the network path to the endpoint (proxy, DNS, firewall), then press r"
	for _, w := range []int{80, 160, 64} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			emu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{Now: func() time.Time { return tuitest.FixedNow }})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { emu.Close() })
			cfg := awssdk.Config{Region: "us-east-1",
				Credentials: credentials.NewStaticCredentialsProvider(awsemulator.DemoAccessKeyID, awsemulator.DemoSecretAccessKey, "")}
			// A short read timeout: the hang ends in a Timeout without the 10 s wait.
			client := ec2client.New(cfg, ec2client.Options{Endpoint: emu.URL, Retry: api.RetryPolicy{Attempts: 1}, ReadTimeout: 200 * time.Millisecond})
			h := tuitest.New(t, w, 24, tui.Config{Providers: []ui.Provider{NewProvider(client, "us-east-1", "http://emulator")}, Demo: true})
			h.MustShow("corp-vpn")
			f, _ := fault.Parse("hang:action=FilterLogEvents,first=1")
			emu.SetFaults(f)
			h.Keys("l")
			h.MustShow("Connection log", "Timeout: no answer from the endpoint in time", "FilterLogEvents")
			lines := strings.Split(h.Screen(), "\n")
			var body []string
			for i, l := range lines {
				if strings.Contains(l, "→ check") {
					body = lines[i:]
					break
				}
			}
			if body == nil {
				t.Fatalf("no advice on screen:\n%s", h.Screen())
			}
			first := strings.TrimSpace(body[0])
			if w >= 80 {
				if first != advice {
					t.Fatalf("the advice is cut at %d columns: %q\n%s", w, first, h.Screen())
				}
				return
			}
			next := body[1]
			if !strings.HasPrefix(next, "    ") || len(strings.Fields(next)) < 2 ||
				strings.Join(strings.Fields(first+" "+next), " ") != advice {
				t.Fatalf("the advice does not wrap as one sentence at %d columns: %q / %q\n%s", w, first, next, h.Screen())
			}
		})
	}
}
