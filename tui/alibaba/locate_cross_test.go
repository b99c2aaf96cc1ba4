package alibaba

import (
	"context"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
	"github.com/vpnscope/vpnscope/api/aws/ec2client"
	awsemulator "github.com/vpnscope/vpnscope/api/aws/emulator"
	tui "github.com/vpnscope/vpnscope/tui"
	awstui "github.com/vpnscope/vpnscope/tui/aws"
	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"
	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// On Alibaba Cloud, :id with an AWS id (the forms of the EC2 reference's
// examples) switches to AWS and opens it there, as p then :id would (the
// walkthrough: it said "this id is AWS's — p switches to it" and left the
// rest to the user); an id with an AWS prefix and not its form says what
// an AWS id is, not Alibaba Cloud's prefixes; vpn- with 17 hexadecimal
// digits fits both clouds' forms: Alibaba Cloud looks for it, and its
// not-found says AWS has that form too.
func TestAnAWSIDOnAlibabaOpensItOnAWS(t *testing.T) {
	_, client := startEmulator(t, emulator.Config{}, vpcclient.Options{})
	awsEmu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{Now: func() time.Time { return tuitest.FixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { awsEmu.Close() })
	awsClient := ec2client.New(awssdk.Config{Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(awsemulator.DemoAccessKeyID, awsemulator.DemoSecretAccessKey, "")},
		ec2client.Options{Endpoint: awsEmu.URL, Retry: api.RetryPolicy{Attempts: 1}})
	gws, err := awsClient.VPNGateways(context.Background(), "us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	var tgw string
	for _, g := range gws {
		if g.Name == "core-tgw" {
			tgw = g.ID
		}
	}
	h := tuitest.New(t, 160, 48, tui.Config{Providers: []ui.Provider{NewProvider(client, "cn-hangzhou", "http://emulator"),
		awstui.NewProvider(awsClient, "us-east-1", "http://emulator")}})
	h.MustShow("prod-hz-core")

	h.Keys(":", "text:id tgw-123", "enter")
	h.MustShow("tgw-123 is no AWS id: tgw- is followed by 8 or 17 hexadecimal digits")
	h.MustNotShow("give a gateway's")
	h.Keys("esc")

	h.Keys(":", "text:id vpn-0123456789abcdef0", "enter")
	h.MustShow("vpn-0123456789abcdef0: ", "(an id of AWS has this form too: p switches)")
	h.Keys("esc")

	h.Keys(":", "text:id "+tgw, "enter")
	h.MustShow("AWS › us-east-1 › Site-to-Site › core-tgw")
	h.MustNotShow("switches to it", "prod-hz-core")
	h.Keys("esc")
	h.MustShow("AWS › us-east-1 › Site-to-Site", "prod-vgw")
	h.Keys("esc")
	h.MustShow("AWS › us-east-1 › Client VPN", "corp-vpn")
}
