package ec2client_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/api/aws/ec2client"
	"github.com/vpnscope/vpnscope/api/aws/emulator"
	"github.com/vpnscope/vpnscope/api/fault"
)

func vpcOf(t *testing.T, r rig, region, gateway string) (aws.VPNGateway, string) {
	t.Helper()
	g := gatewayNamed(t, r, region, gateway)
	vpcs := aws.RouteVPCs(g)
	if len(vpcs) != 1 {
		t.Fatalf("%s: VPCs %v", gateway, vpcs)
	}
	return g, vpcs[0]
}

// A VPC's route tables through the real SDK: the main table and the
// subnets of each, the gateways propagating into them, each route's
// destination, target, origin and state; a detached gateway's VPC is
// among those read, with its blackhole.
func TestRouteTablesMapTheServicesAnswer(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	prod, vpc := vpcOf(t, r, "us-east-1", "prod-vgw")
	tables, err := r.client.RouteTables(ctx, "us-east-1", aws.RouteTableQuery{VpcID: vpc})
	if err != nil || len(tables) != 5 {
		t.Fatalf("%d tables, %v", len(tables), err)
	}
	main, public := tables[0], tables[1]
	if !main.Main || main.Name != "prod-main" || main.VpcID != vpc || !main.Propagates(prod.ID) || len(main.RoutesTo(prod.ID)) == 0 {
		t.Errorf("main: %+v", main)
	}
	if public.Main || len(public.Subnets) != 2 || !strings.HasPrefix(public.Subnets[0], "subnet-") || public.Propagates(prod.ID) {
		t.Errorf("public: %+v", public)
	}
	if l := main.Routes[0]; l.Target != "local" || l.Origin != aws.OriginTable || l.State != "active" || l.Destination != "10.0.0.0/16" {
		t.Errorf("local route: %+v", l)
	}
	for _, x := range main.RoutesTo(prod.ID) {
		if !x.Propagated() || x.Blackhole() {
			t.Errorf("a propagated route: %+v", x)
		}
	}
	if d := public.Routes[1]; d.Destination != "0.0.0.0/0" || !strings.HasPrefix(d.Target, "igw-") || d.Origin != aws.OriginCreated {
		t.Errorf("the default route: %+v", d)
	}

	mig, vpc := vpcOf(t, r, "eu-west-1", "eu-mig-vgw")
	if len(mig.VPCAttachments) != 1 || mig.VPCAttachments[0].State != "detached" || len(mig.VpcIDs) != 0 {
		t.Errorf("eu-mig-vgw's attachments: %+v, attached %v", mig.VPCAttachments, mig.VpcIDs)
	}
	tables, err = r.client.RouteTables(ctx, "eu-west-1", aws.RouteTableQuery{VpcID: vpc})
	if err != nil || len(tables) != 1 || len(tables[0].RoutesTo(mig.ID)) != 1 || !tables[0].RoutesTo(mig.ID)[0].Blackhole() {
		t.Errorf("eu-mig's VPC: %+v %v", tables, err)
	}
}

