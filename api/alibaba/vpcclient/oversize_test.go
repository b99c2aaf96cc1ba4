package vpcclient_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

// hostile starts an endpoint that answers every call with answer(its
// parameters, rows asked), and a client of it that tries each call once.
func hostile(t *testing.T, answer func(w http.ResponseWriter, q url.Values, asked int)) *vpcclient.Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		asked, _ := strconv.Atoi(q.Get("PageSize") + q.Get("MaxResults"))
		w.Header().Set("Content-Type", "application/json")
		answer(w, q, asked)
	}))
	t.Cleanup(srv.Close)
	c, err := vpcclient.New("cn-hangzhou", vpcclient.Options{Endpoint: srv.URL, ReadTimeout: 30 * time.Second,
		Credential: credentials.NewStaticAKCredentialsProvider("id", "secret"), Retry: api.RetryPolicy{Attempts: 1}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// rows is n JSON objects made by row(i).
func rows(n int, row func(i int) string) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = row(i)
	}
	return strings.Join(parts, ",")
}

// A page with more rows than asked is the service's error, said as such,
// on every paged list: nothing of it is believed, so a walk can never end
// on it as if complete (a page of 200,000 rows where 50 were asked once
// ended a connection walk 470 connections short).
func TestAPageWithMoreRowsThanAskedIsTheServicesError(t *testing.T) {
	c := hostile(t, func(w http.ResponseWriter, q url.Values, asked int) {
		n := 4 * asked
		conn := func(i int) string {
			return fmt.Sprintf(`{"VpnConnectionId":"vco-%d","Status":"ipsec_sa_established"}`, i)
		}
		switch q.Get("Action") {
		case "DescribeVpnGateways":
			fmt.Fprintf(w, `{"RequestId":"r-1","TotalCount":520,"VpnGateways":{"VpnGateway":[%s]}}`,
				rows(n, func(i int) string { return fmt.Sprintf(`{"VpnGatewayId":"vpn-%d"}`, i) }))
		case "DescribeVpnConnections":
			fmt.Fprintf(w, `{"RequestId":"r-1","TotalCount":520,"VpnConnections":{"VpnConnection":[%s]}}`, rows(n, conn))
		case "DescribeSslVpnClients":
			fmt.Fprintf(w, `{"RequestId":"r-1","TotalCount":520,"ClientInfoList":[%s]}`,
				rows(n, func(i int) string { return fmt.Sprintf(`{"CommonName":"c-%d"}`, i) }))
		case "ListIpsecServers":
			fmt.Fprintf(w, `{"RequestId":"r-1","TotalCount":520,"NextToken":"t","IpsecServers":[%s]}`,
				rows(n, func(i int) string { return fmt.Sprintf(`{"IpsecServerId":"iss-%d"}`, i) }))
		case "DescribeVpnConnectionLogs":
			fmt.Fprintf(w, `{"RequestId":"r-1","Count":520,"Data":{"Logs":[%s]}}`,
				rows(n, func(i int) string { return strconv.Quote("2026-11-20 12:00:00 vco-1 line " + strconv.Itoa(i)) }))
		}
	})
	ctx, cur := context.Background(), api.FirstPage(50)
	for action, call := range map[string]func() error{
		"DescribeVpnGateways":    func() error { _, err := c.Gateways(ctx, "cn-hangzhou", cur); return err },
		"DescribeVpnConnections": func() error { _, err := c.Connections(ctx, "cn-hangzhou", "vpn-1", cur); return err },
		"DescribeSslVpnClients":  func() error { _, err := c.SSLClients(ctx, "cn-hangzhou", "vpn-1", cur); return err },
		"ListIpsecServers":       func() error { _, err := c.IPsecServers(ctx, "cn-hangzhou", "", api.FirstPage(20)); return err },
		"DescribeVpnConnectionLogs": func() error {
			_, err := c.ConnectionLogs(ctx, "cn-hangzhou", alibaba.LogQuery{ConnectionID: "vco-1", From: time.Now().Add(-time.Hour), To: time.Now()}, cur)
			return err
		},
	} {
		err := call()
		e, ok := api.AsError(err)
		if !ok || e.Code != "OversizedPage" || e.Kind != api.KindServer || e.RequestID != "r-1" ||
			!strings.Contains(e.Message, "rows where at most") || !strings.Contains(e.Message, "not believed") {
			t.Errorf("%s: %v, want OversizedPage", action, err)
		}
	}
}

