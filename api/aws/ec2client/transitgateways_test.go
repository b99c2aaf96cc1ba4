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

func tgwConnNamed(t *testing.T, c *ec2client.Client, region, name string) aws.VPNConnection {
	t.Helper()
	conns, err := c.VPNConnections(context.Background(), region, aws.VPNConnectionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, conn := range conns {
		if conn.Name == name {
			return conn
		}
	}
	t.Fatalf("no connection %s in %s", name, region)
	return aws.VPNConnection{}
}

// tgwPathOf reads a connection's route path the way the view does: its
// attachment, its propagations, then each of its tables.
func tgwPathOf(t *testing.T, c *ec2client.Client, region string, conn aws.VPNConnection) aws.TGWPath {
	t.Helper()
	ctx := context.Background()
	p := aws.TGWPath{Connection: conn, Tables: map[string]aws.TGWRouteTable{}, TableErrs: map[string]error{}}
	atts, err := c.TransitAttachments(ctx, region, aws.TGWAttachmentQuery{ConnectionIDs: []string{conn.ID}})
	if err != nil {
		t.Fatal(err)
	}
	p.Attachment = aws.AttachmentFor(conn.ID, atts)
	if p.Attachment == nil {
		t.Fatalf("%s: no attachment in %+v", conn.Name, atts)
	}
	if p.Propagations, err = c.TransitPropagations(ctx, region, aws.TGWPropagationQuery{AttachmentID: p.Attachment.ID}); err != nil {
		t.Fatal(err)
	}
	for _, id := range p.PathTables() {
		if p.Tables[id], err = c.TransitRoutes(ctx, region, aws.TGWRouteQuery{TableID: id}); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

// Through the SDK against the emulator, each case of a transit gateway
// connection's route path is judged by its rule: routed (eu-dc), not
// propagating, half blackholed, unassociated.
func TestTransitRoutePathsAreJudgedByTheirRules(t *testing.T) {
	r := newRig(t, "")
	for _, c := range []struct {
		conn  string
		rules []string
	}{
		{"eu-dc", nil},
		{"eu-hub-quiet", []string{aws.RuleNotPropagating}},
		{"eu-hub-bh", []string{aws.RuleBlackhole}},
		{"eu-hub-lone", []string{aws.RuleUnassociated}},
	} {
		p := tgwPathOf(t, r.client, "eu-west-1", tgwConnNamed(t, r.client, "eu-west-1", c.conn))
		v := aws.JudgeTGWPath(p)
		var rules []string
		for _, i := range v.Issues {
			rules = append(rules, i.Rule)
		}
		if strings.Join(rules, ",") != strings.Join(c.rules, ",") || len(v.Unread) > 0 {
			t.Errorf("%s: rules %v, unread %v; want %v", c.conn, rules, v.Unread, c.rules)
		}
	}
}

// A read is kept a moment and shared: the same table read twice is one
// call; a fresh query reads again.
func TestTransitRoutesAreKeptBriefly(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	p := tgwPathOf(t, r.client, "eu-west-1", tgwConnNamed(t, r.client, "eu-west-1", "eu-dc"))
	before := r.emu.Calls("SearchTransitGatewayRoutes")
	table := p.PathTables()[0]
	for range 3 {
		if _, err := r.client.TransitRoutes(ctx, "eu-west-1", aws.TGWRouteQuery{TableID: table}); err != nil {
			t.Fatal(err)
		}
	}
	if n := r.emu.Calls("SearchTransitGatewayRoutes") - before; n != 0 {
		t.Errorf("%d calls for a table read a moment ago", n)
	}
	if _, err := r.client.TransitRoutes(ctx, "eu-west-1", aws.TGWRouteQuery{TableID: table, Fresh: true}); err != nil {
		t.Fatal(err)
	}
	if n := r.emu.Calls("SearchTransitGatewayRoutes") - before; n != 1 {
		t.Errorf("a fresh read made %d calls, want 1", n)
	}
}

// Each fault on each new call comes back as what a person can act on:
// refused names the action to grant; throttled, malformed and a hang say
// so; never an empty answer taken for "none".
func TestTransitCallsFaults(t *testing.T) {
	for _, action := range []string{"DescribeTransitGatewayAttachments", "GetTransitGatewayAttachmentPropagations", "SearchTransitGatewayRoutes"} {
		for _, c := range []struct {
			fault string
			kind  api.Kind
			code  string
		}{
			{"forbidden", api.KindPermission, "UnauthorizedOperation"},
			{"throttle", api.KindThrottled, "RequestLimitExceeded"},
			{"malformed", api.KindServer, "MalformedResponse"},
			{"hang", api.KindNetwork, "Timeout"},
		} {
			t.Run(action+"/"+c.fault, func(t *testing.T) {
				emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Now: func() time.Time { return fixedNow }})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { emu.Close() })
				client := ec2client.New(awssdk.Config{Region: "us-east-1",
					Credentials: credentials.NewStaticCredentialsProvider(emulator.DemoAccessKeyID, emulator.DemoSecretAccessKey, "")},
					ec2client.Options{Endpoint: emu.URL, ReadTimeout: 300 * time.Millisecond, Retry: api.RetryPolicy{Attempts: 1}})
				conn := tgwConnNamed(t, client, "eu-west-1", "eu-dc")
				ctx := context.Background()
				atts, _ := client.TransitAttachments(ctx, "eu-west-1", aws.TGWAttachmentQuery{ConnectionIDs: []string{conn.ID}, Fresh: true})
				a := aws.AttachmentFor(conn.ID, atts)
				props, _ := client.TransitPropagations(ctx, "eu-west-1", aws.TGWPropagationQuery{AttachmentID: a.ID})
				f, _ := fault.Parse(c.fault + ":action=" + action)
				emu.SetFaults(f)
				var got int
				switch action {
				case "DescribeTransitGatewayAttachments":
					var out []aws.TGWAttachment
					out, err = client.TransitAttachments(ctx, "eu-west-1", aws.TGWAttachmentQuery{ConnectionIDs: []string{conn.ID}, Fresh: true})
					got = len(out)
				case "GetTransitGatewayAttachmentPropagations":
					var out []aws.TGWPropagation
					out, err = client.TransitPropagations(ctx, "eu-west-1", aws.TGWPropagationQuery{AttachmentID: a.ID, Fresh: true})
					got = len(out)
				default:
					var out aws.TGWRouteTable
					out, err = client.TransitRoutes(ctx, "eu-west-1", aws.TGWRouteQuery{TableID: props[0].TableID})
					got = len(out.Routes)
				}
				e, ok := api.AsError(err)
				if !ok || e.Kind != c.kind || e.Code != c.code || e.Action != action || got != 0 {
					t.Fatalf("got %d items, %#v", got, err)
				}
			})
		}
	}
}

