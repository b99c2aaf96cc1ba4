package ec2client_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/api/aws/ec2client"
	"github.com/vpnscope/vpnscope/api/fault"
)

// hostile starts an endpoint that answers EC2 and CloudWatch Logs calls
// with answer(action, rows asked), and a client of it that tries once.
func hostile(t *testing.T, answer func(w http.ResponseWriter, action string, asked int)) *ec2client.Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("x-amzn-RequestId", "r-1")
		if target := r.Header.Get("X-Amz-Target"); target != "" {
			var asked int
			if i := strings.Index(string(body), `"limit":`); i >= 0 {
				fmt.Sscan(string(body[i+len(`"limit":`):]), &asked)
			}
			w.Header().Set("Content-Type", "application/x-amz-json-1.1")
			answer(w, strings.TrimPrefix(target, "Logs_20140328."), asked)
			return
		}
		form, _ := url.ParseQuery(string(body))
		asked, _ := strconv.Atoi(form.Get("MaxResults"))
		w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
		answer(w, form.Get("Action"), asked)
	}))
	t.Cleanup(srv.Close)
	cfg := awssdk.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("AKID", "secret", "")}
	return ec2client.New(cfg, ec2client.Options{Endpoint: srv.URL, ReadTimeout: 30 * time.Second, Retry: api.RetryPolicy{Attempts: 1}})
}

// items is n <item>s made by item(i).
func items(n int, item func(i int) string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString("<item>" + item(i) + "</item>")
	}
	return b.String()
}

