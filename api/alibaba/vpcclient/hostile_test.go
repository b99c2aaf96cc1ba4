package vpcclient_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

// A hostile or broken endpoint's text (names, descriptions, error
// messages) comes out of the client with no control sequence left, through
// the real SDK, so no screen or `vpnscope problems` table can be made to
// blink, recolour or retitle the terminal, nor a right-to-left override
// reverse the rest of a row.
func TestAnswersComeOutPrintable(t *testing.T) {
	hostile := `evil\u001b]2;PWNED\u0007\u001b[5mX\u202egnp.exe`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("Action") == "DescribeVpnGateway" {
			w.WriteHeader(400)
			w.Write([]byte(`{"RequestId":"r-1","Code":"Bad\u001b[31m","Message":"` + hostile + `"}`))
			return
		}
		w.Write([]byte(`{"RequestId":"r-1","TotalCount":1,"PageNumber":1,"PageSize":10,"VpnGateways":{"VpnGateway":[` +
			`{"VpnGatewayId":"vpn-1","Name":"` + hostile + `","Description":"` + hostile + `","Status":"active"}]}}`))
	}))
	defer srv.Close()
	c, err := vpcclient.New("cn-hangzhou", vpcclient.Options{Endpoint: srv.URL,
		Credential: credentials.NewStaticAKCredentialsProvider("id", "secret"), Retry: api.RetryPolicy{Attempts: 1}})
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.Gateways(context.Background(), "cn-hangzhou", api.FirstPage(10))
	if err != nil || len(p.Items) != 1 {
		t.Fatalf("%+v, %v", p, err)
	}
	for _, s := range []string{p.Items[0].Name, p.Items[0].Description} {
		if strings.ContainsAny(s, "\x1b\a\u202e") || !strings.Contains(s, "PWNED") {
			t.Errorf("a name came out as %q", s)
		}
	}
	_, err = c.Gateway(context.Background(), "cn-hangzhou", "vpn-1")
	if err == nil || strings.ContainsAny(err.Error(), "\x1b\a\u202e") {
		t.Errorf("the error: %q", err)
	}
}