// What the client asks: the attachments by resource-type vpn and
// resource-id, 200 ids a call at most; a table's routes with the required
// filter (state active and blackhole) and MaxResults 1000, in one call; a
// search answered with additionalRoutesAvailable is said cut short.
func TestTransitCallsAskAsTheReferenceSays(t *testing.T) {
	var mu sync.Mutex
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		mu.Lock()
		defer mu.Unlock()
		w.Header().Set("Content-Type", "text/xml")
		switch r.Form.Get("Action") {
		case "DescribeTransitGatewayAttachments":
			n := 0
			for k := range r.Form {
				if strings.HasPrefix(k, "Filter.2.Value.") {
					n++
				}
			}
			asked = append(asked, fmt.Sprintf("attachments %s=%s %s=%d ids max %s", r.Form.Get("Filter.1.Name"), r.Form.Get("Filter.1.Value.1"),
				r.Form.Get("Filter.2.Name"), n, r.Form.Get("MaxResults")))
			fmt.Fprint(w, `<DescribeTransitGatewayAttachmentsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId>`+
				`<transitGatewayAttachments><item><transitGatewayAttachmentId>tgw-attach-1</transitGatewayAttachmentId><resourceType>vpn</resourceType>`+
				`<resourceId>vpn-1</resourceId><state>available</state><association><transitGatewayRouteTableId>tgw-rtb-1</transitGatewayRouteTableId>`+
				`<state>associated</state></association></item></transitGatewayAttachments></DescribeTransitGatewayAttachmentsResponse>`)
		case "SearchTransitGatewayRoutes":
			asked = append(asked, fmt.Sprintf("search %s %s=%s,%s max %s", r.Form.Get("TransitGatewayRouteTableId"), r.Form.Get("Filter.1.Name"),
				r.Form.Get("Filter.1.Value.1"), r.Form.Get("Filter.1.Value.2"), r.Form.Get("MaxResults")))
			fmt.Fprint(w, `<SearchTransitGatewayRoutesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId>`+
				`<routeSet><item><destinationCidrBlock>10.0.0.0/16</destinationCidrBlock><transitGatewayAttachments><item>`+
				`<transitGatewayAttachmentId>tgw-attach-1</transitGatewayAttachmentId></item></transitGatewayAttachments><type>static</type>`+
				`<state>active</state></item></routeSet><additionalRoutesAvailable>true</additionalRoutesAvailable></SearchTransitGatewayRoutesResponse>`)
		}
	}))
	defer srv.Close()
	client := ec2client.New(awssdk.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("AKIDTEST", "secret", "")},
		ec2client.Options{Endpoint: srv.URL, Retry: api.RetryPolicy{Attempts: 1}})
	ids := make([]string, 250)
	for i := range ids {
		ids[i] = fmt.Sprintf("vpn-%03d", i)
	}
	atts, err := client.TransitAttachments(context.Background(), "us-east-1", aws.TGWAttachmentQuery{ConnectionIDs: ids})
	if err != nil || len(atts) != 2 || atts[0].AssociatedTable != "tgw-rtb-1" || atts[0].AssociationState != "associated" {
		t.Fatalf("%+v %v", atts, err)
	}
	table, err := client.TransitRoutes(context.Background(), "us-east-1", aws.TGWRouteQuery{TableID: "tgw-rtb-1"})
	if err != nil || !table.Truncated || len(table.Routes) != 1 || !table.Routes[0].To("tgw-attach-1") || table.Routes[0].Type != "static" {
		t.Fatalf("%+v %v", table, err)
	}
	want := "attachments resource-type=vpn resource-id=200 ids max 1000; attachments resource-type=vpn resource-id=50 ids max 1000; " +
		"search tgw-rtb-1 state=active,blackhole max 1000"
	if got := strings.Join(asked, "; "); got != want {
		t.Errorf("asked %s\nwant  %s", got, want)
	}
}