// A page with more rows than MaxResults (or FilterLogEvents' limit) asked
// for is the service's error, said as such, on every paged list: nothing
// of it is believed, so a walk never ends on it as if complete.
func TestAPageWithMoreRowsThanAskedIsTheServicesError(t *testing.T) {
	lists := map[string]string{
		"DescribeClientVpnEndpoints":          "clientVpnEndpoint",
		"DescribeClientVpnConnections":        "connections",
		"DescribeClientVpnTargetNetworks":     "clientVpnTargetNetworks",
		"DescribeClientVpnRoutes":             "routes",
		"DescribeClientVpnAuthorizationRules": "authorizationRule",
		"DescribeTransitGateways":             "transitGatewaySet",
	}
	c := hostile(t, func(w http.ResponseWriter, action string, asked int) {
		n := 4 * asked
		if action == "FilterLogEvents" {
			events := make([]string, n)
			for i := range events {
				events[i] = fmt.Sprintf(`{"logStreamName":"s","timestamp":%d,"message":"m%d","eventId":"%d"}`, 1700000000000+i, i, i)
			}
			fmt.Fprintf(w, `{"events":[%s]}`, strings.Join(events, ","))
			return
		}
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><%sResponse><requestId>r-1</requestId><%s>%s</%s></%sResponse>`,
			action, lists[action], items(n, func(i int) string {
				return fmt.Sprintf("<clientVpnEndpointId>cvpn-endpoint-%d</clientVpnEndpointId>", i)
			}),
			lists[action], action)
	})
	ctx, cur := context.Background(), api.FirstPage(50)
	for action, call := range map[string]func() error{
		"DescribeClientVpnEndpoints": func() error { _, err := c.Endpoints(ctx, "us-east-1", cur); return err },
		"DescribeClientVpnConnections": func() error {
			_, err := c.Connections(ctx, "us-east-1", "cvpn-endpoint-1", aws.ConnectionFilter{}, cur)
			return err
		},
		"DescribeClientVpnTargetNetworks":     func() error { _, err := c.TargetNetworks(ctx, "us-east-1", "cvpn-endpoint-1", cur); return err },
		"DescribeClientVpnRoutes":             func() error { _, err := c.Routes(ctx, "us-east-1", "cvpn-endpoint-1", cur); return err },
		"DescribeClientVpnAuthorizationRules": func() error { _, err := c.AuthorizationRules(ctx, "us-east-1", "cvpn-endpoint-1", cur); return err },
		"DescribeTransitGateways":             func() error { _, err := c.TransitGateways(ctx, "us-east-1", nil); return err },
		"FilterLogEvents": func() error {
			_, err := c.FilterLogEvents(ctx, "us-east-1", aws.LogQuery{Group: "g", Limit: 100})
			return err
		},
	} {
		err := call()
		e, ok := api.AsError(err)
		if !ok || e.Code != "OversizedPage" || e.Kind != api.KindServer || !strings.Contains(e.Message, "rows where at most") {
			t.Errorf("%s: %v, want OversizedPage", action, err)
		}
		if ok && e.RequestID != "r-1" {
			t.Errorf("%s: request id %q", action, e.RequestID)
		}
	}
}

// An answer larger than the bound is not read past it and not believed,
// whether it says its length or streams without one, on EC2 and on
// CloudWatch Logs (it was cut at 32 MB and the rest believed).
func TestAnAnswerLargerThanTheBoundIsNotReadAndNotBelieved(t *testing.T) {
	const huge = 40 << 20
	c := hostile(t, func(w http.ResponseWriter, action string, asked int) {
		answer := `<?xml version="1.0" encoding="UTF-8"?><DescribeVpnGatewaysResponse><requestId>r-1</requestId><vpnGatewaySet>` +
			`<item><vpnGatewayId>vgw-1</vpnGatewayId><state>available</state></item></vpnGatewaySet></DescribeVpnGatewaysResponse>`
		switch action {
		case "FilterLogEvents":
			answer = `{"events":[]}`
		case "DescribeCustomerGateways":
			w.Header().Set("Content-Length", strconv.Itoa(huge))
		}
		pad := strings.Repeat(" ", 64<<10)
		n, _ := io.WriteString(w, answer)
		for written := n; written < huge; written += len(pad) {
			if _, err := io.WriteString(w, pad); err != nil {
				return
			}
		}
	})
	ctx := context.Background()
	for what, call := range map[string]func() error{
		"a streamed DescribeVpnGateways": func() error { _, err := c.VirtualPrivateGateways(ctx, "us-east-1", nil); return err },
		"a DescribeCustomerGateways that says it is 40 MB": func() error {
			_, err := c.CustomerGateways(ctx, "us-east-1", []string{"cgw-1"})
			return err
		},
		"a streamed FilterLogEvents": func() error { _, err := c.FilterLogEvents(ctx, "us-east-1", aws.LogQuery{Group: "g"}); return err },
	} {
		err := call()
		if e, ok := api.AsError(err); !ok || e.Code != "AnswerTooLarge" || !strings.Contains(e.Message, "MB and is not believed") {
			t.Errorf("%s: %v", what, err)
		}
	}
}

// A service that answers an endpoint's target networks with far more rows
// than asked (the oversize fault: 4×) is not believed: each endpoint with
// a target network is a finding that its target networks could not be
// read, saying why, never judged on a list it did not get.
func TestScanCountsAnOversizedPageAsNotRead(t *testing.T) {
	r := newRig(t, "")
	f, err := fault.Parse("oversize:action=DescribeClientVpnTargetNetworks")
	if err != nil {
		t.Fatal(err)
	}
	r.emu.SetFaults(f)
	fs, errs, last := scanAll(t, r.client, aws.ScanOptions{Regions: []string{"us-east-1"}})
	unread := 0
	for _, e := range errs {
		if e.ResourceID == "" || !strings.Contains(e.Err.Error(), "OversizedPage") {
			t.Errorf("%s %s: %v", e.Region, e.ResourceID, e.Err)
		}
	}
	for _, f := range fs {
		if f.Resource != "client-vpn-endpoint" || !slices.Contains(f.Unchecked, "its target networks") {
			continue
		}
		unread++
		if !strings.Contains(f.Reason, "OversizedPage") {
			t.Errorf("%s: reason %q", f.ResourceName, f.Reason)
		}
	}
	if unread == 0 || unread != len(errs) || !last.Done {
		t.Errorf("%d endpoints' target networks unread in the findings, %d in the errors, done %v", unread, len(errs), last.Done)
	}
}