// A VPC's tables are read once for every caller within a few seconds,
// concurrent callers included; a fresh query reads them again; a failed
// read is not kept.
func TestRouteTablesAreReadOncePerVPC(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	_, vpc := vpcOf(t, r, "us-east-1", "prod-vgw")
	before := r.emu.Calls("DescribeRouteTables")
	var wg sync.WaitGroup
	for range 5 {
		wg.Go(func() {
			if _, err := r.client.RouteTables(ctx, "us-east-1", aws.RouteTableQuery{VpcID: vpc}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if _, err := r.client.RouteTables(ctx, "us-east-1", aws.RouteTableQuery{VpcID: vpc}); err != nil {
		t.Fatal(err)
	}
	if n := r.emu.Calls("DescribeRouteTables") - before; n != 1 {
		t.Errorf("six reads of one VPC cost %d calls", n)
	}
	if _, err := r.client.RouteTables(ctx, "us-east-1", aws.RouteTableQuery{VpcID: vpc, Fresh: true}); err != nil {
		t.Fatal(err)
	}
	if n := r.emu.Calls("DescribeRouteTables") - before; n != 2 {
		t.Errorf("a fresh read made %d calls in all, want 2", n)
	}

	_, staging := vpcOf(t, r, "us-east-1", "staging-vgw")
	f, _ := fault.Parse("forbidden:action=DescribeRouteTables,first=1")
	r.emu.SetFaults(f)
	if _, err := r.client.RouteTables(ctx, "us-east-1", aws.RouteTableQuery{VpcID: staging}); err == nil {
		t.Fatal("the refused read succeeded")
	}
	if tables, err := r.client.RouteTables(ctx, "us-east-1", aws.RouteTableQuery{VpcID: staging}); err != nil || len(tables) != 1 {
		t.Errorf("after a refusal the next read gave %v, %v: the failure was kept", tables, err)
	}
}

// Each fault on DescribeRouteTables comes back as what a person can act
// on: refused names the action to grant, throttled, malformed and a hang
// say so; never an empty list.
func TestRouteTablesFaults(t *testing.T) {
	for _, c := range []struct {
		fault string
		kind  api.Kind
		code  string
	}{
		{"forbidden:action=DescribeRouteTables", api.KindPermission, "UnauthorizedOperation"},
		{"throttle:action=DescribeRouteTables", api.KindThrottled, "RequestLimitExceeded"},
		{"malformed:action=DescribeRouteTables", api.KindServer, "MalformedResponse"},
		{"truncate:action=DescribeRouteTables", api.KindServer, "MalformedResponse"},
		{"hang:action=DescribeRouteTables", api.KindNetwork, "Timeout"},
		{"oversize:action=DescribeRouteTables", api.KindServer, "OversizedPage"},
	} {
		t.Run(c.fault, func(t *testing.T) {
			emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Now: func() time.Time { return fixedNow }})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { emu.Close() })
			client := ec2client.New(awssdk.Config{Region: "us-east-1",
				Credentials: credentials.NewStaticCredentialsProvider(emulator.DemoAccessKeyID, emulator.DemoSecretAccessKey, "")},
				ec2client.Options{Endpoint: emu.URL, ReadTimeout: 300 * time.Millisecond, Retry: api.RetryPolicy{Attempts: 1}})
			g := gatewayIDNamed(t, client, "us-east-1", "prod-vgw")
			gws, _ := client.VirtualPrivateGateways(context.Background(), "us-east-1", []string{g})
			f, _ := fault.Parse(c.fault)
			emu.SetFaults(f)
			tables, err := client.RouteTables(context.Background(), "us-east-1", aws.RouteTableQuery{VpcID: gws[0].VpcIDs[0]})
			e, ok := api.AsError(err)
			if !ok || e.Kind != c.kind || e.Code != c.code || e.Action != "DescribeRouteTables" || tables != nil {
				t.Fatalf("got %d tables, %#v", len(tables), err)
			}
		})
	}
}

// The walk follows NextToken page by page with the vpc-id filter and
// MaxResults 100, and stops when the token ends (or repeats).
func TestRouteTablesWalkEveryPage(t *testing.T) {
	var mu sync.Mutex
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		mu.Lock()
		asked = append(asked, r.Form.Get("NextToken")+"|"+r.Form.Get("MaxResults")+"|"+r.Form.Get("Filter.1.Name")+"="+r.Form.Get("Filter.1.Value.1"))
		mu.Unlock()
		page, next := "1", "<nextToken>p2</nextToken>"
		switch r.Form.Get("NextToken") {
		case "p2":
			page, next = "2", "<nextToken>p3</nextToken>"
		case "p3":
			page, next = "3", "<nextToken>p3</nextToken>" // the same token again: the end
		}
		w.Header().Set("Content-Type", "text/xml")
		fmt.Fprintf(w, `<DescribeRouteTablesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId>`+
			`<routeTableSet><item><routeTableId>rtb-%s</routeTableId><vpcId>vpc-1</vpcId></item></routeTableSet>%s</DescribeRouteTablesResponse>`, page, next)
	}))
	defer srv.Close()
	client := ec2client.New(awssdk.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("AKIDTEST", "secret", "")},
		ec2client.Options{Endpoint: srv.URL, Retry: api.RetryPolicy{Attempts: 1}})
	tables, err := client.RouteTables(context.Background(), "us-east-1", aws.RouteTableQuery{VpcID: "vpc-1"})
	if err != nil || len(tables) != 3 || tables[2].ID != "rtb-3" {
		t.Fatalf("%+v %v", tables, err)
	}
	if strings.Join(asked, " ") != "|100|vpc-id=vpc-1 p2|100|vpc-id=vpc-1 p3|100|vpc-id=vpc-1" {
		t.Errorf("asked %v", asked)
	}
}
