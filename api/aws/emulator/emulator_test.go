package emulator_test

import (
	"context"
	"net/netip"
	"os"
	"sync"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpnscope/vpnscope/api/aws/emulator"
)

func TestMain(m *testing.M) {
	os.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	os.Exit(m.Run())
}

var fixedNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// clock is a data clock a test moves.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// startSDK serves the emulator on loopback and points the real EC2 SDK
// at it.
func startSDK(t testing.TB, cfg emulator.Config) (*emulator.Running, *ec2.Client) {
	t.Helper()
	emu, err := emulator.Start("127.0.0.1:0", cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emu.Close() })
	sdk := ec2.NewFromConfig(awssdk.Config{Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(emulator.DemoAccessKeyID, emulator.DemoSecretAccessKey, "")},
		func(o *ec2.Options) { o.BaseEndpoint = awssdk.String(emu.URL) })
	return emu, sdk
}

func endpoints(t testing.TB, sdk *ec2.Client, region string) []types.ClientVpnEndpoint {
	t.Helper()
	out, err := sdk.DescribeClientVpnEndpoints(context.Background(), &ec2.DescribeClientVpnEndpointsInput{},
		func(o *ec2.Options) { o.Region = region })
	if err != nil {
		t.Fatal(err)
	}
	return out.ClientVpnEndpoints
}

func corpVPN(t testing.TB, sdk *ec2.Client) string {
	t.Helper()
	for _, e := range endpoints(t, sdk, "us-east-1") {
		for _, tag := range e.Tags {
			if *tag.Key == "Name" && *tag.Value == "corp-vpn" {
				return *e.ClientVpnEndpointId
			}
		}
	}
	t.Fatal("no corp-vpn")
	return ""
}

// walk pages through an endpoint's connections, pages of 50, with the
// SDK's paginator; between pages it calls between (may be nil).
func walk(t testing.TB, sdk *ec2.Client, region, id string, between func()) []types.ClientVpnConnection {
	t.Helper()
	var all []types.ClientVpnConnection
	p := ec2.NewDescribeClientVpnConnectionsPaginator(sdk, &ec2.DescribeClientVpnConnectionsInput{
		ClientVpnEndpointId: awssdk.String(id), MaxResults: awssdk.Int32(50)})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background(), func(o *ec2.Options) { o.Region = region })
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, page.Connections...)
		if between != nil {
			between()
		}
	}
	return all
}

// ClientIp is the address the endpoint gave the client from its client
// CIDR, for seeded and churned connections alike (it used to be a random
// public address).
func TestClientIPsLieInTheClientCIDR(t *testing.T) {
	emu, sdk := startSDK(t, emulator.Config{Now: func() time.Time { return fixedNow }})
	for range 3 {
		emu.ChurnOnce("us-east-1")
		emu.ChurnOnce("eu-west-1")
	}
	checked := 0
	for _, region := range []string{"us-east-1", "eu-west-1"} {
		for _, e := range endpoints(t, sdk, region) {
			cidr := netip.MustParsePrefix(*e.ClientCidrBlock)
			active := map[string]string{}
			for _, c := range walk(t, sdk, region, *e.ClientVpnEndpointId, nil) {
				ip, err := netip.ParseAddr(awssdk.ToString(c.ClientIp))
				if err != nil || !cidr.Contains(ip) || ip == cidr.Addr() {
					t.Errorf("%s: client %s outside %s", *c.ConnectionId, awssdk.ToString(c.ClientIp), cidr)
				}
				if c.Status.Code == types.ClientVpnConnectionStatusCodeActive {
					if other, dup := active[ip.String()]; dup {
						t.Errorf("%s and %s both hold %s", other, *c.ConnectionId, ip)
					}
					active[ip.String()] = *c.ConnectionId
				}
				checked++
			}
		}
	}
	if checked < emulator.BigEndpointConnections {
		t.Fatalf("only %d connections checked", checked)
	}
}