// An answer larger than the bound is not read past it and not believed,
// whether it says its length or streams without one; a page within the
// bound is read as before.
func TestAnAnswerLargerThanTheBoundIsNotReadAndNotBelieved(t *testing.T) {
	const huge = 40 << 20 // past the bound, and a valid answer whole
	gateways := `{"RequestId":"r-1","TotalCount":1,"VpnGateways":{"VpnGateway":[{"VpnGatewayId":"vpn-1","Name":"gw"}]}}`
	c := hostile(t, func(w http.ResponseWriter, q url.Values, asked int) {
		if q.Get("Action") == "DescribeVpnGateway" { // says its length
			w.Header().Set("Content-Length", strconv.Itoa(huge))
		}
		pad := strings.Repeat(" ", 64<<10)
		n, _ := fmt.Fprint(w, gateways)
		for written := n; written < huge; written += len(pad) {
			if _, err := fmt.Fprint(w, pad); err != nil {
				return // the client stopped reading
			}
		}
	})
	ctx := context.Background()
	_, err := c.Gateways(ctx, "cn-hangzhou", api.FirstPage(10))
	if e, ok := api.AsError(err); !ok || e.Code != "AnswerTooLarge" || !strings.Contains(e.Message, "larger than 8 MB and is not believed") {
		t.Fatalf("a streamed 40 MB answer: %v", err)
	}
	_, err = c.Gateway(ctx, "cn-hangzhou", "vpn-1")
	if e, ok := api.AsError(err); !ok || e.Code != "AnswerTooLarge" {
		t.Errorf("an answer that says it is 40 MB: %v", err)
	}

	small := hostile(t, func(w http.ResponseWriter, q url.Values, asked int) { fmt.Fprint(w, gateways) })
	if p, err := small.Gateways(ctx, "cn-hangzhou", api.FirstPage(10)); err != nil || len(p.Items) != 1 {
		t.Errorf("a page within the bound: %+v, %v", p, err)
	}
}

// The next page is the one after the page asked for, whatever page number
// and size the answer echoes, and a total no list holds is not believed:
// the walk goes on while pages are full and ends at the first that is not,
// having read every row (an echoed PageNumber of 2^63-1 ended it after one
// page, and a TotalCount of 2^63-1 would size a jump to the end).
func TestAWalkFollowsThePagesAskedNotTheNumbersEchoed(t *testing.T) {
	const all = 120
	c := hostile(t, func(w http.ResponseWriter, q url.Values, asked int) {
		page, _ := strconv.Atoi(q.Get("PageNumber"))
		fmt.Fprintf(w, `{"RequestId":"r-1","PageNumber":9223372036854775807,"PageSize":1,"TotalCount":9223372036854775807,"VpnConnections":{"VpnConnection":[%s]}}`,
			rows(min(asked, max(all-(page-1)*asked, 0)), func(i int) string { return fmt.Sprintf(`{"VpnConnectionId":"vco-%d-%d"}`, page, i) }))
	})
	var got []alibaba.Connection
	cur, calls := api.FirstPage(50), 0
	for ; calls < 10; calls++ {
		p, err := c.Connections(context.Background(), "cn-hangzhou", "vpn-1", cur)
		if err != nil {
			t.Fatal(err)
		}
		if p.Total != -1 {
			t.Errorf("page %d: total %d believed", cur.Number(), p.Total)
		}
		got = append(got, p.Items...)
		if !p.More {
			break
		}
		if p.Next.Number() != cur.Number()+1 {
			t.Fatalf("after page %d comes page %d", cur.Number(), p.Next.Number())
		}
		cur = p.Next
	}
	if len(got) != all || calls != 2 {
		t.Errorf("%d rows in %d calls after the first, want %d in 2", len(got), calls, all)
	}
}
