package alibaba_test

import (
	"os"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

func TestMain(m *testing.M) {
	// Off ECS the metadata probe costs seconds; no test may wait on it.
	os.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	os.Exit(m.Run())
}

// fixedNow is the data clock of every test emulator.
var fixedNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// fastRetry keeps retry tests quick while still exercising the backoff.
var fastRetry = api.RetryPolicy{Attempts: 4, Base: 5 * time.Millisecond, Cap: 20 * time.Millisecond}

type rig struct {
	emu    *emulator.Running
	client *vpcclient.Client
}

// newRig starts an emulator on loopback and a real SDK client pointed at it.
func newRig(t testing.TB, cfg emulator.Config, opts vpcclient.Options) rig {
	t.Helper()
	if cfg.Now == nil {
		cfg.Now = func() time.Time { return fixedNow }
	}
	emu, err := emulator.Start("127.0.0.1:0", cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emu.Close() })
	opts.Endpoint = emu.URL
	if opts.Credential == nil {
		id, secret := cfg.AccessKeyID, cfg.AccessKeySecret
		if id == "" {
			id, secret = emulator.DemoAccessKeyID, emulator.DemoAccessKeySecret
		}
		opts.Credential = credentials.NewStaticAKCredentialsProvider(id, secret)
	}
	if opts.Retry.Attempts == 0 {
		opts.Retry = fastRetry
	}
	c, err := vpcclient.New("cn-hangzhou", opts)
	if err != nil {
		t.Fatal(err)
	}
	return rig{emu: emu, client: c}
}