// A walk sees each connection at most once however the list changes
// between its pages (the token was an offset, and churn inserted at the
// front: every walk under churn saw duplicates). No gap either: every
// connection listed when the walk began is seen, and what churn added
// during the walk is seen after them.
func TestPageWalkUnderChurnHasNoDuplicatesOrGaps(t *testing.T) {
	emu, sdk := startSDK(t, emulator.Config{Now: func() time.Time { return fixedNow }})
	corp := corpVPN(t, sdk)
	before := walk(t, sdk, "us-east-1", corp, nil)
	var added []string
	got := walk(t, sdk, "us-east-1", corp, func() {
		for range 3 {
			id, err := emu.ChurnOnce("us-east-1")
			if err != nil {
				t.Fatal(err)
			}
			added = append(added, id)
		}
	})
	seen := map[string]int{}
	for i, c := range got {
		if _, dup := seen[*c.ConnectionId]; dup {
			t.Fatalf("%s twice", *c.ConnectionId)
		}
		seen[*c.ConnectionId] = i
	}
	for _, c := range before {
		if _, ok := seen[*c.ConnectionId]; !ok {
			t.Errorf("%s listed before the walk, missing from it", *c.ConnectionId)
		}
	}
	// Those added before the last page was read are on it; the last
	// round of churn came after.
	for _, id := range added[:len(added)-3] {
		if i, ok := seen[id]; !ok || i < len(before) {
			t.Errorf("%s added during the walk: at %d (seen %v)", id, i, ok)
		}
	}
	if len(got) != len(before)+len(added)-3 {
		t.Fatalf("%d seen, %d before, %d added", len(got), len(before), len(added))
	}
}

// Under the fastest churn allowed, on its timer, walks running at once
// through the real SDK never see a connection twice.
func TestConcurrentWalksUnderTimedChurn(t *testing.T) {
	_, sdk := startSDK(t, emulator.Config{Churn: 10 * time.Millisecond})
	corp := corpVPN(t, sdk)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 5 {
				seen := map[string]bool{}
				for _, c := range walk(t, sdk, "us-east-1", corp, func() { time.Sleep(3 * time.Millisecond) }) {
					if seen[*c.ConnectionId] {
						t.Errorf("%s twice in one walk", *c.ConnectionId)
					}
					seen[*c.ConnectionId] = true
				}
			}
		})
	}
	wg.Wait()
}

// Ended connections are listed for 60 minutes, as the service does, and
// at most 1,000 of them: churn no longer grows the world without bound.
func TestEndedConnectionsExpire(t *testing.T) {
	now := &clock{t: fixedNow}
	emu, sdk := startSDK(t, emulator.Config{Now: now.now})
	corp := corpVPN(t, sdk)
	count := func() (active, ended int) {
		for _, c := range walk(t, sdk, "us-east-1", corp, nil) {
			if c.Status.Code == types.ClientVpnConnectionStatusCodeTerminated {
				ended++
			} else {
				active++
			}
		}
		return
	}
	active0, ended0 := count()
	if ended0 == 0 {
		t.Fatal("the seeded world has no ended connections")
	}
	now.add(61 * time.Minute)
	if active, ended := count(); active != active0 || ended != 0 {
		t.Fatalf("an hour on: %d active, %d ended (before %d, %d)", active, ended, active0, ended0)
	}
	for range 3000 {
		emu.ChurnOnce("us-east-1")
	}
	if active, ended := count(); active != active0 || ended != 1000 {
		t.Fatalf("after 3,000 changes: %d active, %d ended", active, ended)
	}
}

// A token that is not one the emulator gave is refused, as EC2 does.
func TestForgedTokenRefused(t *testing.T) {
	_, sdk := startSDK(t, emulator.Config{Now: func() time.Time { return fixedNow }})
	_, err := sdk.DescribeClientVpnConnections(context.Background(), &ec2.DescribeClientVpnConnectionsInput{
		ClientVpnEndpointId: awssdk.String(corpVPN(t, sdk)), NextToken: awssdk.String("b2Zmc2V0OjUw")}) // "offset:50"
	if err == nil {
		t.Fatal("forged token accepted")
	}
}
