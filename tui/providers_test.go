package tui_test

import (
	"os"
	"testing"
	"time"

	alicredentials "github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
	"github.com/vpnscope/vpnscope/api/aws/ec2client"
	awsemulator "github.com/vpnscope/vpnscope/api/aws/emulator"
	"github.com/vpnscope/vpnscope/tui"
	alibabatui "github.com/vpnscope/vpnscope/tui/alibaba"
	awstui "github.com/vpnscope/vpnscope/tui/aws"
	"github.com/vpnscope/vpnscope/tui/tuitest"
	"github.com/vpnscope/vpnscope/tui/ui"
)

func TestMain(m *testing.M) {
	os.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	os.Exit(m.Run())
}

// With both clouds set up, p switches provider; each comes back in the
// region it was left in, and the keys that apply follow.
func TestProviderSwitch(t *testing.T) {
	now := func() time.Time { return tuitest.FixedNow }
	aliEmu, err := emulator.Start("127.0.0.1:0", emulator.Config{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { aliEmu.Close() })
	aliClient, err := vpcclient.New("cn-hangzhou", vpcclient.Options{Endpoint: aliEmu.URL, Retry: api.RetryPolicy{Attempts: 1},
		Credential: alicredentials.NewStaticAKCredentialsProvider(emulator.DemoAccessKeyID, emulator.DemoAccessKeySecret)})
	if err != nil {
		t.Fatal(err)
	}
	awsEmu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { awsEmu.Close() })
	cfg := awssdk.Config{Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(awsemulator.DemoAccessKeyID, awsemulator.DemoSecretAccessKey, "")}
	awsClient := ec2client.New(cfg, ec2client.Options{Endpoint: awsEmu.URL, Retry: api.RetryPolicy{Attempts: 1}})

	h := tuitest.New(t, 120, 30, tui.Config{Providers: []ui.Provider{
		alibabatui.NewProvider(aliClient, "cn-hangzhou", aliEmu.URL),
		awstui.NewProvider(awsClient, "eu-west-1", awsEmu.URL),
	}})
	h.MustShow("Alibaba Cloud › cn-hangzhou", "prod-hz-core", "p switch provider")
	h.Keys("p")
	h.MustShow("AWS › eu-west-1", "eu-staff", "switched to AWS · eu-west-1")
	if k := h.Common().Keys; k.List.Create.Enabled() || !k.List.Terminate.Enabled() || !k.Global.Problems.Enabled() {
		t.Fatal("the keys did not follow the provider")
	}
	h.Keys(":", "text:region eu-central-1", "enter", "p")
	h.MustShow("Alibaba Cloud › cn-hangzhou", "prod-hz-core")
	if k := h.Common().Keys; !k.List.Create.Enabled() || k.List.Terminate.Enabled() {
		t.Fatal("the keys did not come back with the provider")
	}
	h.Keys("p")
	h.MustShow("AWS › eu-central-1")
}
